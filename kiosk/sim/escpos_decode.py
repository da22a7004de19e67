"""A streaming decoder for the ESC/POS the project emits: what would be on the paper.

Text runs are decoded as GB18030 while Chinese mode is on (GBK is a subset), sizes (GS !),
alignment (ESC a), bold (ESC E / ESC !), feeds, native QR (GS ( k, model/size/EC/store/print),
raster images (GS v 0), cuts (GS V) and real-time status queries (DLE EOT n). Other common
commands are skipped by their known length; anything unknown is recorded, never guessed at.

`EscPosDecoder.feed()` takes bytes as they arrive (a command split across reads waits for the
rest) and returns events: `StatusQuery(n)` to answer at once, `JobDone(job)` at each cut.
`decode(data)` is the one-shot form for tests: the list of jobs in a byte string.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10


@dataclass
class Run:
    text: str
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass
class TextLine:
    runs: list[Run] = field(default_factory=list)
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def height(self) -> int:
        return max((r.height for r in self.runs), default=1)


@dataclass
class QrElement:
    payload: str
    module: int
    ec: str
    align: str = "left"


@dataclass
class ImageElement:
    width: int
    height: int
    rows: bytes            # 1 bit per dot, 1 = black, rows padded to whole bytes
    align: str = "left"

    def pixel(self, x: int, y: int) -> bool:
        wb = (self.width + 7) // 8
        return bool(self.rows[y * wb + x // 8] & (0x80 >> (x % 8)))


@dataclass
class FeedElement:
    lines: int = 0
    dots: int = 0


@dataclass
class DecodedJob:
    elements: list = field(default_factory=list)
    cut: bool = False
    complete: bool = True              # False: the connection ended before a cut
    unknown: list[str] = field(default_factory=list)
    raw_bytes: int = 0
    png: str | None = None             # set by the virtual printer once rendered

    @property
    def lines(self) -> list[str]:
        """Printed text lines, right-trimmed (blank lines kept)."""
        return [e.text.rstrip() for e in self.elements if isinstance(e, TextLine)]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def qr_payloads(self) -> list[str]:
        return [e.payload for e in self.elements if isinstance(e, QrElement)]

    @property
    def images(self) -> list[ImageElement]:
        return [e for e in self.elements if isinstance(e, ImageElement)]

    def has_content(self) -> bool:
        return any(not isinstance(e, FeedElement) and not (isinstance(e, TextLine) and not e.text)
                   for e in self.elements)


@dataclass(frozen=True)
class StatusQuery:
    n: int


@dataclass(frozen=True)
class JobDone:
    job: DecodedJob


class _NeedMore(Exception):
    pass


QR_EC_NAMES = {48: "L", 49: "M", 50: "Q", 51: "H"}
# commands skipped by length: (prefix bytes) -> number of parameter bytes
_FIXED = {
    (ESC, 0x20): 1, (ESC, 0x2D): 1, (ESC, 0x32): 0, (ESC, 0x33): 1, (ESC, 0x47): 1, (ESC, 0x4D): 1,
    (ESC, 0x52): 1, (ESC, 0x74): 1, (ESC, 0x7B): 1, (ESC, 0x56): 1, (ESC, 0x63): 2, (ESC, 0x70): 3,
    (ESC, 0x3D): 1, (ESC, 0x55): 1, (GS, 0x42): 1, (GS, 0x48): 1, (GS, 0x66): 1, (GS, 0x68): 1,
    (GS, 0x77): 1, (GS, 0x61): 1, (GS, 0x72): 1, (GS, 0x4C): 2, (GS, 0x57): 2, (FS, 0x21): 1,
    (FS, 0x2D): 1, (FS, 0x43): 1, (FS, 0x57): 1, (FS, 0x53): 2,
}


class EscPosDecoder:
    def __init__(self, chinese_mode_at_start: bool = True):
        self._buf = bytearray()
        self._chinese_default = chinese_mode_at_start
        self._reset_style()
        self.job = DecodedJob()
        self._line = TextLine(align=self.align)
        self._run = bytearray()
        self._qr_store: bytes = b""
        self._qr_module = 3
        self._qr_ec = "L"

    def _reset_style(self) -> None:
        self.align = "left"
        self.bold = False
        self.width = 1
        self.height = 1
        self.chinese = self._chinese_default

    # --- text ---------------------------------------------------------------------------------
    def _flush_run(self) -> None:
        if not self._run:
            return
        data = bytes(self._run)
        self._run.clear()
        text = data.decode("gb18030", errors="replace") if self.chinese else data.decode("cp437", errors="replace")
        if not self._line.runs:
            self._line.align = self.align
        self._line.runs.append(Run(text, self.bold, self.width, self.height))

    def _style_change(self) -> None:
        self._flush_run()

    def _end_line(self) -> None:
        self._flush_run()
        if not self._line.runs:
            self._line.align = self.align
        self.job.elements.append(self._line)
        self._line = TextLine(align=self.align)

    def _flush_pending_line(self) -> None:
        """Content not ended by LF is printed by a following feed, cut or graphic."""
        self._flush_run()
        if self._line.runs:
            self._end_line()

    # --- stream -------------------------------------------------------------------------------
    def feed(self, data: bytes) -> list:
        self._buf += data
        self.job.raw_bytes += len(data)
        events: list = []
        i = 0
        buf = self._buf
        while i < len(buf):
            try:
                i = self._step(buf, i, events)
            except _NeedMore:
                break
        del self._buf[:i]
        return events

    def finish(self, complete: bool = True) -> DecodedJob | None:
        """End of input (connection closed): the job not ended by a cut, if anything was printed.

        `complete` False marks a job cut short (the connection broke); a command left half-received
        also marks it incomplete. A printer without a cutter ends every job this way."""
        self._flush_pending_line()
        job = self.job
        self.job = DecodedJob()
        if self._buf:
            complete = False
            job.unknown.append(f"{len(self._buf)} bytes of an unfinished command")
        self._buf.clear()
        if job.has_content():
            job.complete = complete
            return job
        return None

    @staticmethod
    def _need(buf: bytearray, i: int, n: int) -> None:
        if i + n > len(buf):
            raise _NeedMore

    def _step(self, buf: bytearray, i: int, events: list) -> int:
        b = buf[i]
        if b >= 0x20:
            j = i
            while j < len(buf) and buf[j] >= 0x20:
                j += 1
            self._run += buf[i:j]
            return j
        if b == 0x0A:
            self._end_line()
            return i + 1
        if b in (0x0D, 0x00):
            return i + 1
        if b == 0x09:
            self._run += b" "
            return i + 1
        if b == 0x0C:  # form feed: end of page in page mode; treat as end of line
            self._flush_pending_line()
            return i + 1
        if b == DLE:
            self._need(buf, i, 3)
            if buf[i + 1] == 0x04:
                events.append(StatusQuery(buf[i + 2]))
                return i + 3
            if buf[i + 1] == 0x05:  # DLE ENQ n
                return i + 3
            if buf[i + 1] == 0x14:  # DLE DC4 fn m t
                self._need(buf, i, 5)
                return i + 5
            self.job.unknown.append(f"DLE {buf[i + 1]:02X}")
            return i + 2
        if b == ESC:
            return self._esc(buf, i)
        if b == GS:
            return self._gs(buf, i, events)
        if b == FS:
            return self._fs(buf, i)
        self.job.unknown.append(f"{b:02X}")
        return i + 1

    def _esc(self, buf: bytearray, i: int) -> int:
        self._need(buf, i, 2)
        c = buf[i + 1]
        if c == 0x40:  # ESC @
            self._flush_pending_line()
            self._reset_style()
            return i + 2
        if c in (0x61, 0x45, 0x21, 0x64, 0x4A):
            self._need(buf, i, 3)
            n = buf[i + 2]
            if c == 0x61:
                self._flush_run()
                self.align = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}.get(n, "left")
                if not self._line.runs:
                    self._line.align = self.align
            elif c == 0x45:
                self._style_change()
                self.bold = bool(n & 1)
            elif c == 0x21:
                self._style_change()
                self.bold = bool(n & 0x08)
            elif c == 0x64:
                self._flush_pending_line()
                self.job.elements.append(FeedElement(lines=n))
            else:
                self._flush_pending_line()
                self.job.elements.append(FeedElement(dots=n))
            return i + 3
        if c == 0x2A:  # ESC * m nL nH d...
            self._need(buf, i, 5)
            m, n = buf[i + 2], buf[i + 3] | buf[i + 4] << 8
            size = n * (3 if m in (32, 33) else 1)
            self._need(buf, i, 5 + size)
            self.job.unknown.append("ESC * (column image)")
            return i + 5 + size
        params = _FIXED.get((ESC, c))
        if params is not None:
            self._need(buf, i, 2 + params)
            return i + 2 + params
        self.job.unknown.append(f"ESC {c:02X}")
        return i + 2

    def _fs(self, buf: bytearray, i: int) -> int:
        self._need(buf, i, 2)
        c = buf[i + 1]
        if c == 0x26:
            self._flush_run()
            self.chinese = True
            return i + 2
        if c == 0x2E:
            self._flush_run()
            self.chinese = False
            return i + 2
        params = _FIXED.get((FS, c))
        if params is not None:
            self._need(buf, i, 2 + params)
            return i + 2 + params
        self.job.unknown.append(f"FS {c:02X}")
        return i + 2

    def _gs(self, buf: bytearray, i: int, events: list) -> int:
        self._need(buf, i, 2)
        c = buf[i + 1]
        if c == 0x21:  # GS ! n
            self._need(buf, i, 3)
            self._style_change()
            n = buf[i + 2]
            self.width, self.height = (n >> 4) + 1, (n & 0x0F) + 1
            return i + 3
        if c == 0x56:  # GS V m [n]
            self._need(buf, i, 3)
            m = buf[i + 2]
            end = i + 4 if m in (65, 66, 97, 98, 103, 104) else i + 3
            self._need(buf, i, end - i)
            self._flush_pending_line()
            self.job.cut = True
            job, self.job = self.job, DecodedJob()
            events.append(JobDone(job))
            return end
        if c == 0x28:  # GS ( X pL pH ...
            self._need(buf, i, 5)
            fn_class = buf[i + 2]
            length = buf[i + 3] | buf[i + 4] << 8
            self._need(buf, i, 5 + length)
            body = bytes(buf[i + 5:i + 5 + length])
            if fn_class == 0x6B:
                self._qr_command(body)
            return i + 5 + length
        if c == 0x76:  # GS v 0 m xL xH yL yH d...
            self._need(buf, i, 8)
            wb = buf[i + 4] | buf[i + 5] << 8
            h = buf[i + 6] | buf[i + 7] << 8
            self._need(buf, i, 8 + wb * h)
            self._flush_pending_line()
            self.job.elements.append(ImageElement(wb * 8, h, bytes(buf[i + 8:i + 8 + wb * h]), self.align))
            return i + 8 + wb * h
        params = _FIXED.get((GS, c))
        if params is not None:
            self._need(buf, i, 2 + params)
            return i + 2 + params
        self.job.unknown.append(f"GS {c:02X}")
        return i + 2

    def _qr_command(self, body: bytes) -> None:
        if len(body) < 2 or body[0] != 0x31:  # cn 49 = QR; others (PDF417...) are not emitted here
            self.job.unknown.append("GS ( k (not QR)")
            return
        fn = body[1]
        if fn == 67 and len(body) >= 3:
            self._qr_module = body[2]
        elif fn == 69 and len(body) >= 3:
            self._qr_ec = QR_EC_NAMES.get(body[2], "?")
        elif fn == 80:
            self._qr_store = body[3:]
        elif fn == 81:
            self._flush_pending_line()
            self.job.elements.append(QrElement(self._qr_store.decode("utf-8", errors="replace"),
                                               self._qr_module, self._qr_ec, self.align))


def decode(data: bytes, chinese_mode_at_start: bool = True) -> list[DecodedJob]:
    """Every job in `data`: one per cut, plus a final incomplete one if content follows the last cut."""
    decoder = EscPosDecoder(chinese_mode_at_start)
    jobs = [e.job for e in decoder.feed(data) if isinstance(e, JobDone)]
    tail = decoder.finish()
    if tail is not None:
        jobs.append(tail)
    return jobs
