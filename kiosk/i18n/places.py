"""Where each message appears, read from the code that uses its key, for the translator's notes.

Every .py and .kv file under kiosk/ is scanned for quoted keys: an exact key ('home.choose') is a
use at that line; a key built at run time (f"part.{name}", "flow.{}.title") counts as a use of
every key it can produce, marked as such. In a .kv file the widget is the nearest enclosing rule
(BigButton, KioskLabel ...) and its id when it has one; the screen is the file's name
(kiosk/screens/home.kv: the home screen; widgets.kv: a shared widget).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import ROOT

KIOSK = ROOT / "kiosk"
_QUOTED = re.compile(r"""(['"])([a-z][a-z0-9_]*(?:\.(?:[a-z0-9_]+|\{[^}'"]*\}))+\.?)\1""")
_RULE = re.compile(r"^\s*<?([A-Z][A-Za-z0-9_@+]*)>?:\s*$")
_ID = re.compile(r"^\s*id:\s*([A-Za-z0-9_]+)\s*$")


@dataclass(frozen=True)
class Use:
    path: str          # relative to the repository
    line: int
    screen: str        # "home", "shared widget", or the module for code outside the screens
    widget: str        # "BigButton#language_button", "" when not in a .kv rule
    built: bool        # the key is built at run time from this prefix


@dataclass
class Places:
    uses: dict[str, list[Use]] = field(default_factory=dict)

    def of(self, key: str) -> list[Use]:
        return self.uses.get(key, [])


def _screen_of(path: Path) -> str:
    rel = path.relative_to(KIOSK)
    if rel.parts[0] == "screens":
        return "shared widget" if path.stem in ("widgets", "text") else f"{path.stem} screen"
    return ".".join(("kiosk",) + rel.with_suffix("").parts)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _widget_at(lines: list[str], index: int) -> str:
    """The kv rule enclosing line `index`, with its id when it has one."""
    indent = _indent(lines[index])
    for back in range(index - 1, -1, -1):
        text = lines[back]
        if not text.strip() or _indent(text) >= indent:
            continue
        indent = _indent(text)
        match = _RULE.match(text)
        if match is None:
            continue
        child = None
        for inner in lines[back + 1:]:
            if not inner.strip():
                continue
            if _indent(inner) <= indent:
                break
            child = _indent(inner) if child is None else child
            found = _ID.match(inner)
            if found and _indent(inner) == child:
                return f"{match[1]}#{found[1]}"
        return match[1]
    return ""


def _prefix_pattern(quoted: str) -> re.Pattern | None:
    if "{" not in quoted:
        return None
    pattern = "".join(re.escape(part) if not part.startswith("{") else r"[a-z0-9_.]+"
                      for part in re.split(r"(\{[^}]*\})", quoted) if part)
    return re.compile(pattern + "$")


def find_places(keys: list[str] | set[str], root: Path = KIOSK) -> Places:
    places = Places()
    known = set(keys)
    for path in sorted(list(root.rglob("*.py")) + list(root.rglob("*.kv"))):
        if "i18n" in path.relative_to(root).parts[:1]:
            continue     # the catalogue code names keys as examples, not as uses
        lines = path.read_text(encoding="utf-8").splitlines()
        kv = path.suffix == ".kv"
        for index, text in enumerate(lines):
            for match in _QUOTED.finditer(text):
                quoted = match[2]
                pattern = _prefix_pattern(quoted)
                if pattern is None and quoted.endswith("."):
                    pattern = re.compile(re.escape(quoted) + r"[a-z0-9_.]+$")
                targets = [quoted] if pattern is None and quoted in known else \
                    [k for k in known if pattern is not None and pattern.match(k)]
                if not targets:
                    continue
                use = Use(str(path.relative_to(ROOT)), index + 1, _screen_of(path),
                          _widget_at(lines, index) if kv else "", pattern is not None)
                for key in targets:
                    places.uses.setdefault(key, []).append(use)
    return places
