"""PrintDocument -> ESC/POS bytes for one printer profile.

Everything is laid out here by display width (a Chinese character is two columns), so the
printer never wraps a line itself: its own wrapping would split a Chinese character's two bytes
across lines on some models. Style commands are sent only when they change, which keeps a
receipt well under 2 KB.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import commands, raster
from .document import Bitmap, Feed, Field, PrintDocument, QrCode, Rule, Text
from .profile import PrinterProfile
from .text import ChineseTextWriter, display_width, pad, wrap

QR_EC = "M"
QR_MAX_SHARE = 0.5  # a QR code takes at most this share of the paper width


@dataclass
class EncoderOptions:
    encoding: str = "gb18030"
    chinese_mode: bool = True    # send FS & so two-byte characters are read as Chinese
    qr_native: bool | None = None  # None: as the profile says
    cut: bool | None = None        # None: as the profile says


class _Style:
    def __init__(self):
        self.align = "left"
        self.bold = False
        self.scale = 1


class EscPosEncoder:
    def __init__(self, profile: PrinterProfile, options: EncoderOptions | None = None):
        self.profile = profile
        self.options = options or EncoderOptions()
        self.writer = ChineseTextWriter(self.options.encoding)

    # --- public -----------------------------------------------------------------------------
    def encode(self, document: PrintDocument) -> bytes:
        out = bytearray(commands.INIT)
        if self.options.chinese_mode:
            out += commands.CHINESE_ON
        style = _Style()
        for block in document.blocks:
            out += self._block(block, style)
        out += self._set(style, "left", False, 1)
        cut = self.profile.cutter if self.options.cut is None else self.options.cut
        out += commands.CUT_FEED if cut else commands.feed(4)  # no cutter: feed past the tear bar
        return bytes(out)

    def lines_for(self, block) -> list[str]:
        """The printed lines of a text block (for tests and previews)."""
        if isinstance(block, Text):
            text, width = self.writer.prepare(block.text), self.profile.columns // block.scale
            lines = wrap(text, width)
            if block.align == "center" and len(lines) > 1:
                # balance centred titles (no lone character on the last line)
                while width > 2 and len(wrap(text, width - 1)) == len(lines):
                    width -= 1
                lines = wrap(text, width)
            return lines
        if isinstance(block, Field):
            return self._field_lines(block)
        if isinstance(block, Rule):
            return [self._rule(block)]
        raise TypeError(type(block).__name__)

    def qr_module(self, payload: str) -> int:
        modules = raster.qr_modules(payload, QR_EC)
        return max(1, min(8, int(self.profile.dots * QR_MAX_SHARE) // modules))

    # --- blocks -----------------------------------------------------------------------------
    def _block(self, block, style: _Style) -> bytes:
        if isinstance(block, Text):
            out = self._set(style, block.align, block.bold, block.scale)
            for line in self.lines_for(block):
                out += self.writer.encode(line) + commands.LF
            return out
        if isinstance(block, Field):
            out = self._set(style, "left", block.bold, 1)
            for line in self._field_lines(block):
                out += self.writer.encode(line) + commands.LF
            return out
        if isinstance(block, Rule):
            return self._set(style, "left", False, 1) + self.writer.encode(self._rule(block)) + commands.LF
        if isinstance(block, QrCode):
            return self._qr(block, style)
        if isinstance(block, Feed):
            return commands.feed(block.lines)
        if isinstance(block, Bitmap):
            return self._set(style, block.align, False, 1) + raster.packed_raster(
                block.width, block.height, bytes.fromhex(block.rows), self.profile.dots)
        raise TypeError(f"not a printable block: {type(block).__name__}")

    def _set(self, style: _Style, align: str, bold: bool, scale: int) -> bytes:
        out = b""
        if style.align != align:
            out += commands.ALIGN[align]
            style.align = align
        if style.bold != bold:
            out += commands.BOLD[bold]
            style.bold = bold
        if style.scale != scale:
            out += commands.size(scale)
            style.scale = scale
        return out

    def _rule(self, block: Rule) -> str:
        ch = self.writer.prepare(block.char)[:1] or "-"
        return ch * (self.profile.columns // display_width(ch))

    def _field_lines(self, block: Field) -> list[str]:
        cols = self.profile.columns
        label = self.writer.prepare(block.label) + "："
        value = self.writer.prepare(block.value)
        lw = display_width(label)
        if lw <= cols // 2 and cols - lw >= 8:
            body = wrap(value, cols - lw)
            return [label + body[0]] + [pad("", lw) + ln for ln in body[1:]]
        # a long label on its own line, the value indented below it
        return wrap(label, cols) + ["  " + ln for ln in wrap(value, cols - 2)]

    def _qr(self, block: QrCode, style: _Style) -> bytes:
        out = self._set(style, "center", False, 1)
        module = self.qr_module(block.payload)
        native = self.profile.native_qr if self.options.qr_native is None else self.options.qr_native
        if native:
            out += commands.qr_native(block.payload.encode("utf-8"), module, QR_EC)
        else:
            out += raster.qr_raster(block.payload, module, QR_EC)
        if block.caption:
            for line in wrap(self.writer.prepare(block.caption), self.profile.columns):
                out += self.writer.encode(line) + commands.LF
        return out


def encode_document(document: PrintDocument, profile: PrinterProfile, options: EncoderOptions | None = None) -> bytes:
    return EscPosEncoder(profile, options).encode(document)
