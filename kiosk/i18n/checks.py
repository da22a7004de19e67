"""What `kiosk i18n import` checks in each translated message before it installs a file.

- placeholders: the same placeholders as the Chinese source ({seconds}, {window} ...), each as
  many times, in any order; braces that are not a placeholder are an error (the screens fill the
  text with str.format and would fail);
- glyphs: every character is in the bundled font that draws it: Mongolian letters and their
  joiners in Noto Sans Mongolian, everything else in the Chinese face (it holds Latin, digits and
  punctuation; kiosk/ui/fonts.py), as the screens choose faces (kiosk/i18n/vertical.py, kind_of);
- fit: the text fits the box it has (kiosk/i18n/spaces.py) at normal and elder sizes, laid out by
  the screens' own code: a `fit` function given by the caller (kiosk/cli/i18n_fit.py, which needs
  Kivy) returns the reason it does not fit, or None;
- empty: a text of only spaces is not a translation (an empty msgstr is simply "not translated
  yet" and shows the Chinese; fuzzy messages are kept for review and not counted either).

Each problem names the message (its key) and says why, in one line.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from ..paths import FONTS
from .catalogues import placeholders
from .vertical import MONG, kind_of, writes_mongolian

CHINESE_FACE = FONTS / "NotoSansCJKsc-Regular.otf"
MONGOLIAN_FACE = FONTS / "NotoSansMongolian-Regular.ttf"
MODES = ("normal", "elder")

# (key, text, mode) -> why it does not fit, or None
Fit = Callable[[str, str, str], "str | None"]


@dataclass(frozen=True)
class Problem:
    key: str
    why: str

    def __str__(self) -> str:
        return f"{self.key}: {self.why}"


@dataclass(frozen=True)
class Submitted:
    """One message of a translator's file."""
    key: str
    source: str        # the msgid the translator translated
    text: str
    fuzzy: bool = False


@lru_cache(maxsize=4)
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont    # only the import command needs it
    return frozenset(TTFont(path, lazy=True).getBestCmap())


def face_for(ch: str, language: str) -> Path:
    return MONGOLIAN_FACE if writes_mongolian(language) and kind_of(ch) == MONG else CHINESE_FACE


def _without_placeholders(text: str) -> str:
    import string
    return "".join(literal for literal, _n, _s, _c in string.Formatter().parse(text))


def placeholder_problem(source: str, text: str) -> str | None:
    try:
        given = placeholders(text)
    except ValueError as exc:
        return f"broken placeholder ({exc}); write braces only as the Chinese has them"
    wanted = placeholders(source)
    if sorted(given) != sorted(wanted):
        def show(fields):
            return " ".join(fields) if fields else "none"
        return f"placeholders {show(given)} where the Chinese has {show(wanted)}; keep each one exactly as written"
    return None


def glyph_problem(text: str, language: str) -> str | None:
    missing: dict[str, Path] = {}
    for ch in _without_placeholders(text):
        if ch in "\n\t ":
            continue
        face = face_for(ch, language)
        if ord(ch) not in _cmap(face) and ch not in missing:
            missing[ch] = face
    if not missing:
        return None
    named = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')} (not in {face.name})"
                      for ch, face in missing.items())
    return f"character(s) the bundled font cannot draw: {named}"


def check_message(message: Submitted, source: dict[str, str], language: str, fit: Fit | None) -> list[Problem]:
    key, text = message.key, message.text
    if not text:
        return []        # not translated yet: the Chinese is shown
    if key not in source:
        return [Problem(key, "no such message in the kiosk's catalogue (a file of another version? "
                             "export again)")]
    if message.source != source[key]:
        return [Problem(key, "the Chinese source changed since this file was exported: export again, "
                             "your translation is kept and marked for review")]
    if message.fuzzy:
        return []
    if not text.strip():
        return [Problem(key, "empty: only spaces; leave the translation empty to show the Chinese")]
    problems = []
    for why in (placeholder_problem(source[key], text), glyph_problem(text, language)):
        if why:
            problems.append(Problem(key, why))
    if fit is not None and not problems:
        for mode in MODES:
            why = fit(key, text, mode)
            if why:
                problems.append(Problem(key, f"too long for its box at {mode} size: {why}"))
    return problems


def check_file(messages: Iterable[Submitted], source: dict[str, str], language: str,
               fit: Fit | None) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for message in messages:
        if message.key in seen:
            problems.append(Problem(message.key, "translated twice in the file"))
            continue
        seen.add(message.key)
        problems += check_message(message, source, language, fit)
    return problems


def counted(messages: Iterable[Submitted], source: dict[str, str]) -> int:
    """How many translations of a file count (non-empty, not fuzzy, for the current Chinese)."""
    return sum(1 for m in messages if m.key in source and m.source == source[m.key]
               and m.text.strip() and not m.fuzzy)
