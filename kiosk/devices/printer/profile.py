"""What the printer can do: paper width, characters per line, native QR, cutter.

Backed by python-escpos' printer database (escpos-printer-db): TM-T88III is 80 mm, 512 dots,
42 columns, native QR and a cutter; POS-5890 is 58 mm, 384 dots, 32 columns, no QR, no cutter.
When the configured paper is narrower than the profile's (an 80 mm head loaded with 58 mm paper),
the paper wins: 58 mm paper is 384 dots and 32 columns on every head we know.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import PrinterConfigError

# Font A is 12 dots wide for a Latin character and 24 for a Chinese one.
FONT_A_DOTS = 12
_PAPER_DEFAULTS = {58: (384, 32), 80: (512, 42)}


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    paper_width_mm: int
    dots: int           # printable width in dots
    columns: int        # Font A half-width columns per line; a Chinese character takes 2
    native_qr: bool
    cutter: bool
    dpi: int = 203

    @classmethod
    def from_escpos(cls, name: str, paper_width_mm: int | None = None, qr_mode: str = "auto",
                    cutter: str = "auto") -> "PrinterProfile":
        from escpos.capabilities import get_profile
        try:
            p = get_profile(name)
        except KeyError:
            raise PrinterConfigError(f"unknown printer profile {name!r} (python-escpos printer database)") from None
        media = p.profile_data.get("media", {})
        width = media.get("width", {})
        mm, dots = width.get("mm"), width.get("pixels")
        dpi = media.get("dpi")
        columns = p.get_columns("0") if hasattr(p, "get_columns") else 42
        if not isinstance(mm, (int, float)):
            mm = paper_width_mm or 80
        if not isinstance(dots, int):
            dots = _PAPER_DEFAULTS.get(int(round(mm)), (512, 42))[0]
        paper = paper_width_mm or (58 if mm < 70 else 80)
        if paper == 58 and mm >= 70:  # narrower paper in a wide head
            dots, columns = _PAPER_DEFAULTS[58]
        columns = min(columns, dots // FONT_A_DOTS)
        native = p.supports("qrCode") if qr_mode == "auto" else qr_mode == "native"
        has_cutter = (p.supports("paperFullCut") or p.supports("paperPartCut")) if cutter == "auto" else cutter == "yes"
        return cls(name=name, paper_width_mm=paper, dots=dots, columns=columns, native_qr=bool(native),
                   cutter=bool(has_cutter), dpi=dpi if isinstance(dpi, int) else 203)

    @classmethod
    def from_settings(cls, settings) -> "PrinterProfile":
        return cls.from_escpos(settings.profile, settings.paper_width_mm,
                               getattr(settings, "qr_mode", "auto"), getattr(settings, "cutter", "auto"))

    @classmethod
    def generic(cls, paper_width_mm: int, *, native_qr: bool = True, cutter: bool = True) -> "PrinterProfile":
        """A profile for sample output and the virtual printer when no printer model is named."""
        dots, columns = _PAPER_DEFAULTS[paper_width_mm]
        return cls(name=f"generic-{paper_width_mm}mm", paper_width_mm=paper_width_mm, dots=dots,
                   columns=columns, native_qr=native_qr, cutter=cutter)
