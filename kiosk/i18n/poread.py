"""A small, fast reader of the kiosk's PO catalogues, for start-up.

Babel's `read_po` builds a full Catalog (Message objects, comments, locations, dates): about ten
times the time of this reader on the kiosk's catalogues (README, "For the bureau's translator"),
and the kiosk starts every morning and after every restart. The terminal needs only
context -> (source, translation, fuzzy); everything else (writing, merging, checking) uses Babel.
`tests/unit/test_po_catalogues.py` proves this reader agrees with Babel on every catalogue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_ESCAPE = re.compile(r"\\(.)")
_KEYWORDS = {"msgctxt": "msgctxt", "msgid": "msgid", "msgstr": "msgstr", "msgid_plural": "msgid_plural",
             "msgstr[0]": "msgstr"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass(frozen=True)
class Entry:
    context: str
    source: str        # msgid: the Chinese text
    text: str          # msgstr ("" when untranslated)
    fuzzy: bool


def _unquote(token: str, where: str) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"{where}: expected a quoted string, found {token[:40]!r}")
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m[1], m[1]), token[1:-1])


def read_entries(path: Path) -> list[Entry]:
    """The active (not obsolete) messages of a PO file that have a context, in file order.

    Messages are separated by blank lines (as Babel and gettext write them); comment lines,
    most of each message, are dropped in one pass before any parsing."""
    entries: list[Entry] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.split("\n")
        code = [line for line in lines if line and line[0] != "#"]
        if not code:
            continue
        fields: dict[str, str] = {}
        current = None
        for line in code:
            line = line.strip()
            if line[0] == '"':
                if current is None:
                    raise ValueError(f"{path}: a string continues no keyword: {line[:40]!r}")
                fields[current] += _unquote(line, str(path))
                continue
            keyword, _, rest = line.partition(" ")
            if keyword not in _KEYWORDS:
                raise ValueError(f"{path}: unknown keyword {keyword!r} near {line[:40]!r}")
            current = _KEYWORDS[keyword]
            if current in fields:
                raise ValueError(f"{path}: two {keyword} in one message near {line[:40]!r}; "
                                 "messages are separated by a blank line")
            fields[current] = _unquote(rest, str(path))
        if "msgctxt" in fields and "msgid" in fields:
            fuzzy = any(line.startswith("#,") and "fuzzy" in (f.strip() for f in line[2:].split(","))
                        for line in lines)
            entries.append(Entry(fields["msgctxt"], fields["msgid"], fields.get("msgstr", ""), fuzzy))
    return entries
