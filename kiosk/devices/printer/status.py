"""Real-time status (DLE EOT 1..4) parsed into one typed PrinterStatus.

Every DLE EOT reply is one byte whose fixed bits are 0xx1xx10 (bit 0 = 0, bit 1 = 1, bit 4 = 1,
bit 7 = 0). A missing reply or one whose fixed bits are wrong is *unknown*: python-escpos 3.1
reads an empty reply as "paper OK", which is exactly the failure we must not repeat.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .errors import (CoverOpen, CutterError, PaperOut, PrinterError, PrinterHardwareError, PrinterNotResponding,
                     PrinterOffline)

DLE_EOT = b"\x10\x04"
QUERIES = (1, 2, 3, 4)  # printer, off-line cause, error cause, roll paper sensor


def status_request(n: int) -> bytes:
    if n not in QUERIES:
        raise ValueError(f"DLE EOT {n} is not a status query this driver uses")
    return DLE_EOT + bytes([n])


def valid_reply(byte: int | None) -> bool:
    return byte is not None and (byte & 0x93) == 0x12


class Paper(enum.Enum):
    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"
    UNKNOWN = "unknown"


class Condition(enum.Enum):
    """The one word a screen or a heartbeat needs; ordered by what must be fixed first."""
    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"     # prints, but tell the technician
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    CUTTER_ERROR = "cutter_error"
    UNRECOVERABLE_ERROR = "unrecoverable_error"
    OFFLINE = "offline"
    UNKNOWN = "unknown"
    NOT_SUPPORTED = "not_supported"       # the transport cannot read (file): nothing is claimed


CONDITION_KEYS = {c: f"printer.status.{c.value}" for c in Condition}
_REFUSALS: dict[Condition, type[PrinterError]] = {
    Condition.PAPER_OUT: PaperOut,
    Condition.COVER_OPEN: CoverOpen,
    Condition.CUTTER_ERROR: CutterError,
    Condition.UNRECOVERABLE_ERROR: PrinterHardwareError,
    Condition.OFFLINE: PrinterOffline,
    Condition.UNKNOWN: PrinterNotResponding,
}


@dataclass(frozen=True)
class PrinterStatus:
    """None in a field means "not known" (no or malformed reply)."""
    online: bool | None = None
    paper: Paper = Paper.UNKNOWN
    cover_open: bool | None = None
    cutter_error: bool | None = None
    unrecoverable_error: bool | None = None
    recoverable_error: bool | None = None
    replies: dict[int, int | None] = field(default_factory=dict, compare=False)
    supported: bool = True

    @classmethod
    def not_supported(cls) -> "PrinterStatus":
        return cls(supported=False)

    @classmethod
    def from_replies(cls, replies: dict[int, int | None]) -> "PrinterStatus":
        """`replies` maps n of DLE EOT n to the reply byte (None when nothing came back)."""
        def bit(n: int, mask: int) -> bool | None:
            b = replies.get(n)
            return bool(b & mask) if valid_reply(b) else None

        offline = bit(1, 0x08)
        paper = Paper.UNKNOWN
        b4 = replies.get(4)
        if valid_reply(b4):
            if b4 & 0x60:
                paper = Paper.OUT
            elif b4 & 0x0C:
                paper = Paper.NEAR_END
            else:
                paper = Paper.OK
        # DLE EOT 2 bit 5: printing stopped by paper end - also an out-of-paper signal
        if bit(2, 0x20):
            paper = Paper.OUT
        return cls(online=None if offline is None else not offline, paper=paper,
                   cover_open=bit(2, 0x04), cutter_error=bit(3, 0x08), unrecoverable_error=bit(3, 0x20),
                   recoverable_error=bit(3, 0x40), replies=dict(replies))

    @property
    def condition(self) -> Condition:
        if not self.supported:
            return Condition.NOT_SUPPORTED
        if self.paper is Paper.OUT:
            return Condition.PAPER_OUT
        if self.cover_open:
            return Condition.COVER_OPEN
        if self.cutter_error:
            return Condition.CUTTER_ERROR
        if self.unrecoverable_error:
            return Condition.UNRECOVERABLE_ERROR
        known = (self.online, self.cover_open, self.cutter_error, self.unrecoverable_error)
        if any(v is None for v in known) or self.paper is Paper.UNKNOWN:
            return Condition.UNKNOWN
        if not self.online or self.recoverable_error:
            return Condition.OFFLINE
        if self.paper is Paper.NEAR_END:
            return Condition.PAPER_NEAR_END
        return Condition.READY

    @property
    def can_print(self) -> bool:
        return self.condition in (Condition.READY, Condition.PAPER_NEAR_END, Condition.NOT_SUPPORTED)

    @property
    def message_key(self) -> str:
        return CONDITION_KEYS[self.condition]

    def refusal(self) -> PrinterError | None:
        """The error that refuses a job in this state, or None when printing may go ahead."""
        error = _REFUSALS.get(self.condition)
        return error(f"printer status: {self.condition.value}") if error else None

    def as_dict(self) -> dict:
        """For diagnostics and the heartbeat (JSON-friendly)."""
        return {"condition": self.condition.value, "online": self.online, "paper": self.paper.value,
                "cover_open": self.cover_open, "cutter_error": self.cutter_error,
                "unrecoverable_error": self.unrecoverable_error, "recoverable_error": self.recoverable_error,
                "replies": {str(k): v for k, v in sorted(self.replies.items())}}
