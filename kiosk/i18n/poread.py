"""A small, fast reader of the kiosk's PO catalogues, for start-up.

Babel's `read_po` builds a full Catalog (Message objects, comments, locations, dates): several
times the time of this reader on the kiosk's catalogues, and the kiosk starts every morning and
after every restart. The terminal needs only
context -> (source, translation, fuzzy); everything else (writing, merging, checking) uses Babel.
`tests/unit/test_po_catalogues.py` proves this reader agrees with Babel on every catalogue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass(frozen=True)
class Entry:
    context: str
    source: str        # msgid: the Chinese text
    text: str          # msgstr ("" when untranslated)
    fuzzy: bool


def _unquote(token: str, _where: str = "") -> str:
    inner = token[1:-1]
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m[1], m[1]), inner) if "\\" in inner else inner


_FIELDS = {"msgid": "msgid", "msgstr": "msgstr", "msgstr[0]": "msgstr", "msgid_plural": "msgid_plural"}


def _fuzzy(comments: str) -> bool:
    """Whether the comment lines before a message flag it fuzzy ("#, fuzzy, python-brace-format")."""
    if "fuzzy" not in comments:
        return False
    for line in comments.split("\n"):
        if line.startswith("#,") and "fuzzy" in (flag.strip() for flag in line[2:].split(",")):
            return True
    return False


def _message(path: Path, body: str) -> tuple[str, str, str]:
    """(msgctxt, msgid, msgstr) of a message's lines, its "msgctxt " already taken off."""
    fields: dict[str, str] = {}
    current = "msgctxt"
    fields[current] = ""
    for line in body.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line[0] != '"':
            keyword, _, line = line.partition(" ")
            current = _FIELDS.get(keyword, "")
            if not current or current in fields:
                raise ValueError(f"{path}: {body[:60]!r}: a message the kiosk cannot read (msgctxt, msgid and "
                                 "msgstr, each a quoted string, in that order, messages separated by a blank line)")
            fields[current] = ""
        if len(line) < 2 or line[0] != '"' or line[-1] != '"':
            raise ValueError(f"{path}: {body[:60]!r}: expected a quoted string, found {line[:40]!r}")
        fields[current] += _unquote(line, "")
    if "msgid" not in fields:
        raise ValueError(f"{path}: {body[:60]!r}: a message without msgid")
    return fields["msgctxt"], fields["msgid"], fields.get("msgstr", "")


def read_entries(path: Path) -> list[Entry]:
    """The active (not obsolete) messages of a PO file that have a context, in file order.

    The file is cut at each line starting "msgctxt " (obsolete ones start "#~"): each piece is one
    message up to the blank line, then the comments of the next one (where its flags are). Only
    the few lines of the message itself are parsed one by one; the comments, most of the file,
    are skipped whole."""
    # bytes decoded at once: text mode's newline translation costs more than the parsing
    pieces = path.read_bytes().decode("utf-8").replace("\r\n", "\n").split("\nmsgctxt ")
    entries = []
    comments = pieces[0]
    for piece in pieces[1:]:
        body, _, after = piece.partition("\n\n")
        context, source, text = _message(path, body)
        entries.append(Entry(context, source, text, _fuzzy(comments.rpartition("\n\n")[2])))
        comments = after
    return entries
