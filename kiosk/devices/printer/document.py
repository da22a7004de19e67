"""A printable document as plain blocks, independent of paper width.

Layouts (kiosk/services/documents/) build a PrintDocument; the encoder turns it into ESC/POS
bytes for one printer profile, wrapping by display width. Blocks are plain data so a document can
be stored in the job journal as JSON and printed again, marked 补打, after a crash.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace

REPRINT_MARK = "补打"


@dataclass(frozen=True)
class Text:
    text: str
    align: str = "left"       # left | center | right
    bold: bool = False
    scale: int = 1            # 1 normal, 2 double width and height (GS !), 3 triple

    def __post_init__(self):
        if self.align not in ("left", "center", "right"):
            raise ValueError(f"align must be left, center or right, not {self.align!r}")
        if not 1 <= self.scale <= 4:
            raise ValueError("scale must be 1..4")


@dataclass(frozen=True)
class Field:
    """`label：value`, the value wrapped under itself (hanging indent)."""
    label: str
    value: str
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    char: str = "-"


@dataclass(frozen=True)
class QrCode:
    payload: str
    caption: str = ""


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Bitmap:
    """A small 1-bit picture: a line in a script the printer has no font for (Mongolian).
    Rows are packed 8 dots a byte, first dot in the high bit, 1 = black, as hex so the journal
    keeps it as JSON. Wider than the paper, it is cut at the right edge."""
    width: int
    height: int
    rows: str
    align: str = "center"

    def __post_init__(self):
        if self.align not in ("left", "center", "right"):
            raise ValueError(f"align must be left, center or right, not {self.align!r}")
        if self.width <= 0 or self.height <= 0 or len(self.rows) != 2 * self.height * ((self.width + 7) // 8):
            raise ValueError("bitmap rows do not match its size")


Block = Text | Field | Rule | QrCode | Feed | Bitmap
_BLOCK_TYPES = {cls.__name__: cls for cls in (Text, Field, Rule, QrCode, Feed, Bitmap)}


@dataclass(frozen=True)
class PrintDocument:
    kind: str                                  # receipt | certificate | rating | test
    blocks: tuple[Block, ...]
    summary: str = ""                          # non-personal, for the journal and logs (e.g. 办件编号)
    reprint: bool = False
    meta: tuple[tuple[str, str], ...] = field(default=())

    def marked_reprint(self, when: str = "") -> "PrintDocument":
        """The same document with a visible 补打 mark on top and a reprint line at the end.

        Idempotent: a reprint of a reprint carries one mark, not two.
        """
        if self.reprint:
            return self
        banner = Text(f"【{REPRINT_MARK}】", align="center", bold=True, scale=2)
        tail: tuple[Block, ...] = (Field(f"{REPRINT_MARK}时间", when),) if when else ()
        return replace(self, blocks=(banner,) + self.blocks + tail, reprint=True)

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind, "summary": self.summary, "reprint": self.reprint,
                           "meta": [list(m) for m in self.meta],
                           "blocks": [{"type": type(b).__name__, **asdict(b)} for b in self.blocks]},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "PrintDocument":
        raw = json.loads(text)
        blocks = []
        for b in raw["blocks"]:
            b = dict(b)
            blocks.append(_BLOCK_TYPES[b.pop("type")](**b))
        return cls(kind=raw["kind"], blocks=tuple(blocks), summary=raw.get("summary", ""),
                   reprint=bool(raw.get("reprint")), meta=tuple(tuple(m) for m in raw.get("meta", ())))
