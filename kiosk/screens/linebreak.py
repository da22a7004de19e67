"""Line breaking for Chinese (and the English beside it) by the usual rules (禁则), as a pure
function of a text, a width and a way to measure text.

Kivy breaks lines at spaces only and cuts anything longer character by character, so Chinese
wraps wherever the width runs out: "，" at the start of a line, "1234 / 5", "不清 / 楚". Here:

- no line starts with closing punctuation (，。、：；！？）」』】… and their ASCII kin), nor ends
  with opening punctuation (（「『【 …): they stay with the character they belong to;
- a run of letters, digits and the signs inside codes (150626-20261125-000123, 8:30-12:00,
  152627********1234, 12345, an English word) is never split, unless it is wider than the line
  on its own (then it is cut, and counted in `Layout.forced`, so a layout check can say so);
- a single Chinese character is not left alone on the last line when the line above can give
  it a companion ("不清 / 楚" becomes "不 / 清楚").

Breaks fall between Chinese characters, at spaces, and between Chinese and a run. The screens'
label (kiosk/screens/text.py) measures with its own font and hands Kivy the lines.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

# May not begin a line: closing brackets and quotes, sentence and clause marks, iteration and
# prolonged-sound marks, and the halves of ellipses and dashes.
NO_START = frozenset("，。、：；！？）」』】〕〉》〗〙〛”’…‥—·・ー々〜～％‰℃°"
                     ",.:;!?)]}>%")
# May not end a line: opening brackets and quotes.
NO_END = frozenset("（「『【〔〈《〖〘〚“‘([{<")


def is_cjk(char: str) -> bool:
    """A character that stands alone as a unit of Chinese text (ideographs, kana, full-width forms
    and Chinese punctuation): lines may break on either side of it, rules permitting."""
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF
            or char in "…‥—·“”‘’")


def is_ideograph(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


@dataclass
class Layout:
    lines: list[str]
    forced: int = 0      # runs cut because even alone they were wider than the line


def tokens(paragraph: str) -> list[str]:
    """The paragraph as tokens: single CJK characters, runs of anything else but spaces, and
    runs of spaces."""
    found: list[str] = []
    run = ""
    kind = ""
    for char in paragraph:
        this = "space" if char.isspace() else "cjk" if is_cjk(char) else "run"
        if this == "cjk" or this != kind:
            if run:
                found.append(run)
            run, kind = char, this
        else:
            run += char
    if run:
        found.append(run)
    return found


def units(paragraph: str) -> list[tuple[str, bool]]:
    """(text, space_before) for each piece no line break may fall inside: a CJK character or a
    run, with the closing marks that follow it and the opening marks before it."""
    result: list[tuple[str, bool]] = []
    space = False
    glue_next = False   # the last unit ends with an opening mark: the next one joins it
    for token in tokens(paragraph):
        if token.isspace():
            space = True
            continue
        joins = result and not space and (glue_next or token[0] in NO_START)
        if joins:
            text, before = result[-1]
            result[-1] = (text + token, before)
        else:
            result.append((token, space and bool(result)))
        glue_next = token[-1] in NO_END
        space = False
    return result


def _join(pieces: list[tuple[str, bool]]) -> str:
    text = ""
    for i, (piece, space) in enumerate(pieces):
        text += (" " if space and i else "") + piece
    return text


def _cut(piece: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """A run wider than the line: as much on each line as fits, cut after a hyphen or a slash
    when there is one (150626-20261125- / 000123), else between characters (at least one)."""
    parts = []
    while piece:
        end = 1
        while end < len(piece) and measure(piece[:end + 1]) <= width:
            end += 1
        if end < len(piece):
            soft = max(piece.rfind("-", 0, end), piece.rfind("/", 0, end))
            if soft > 0:
                end = soft + 1
        parts.append(piece[:end])
        piece = piece[end:]
    return parts


def _ideographs(line: list[tuple[str, bool]]) -> int:
    return sum(is_ideograph(c) for piece, _ in line for c in piece)


def _lone_character(line: list[tuple[str, bool]]) -> bool:
    """One Chinese character (with its punctuation) and nothing else."""
    return len(line) == 1 and _ideographs(line) == 1 and all(
        is_ideograph(c) or c in NO_START or c in NO_END for c in line[0][0])


def break_paragraph(paragraph: str, width: float, measure: Callable[[str], float]) -> Layout:
    layout = Layout(lines=[])
    lines: list[list[tuple[str, bool]]] = []
    current: list[tuple[str, bool]] = []
    for piece, space in units(paragraph):
        candidate = current + [(piece, space)]
        if measure(_join(candidate)) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = []
        if measure(piece) <= width:
            current = [(piece, False)]
            continue
        layout.forced += 1
        cut = _cut(piece, width, measure)
        lines += [[(part, False)] for part in cut[:-1]]
        current = [(cut[-1], False)]
    if current:
        lines.append(current)
    # A lone last character takes the previous line's last unit with it, when that fits.
    if len(lines) >= 2 and _lone_character(lines[-1]) and len(lines[-2]) >= 2:
        moved_text, _ = lines[-2][-1]
        merged = [(moved_text, False)] + [(p, s) for p, s in lines[-1]]
        if measure(_join(merged)) <= width:
            lines[-2] = lines[-2][:-1]
            lines[-1] = merged
    layout.lines = [_join(line) for line in lines] or [""]
    return layout


def break_text(text: str, width: float | None, measure: Callable[[str], float]) -> Layout:
    """The lines of `text` (explicit newlines kept) in `width` measured by `measure`; with no
    width, the text as it is."""
    if width is None:
        return Layout(lines=text.split("\n"))
    layout = Layout(lines=[])
    for paragraph in text.split("\n"):
        part = break_paragraph(paragraph, width, measure)
        layout.lines += part.lines
        layout.forced += part.forced
    return layout
