"""电子证照 copy on A4: the platform's own PDF of the certificate, printed as it is, with one footer
added on every page: "自助终端打印", the print time, the terminal, the 核验码 and a QR code to the
platform's verification page (网上验证核对).

The footer is drawn by fpdf2 and laid over each original page with pypdf: the platform's content,
fonts and seals stay byte for byte what the platform sent, and nothing of the certificate is
masked (the holder identified with their own card is printing their own certificate). The footer
takes the bottom FOOTER_MM of each page on a white band; the platform's copies keep that strip
free (docs/printing-a4.md: an open point for the contract).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...devices.a4printer.document import A4Document, count_pages
from ...devices.a4printer.pdf_tools import FONT, PT_PER_MM, draw_qr, overlay_pages
from .layout import Moment, print_time

if TYPE_CHECKING:
    from ...config.terminal import TerminalSettings
    from ...platform.models import CertificatePrintData

FOOTER_MM = 20.0
QR_MM = 16.0
SIDE_MM = 15.0
FOOTER_MARK = "自助终端打印"


@dataclass(frozen=True)
class CopyFooter:
    terminal_id: str
    verify_code: str          # 核验码
    verify_url: str           # what the QR code encodes
    printed_at: Moment = None


def copy_footer(data: CertificatePrintData, terminal: TerminalSettings, printed_at: Moment = None) -> CopyFooter:
    return CopyFooter(terminal.terminal_id, data.verification_code, data.verification_url, printed_at)


def certificate_copy(platform_pdf: bytes, footer: CopyFooter, summary: str = "电子证照") -> A4Document:
    """The copy to print: every page of `platform_pdf` with the footer over its bottom strip.
    Raises ValueError when `platform_pdf` is not a readable PDF."""
    count_pages(platform_pdf)          # a clear ValueError before pypdf's own, deeper ones
    printed = print_time(footer.printed_at)

    def draw(pdf, width: float, height: float, page: int, count: int) -> None:
        band = FOOTER_MM * PT_PER_MM
        side = SIDE_MM * PT_PER_MM
        qr = QR_MM * PT_PER_MM
        top = height - band
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(0, top, width, band, style="F")
        pdf.set_draw_color(90, 90, 90)
        pdf.set_line_width(0.5)
        pdf.line(side, top + 3, width - side, top + 3)
        draw_qr(pdf, footer.verify_url, width - side - qr, top + (band - qr) / 2 + 1.5, qr, border_modules=1)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(FONT, size=9.5)
        pdf.set_xy(side, top + 9)
        pdf.cell(0, 12, f"{FOOTER_MARK}    打印时间 {printed}    终端编号 {footer.terminal_id}")
        pdf.set_xy(side, top + 24)
        pdf.cell(0, 12, f"核验码 {footer.verify_code}    扫描右侧二维码核验    第 {page} 页 共 {count} 页")

    pdf = overlay_pages(platform_pdf, draw)
    return A4Document("certificate_copy", pdf, count_pages(pdf), summary)
