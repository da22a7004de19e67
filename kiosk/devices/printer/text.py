"""The Chinese-aware text writer: display width, wrapping and the bytes of a text run.

Why not `Escpos.text()`: it picks an encoding per string (GB18030 only when the string holds a
U+4E00..U+9FA5 character), so a line of only CJK punctuation prints as `?`, Latin text goes
through single-byte code pages that a printer in Chinese mode misreads, and `¥` becomes a 4-byte
GB18030 code that GBK fonts print as junk. Here one rule holds for every run: the whole string is
encoded in the printer's Chinese encoding (GB18030 or GBK). ASCII stays one byte and one column;
everything else is one double-byte glyph of two columns (24 dots in Font A).
"""
from __future__ import annotations

import unicodedata

# Characters every Chinese printer font has in a two-byte form; the one-byte forms are not in GBK.
_SUBSTITUTES = {
    "\u00a5": "\uffe5",   # ¥ YEN SIGN -> ￥ FULLWIDTH YEN SIGN (GBK A3A4); GB18030 would send 4 bytes
    "\u00a0": " ",        # no-break space
    "\t": "  ",
    "\u2212": "-",        # minus sign
    "\u2022": "\u00b7",   # bullet -> middle dot (GBK A1A4)
}
# May not start a line (标点避头): they join the previous line's last character instead.
_NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}")
# May not end a line (避尾).
_NO_LINE_END = set("（《「『【〔〈“‘([{")

ENCODINGS = ("gb18030", "gbk")
FALLBACK_CHAR = "\uff1f"  # ？ fullwidth question mark: a visible, two-column stand-in for what GBK lacks


def normalize(text: str, encoding: str = "gb18030") -> str:
    """What will be printed: substitutes, no control characters, nothing the encoding cannot say."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        ch = _SUBSTITUTES.get(ch, ch)
        for c in ch:
            if c == "\n" or c == "\r":
                out.append(" ")
                continue
            cat = unicodedata.category(c)
            if cat in ("Cc", "Cf", "Cs", "Co", "Cn") or cat.startswith("M") and ord(c) < 0x0300:
                continue
            if cat.startswith("M"):
                continue  # combining marks would shift the column count
            try:
                c.encode(encoding)
            except UnicodeEncodeError:
                c = FALLBACK_CHAR
            out.append(c)
    return "".join(out)


def char_width(ch: str) -> int:
    return 1 if ord(ch) < 0x80 else 2


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def _tokens(text: str) -> list[str]:
    """Latin words (with their trailing space) stay whole; every other character is its own token."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ord(ch) < 0x80 and ch != " ":
            word += ch
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(ch)
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, width: int) -> list[str]:
    """Lines of display width <= `width`; never splits a character, keeps Latin words whole when
    they fit, keeps closing punctuation off the start of a line. Always at least one line."""
    if width < 2:
        raise ValueError("a line must hold at least one Chinese character (2 columns)")
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        tw = display_width(token)
        if tw > width:  # a word longer than a line: break it by character
            for ch in token:
                if display_width(line) + char_width(ch) > width:
                    lines.append(line)
                    line = ""
                line += ch
            continue
        if display_width(line) + tw <= width:
            line += token
            continue
        if token == " ":
            lines.append(line)
            line = ""
            continue
        # token does not fit: carry it to a new line, respecting the punctuation rules when the
        # result still fits (the width limit always wins over typography)
        carry = ""
        # pull characters down until the new line starts with something that may start a line
        while (carry + token)[0] in _NO_LINE_START and len(line) > 1 and ord(line[-1]) >= 0x80:
            carry, line = line[-1] + carry, line[:-1]
        while line and line[-1] in _NO_LINE_END and len(line) > 1:
            carry, line = line[-1] + carry, line[:-1]
        if display_width(carry + token) > width:
            line, carry = line + carry, ""
        lines.append(line.rstrip(" "))
        line = carry + token
    lines.append(line.rstrip(" "))
    return [ln for ln in lines if ln != ""] or [""]


def pad(text: str, width: int, align: str = "left") -> str:
    """`text` padded with spaces to exactly `width` columns (text must already fit)."""
    gap = max(0, width - display_width(text))
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


class ChineseTextWriter:
    """Turns text into printer bytes in one encoding; the caller sends them with `_raw`."""

    def __init__(self, encoding: str = "gb18030"):
        if encoding not in ENCODINGS:
            raise ValueError(f"encoding must be one of {ENCODINGS}")
        self.encoding = encoding

    def prepare(self, text: str) -> str:
        return normalize(text, self.encoding)

    def encode(self, text: str) -> bytes:
        return self.prepare(text).encode(self.encoding)
