"""Traditional Mongolian laid out as it is written: top to bottom, columns left to right.

Pure logic, no Kivy: a renderer (kiosk/screens/vertical_label.py) gives a `Measure` backed by the
real text provider, tests give a deterministic one. A line is the horizontally shaped text
turned 90 degrees clockwise, so its length down the column is its shaped width; lines are
broken at spaces on the available height, and a line break never falls inside a word unless
the word alone is taller than the box (then it is cut between letters and `split_words` says so).

Mixed runs follow the usual convention: Latin letters and digits turn with the Mongolian line
(`latin` runs, drawn by the Chinese face, which has Latin and digits; the Mongolian face has
neither); Chinese characters and full-width punctuation stand upright, one em box each
(`cjk` runs). Simplification: no vertical presentation forms for CJK punctuation, and no
upright short numbers (tate-chu-yoko); both are rare in the kiosk's messages.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Protocol

MONG, LATIN, CJK = "mong", "latin", "cjk"
ROTATED = (MONG, LATIN)

# UI languages written in Mongolian script (the pseudo-locale proves their layout).
MONGOLIAN_SCRIPT_LANGUAGES = frozenset({"mn", "x-mn-pseudo"})

# Characters that belong to the letter before them (never a place to cut a word).
_JOINERS = {0x180B, 0x180C, 0x180D, 0x180E, 0x180F, 0x200C, 0x200D, 0x202F}
# CJK closing punctuation never starts a column.
_CJK_CLOSING = set("，。、；：？！）」』》〉】〕”’…")


class Measure(Protocol):
    thickness: float                      # a column's width: the line height of the faces

    def rotated(self, text: str, kind: str) -> float:
        """Length down the column of a run turned with the line: its horizontal shaped width."""

    def upright(self, text: str) -> float:
        """Length down the column of upright characters (the sum of their em boxes)."""


def kind_of(ch: str) -> str | None:
    """mong, cjk, latin; None for a space (it joins the run around it)."""
    cp = ord(ch)
    if 0x1800 <= cp <= 0x18AF or 0x11660 <= cp <= 0x1167F or cp in _JOINERS:
        return MONG
    if ch.isspace():
        return None
    if (0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFF60
            or 0x20000 <= cp <= 0x3FFFF or 0xFE30 <= cp <= 0xFE4F or ch in _CJK_CLOSING):
        return CJK
    return LATIN


def writes_mongolian(language: str) -> bool:
    """Whether a UI language is written in Mongolian script (so the screens lay it in columns)."""
    return language in MONGOLIAN_SCRIPT_LANGUAGES


def has_mongolian(text: str) -> bool:
    """Whether a text holds Mongolian letters (a joiner alone is not a letter)."""
    return any(0x1820 <= ord(ch) <= 0x18AF or 0x1800 <= ord(ch) <= 0x180A or 0x1810 <= ord(ch) <= 0x1819
               or 0x11660 <= ord(ch) <= 0x1167F for ch in text)


@dataclass(frozen=True)
class PlacedRun:
    kind: str
    text: str
    top: float        # distance from the top of the box to the start of the run
    length: float     # extent down the column


@dataclass(frozen=True)
class Column:
    index: int
    x: float          # left edge, from the box's left
    text: str
    runs: tuple[PlacedRun, ...]
    length: float


@dataclass(frozen=True)
class VerticalLayout:
    columns: tuple[Column, ...]
    height: float              # the available height the lines were broken on
    thickness: float
    column_gap: float
    split_words: bool          # a word taller than the box was cut between letters
    overflow: bool             # some column is longer than the height (a letter taller than the box)

    @property
    def width(self) -> float:
        n = len(self.columns)
        return n * self.thickness + max(0, n - 1) * self.column_gap


def runs_of(line: str) -> list[tuple[str, str]]:
    """(kind, text) runs of a line: consecutive letters of one kind, one run per CJK character
    (each stands in its own box). A space joins the rotated run it follows, or starts a Latin one."""
    runs: list[list[str]] = []
    for ch in line:
        kind = kind_of(ch)
        if kind is None:
            if runs and runs[-1][0] in ROTATED:
                runs[-1][1] += ch
            else:
                runs.append([LATIN, ch])
            continue
        if runs and kind != CJK and runs[-1][0] == kind:
            runs[-1][1] += ch
        elif runs and kind != CJK and runs[-1][0] == LATIN and runs[-1][1].isspace():
            runs[-1] = [kind, runs[-1][1] + ch]     # a leading space takes the kind of what follows
        else:
            runs.append([kind, ch])
    return [(k, t) for k, t in runs]


def line_length(line: str, measure: Measure) -> float:
    return sum(measure.upright(t) if k == CJK else measure.rotated(t, k) for k, t in runs_of(line))


def tokens_of(paragraph: str) -> list[str]:
    """Break units: a word (letters of any rotated kind, with its suffixes joined by U+202F)
    with the spaces before it, or one CJK character (with any closing punctuation after it)."""
    tokens: list[str] = []
    pending_space = ""
    for ch in paragraph:
        kind = kind_of(ch)
        if kind is None:
            pending_space += ch
            continue
        if kind == CJK and ch in _CJK_CLOSING and tokens and not pending_space:
            tokens[-1] += ch
        elif kind == CJK or not tokens or pending_space or kind_of(tokens[-1][-1]) == CJK:
            tokens.append(pending_space + ch)
        else:
            tokens[-1] += ch
        pending_space = ""
    return tokens


def _cut_points(word: str) -> list[int]:
    """Where a word taller than the box may be cut: before any letter that is not a joiner or mark."""
    return [i for i in range(1, len(word))
            if ord(word[i]) not in _JOINERS and not unicodedata.category(word[i]).startswith("M")]


def _cut(word: str, height: float, measure: Measure) -> list[str]:
    pieces, start = [], 0
    cuts = _cut_points(word) + [len(word)]
    while start < len(word):
        end = None
        for c in cuts:
            if c <= start:
                continue
            if end is not None and line_length(word[start:c], measure) > height:
                break
            end = c
        pieces.append(word[start:end])
        start = end
    return pieces


def layout_vertical(text: str, height: float, measure: Measure, column_gap: float = 0.0) -> VerticalLayout:
    """Breaks `text` into columns no longer than `height` (a newline starts a new column)."""
    lines: list[str] = []
    split = False
    for paragraph in text.split("\n"):
        line = ""
        for token in tokens_of(paragraph):
            candidate = line + token if line else token.lstrip()
            if not line or line_length(candidate, measure) <= height:
                line = candidate
            else:
                lines.append(line)
                line = token.lstrip()
            if line_length(line, measure) > height and len(_cut_points(line)) > 0 and line == token.lstrip():
                *full, line = _cut(line, height, measure)
                split = split or bool(full)
                lines += full
        lines.append(line)
    if lines == [""]:
        lines = []
    columns = []
    for i, line in enumerate(lines):
        top, placed = 0.0, []
        for kind, run in runs_of(line):
            length = measure.upright(run) if kind == CJK else measure.rotated(run, kind)
            placed.append(PlacedRun(kind, run, top, length))
            top += length
        columns.append(Column(i, i * (measure.thickness + column_gap), line, tuple(placed), top))
    overflow = any(c.length > height for c in columns)
    return VerticalLayout(tuple(columns), height, measure.thickness, column_gap, split, overflow)
