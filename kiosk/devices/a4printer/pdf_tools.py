"""PDF helpers every A4 document uses: the bundled CJK font, a vector QR code, and drawing on
top of an existing PDF's pages (the 补打 stamp, the certificate copy's footer).

fpdf2 embeds the font as a subset (only the glyphs used, with a ToUnicode map so the text stays
searchable and extractable); pypdf lays a page drawn by fpdf2 over each page of the original, so
the original's content stream, fonts and images are kept exactly as they were.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING, Callable

from ...paths import FONTS

if TYPE_CHECKING:
    from fpdf import FPDF

CJK_FONT = FONTS / "NotoSansCJKsc-Regular.otf"
FONT = "NotoSansCJKsc"
PT_PER_MM = 72 / 25.4


def new_pdf(*, unit: str = "mm") -> FPDF:
    """An A4 portrait fpdf2 document with the bundled CJK font registered (subset when written)."""
    from fpdf import FPDF   # fpdf2 (and fontTools) only once a document is made: 25 MiB less at rest

    pdf = FPDF(orientation="portrait", unit=unit, format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.c_margin = 0
    add_cjk_font(pdf)
    return pdf


def add_cjk_font(pdf: FPDF) -> None:
    pdf.add_font(FONT, "", str(CJK_FONT))
    for font in pdf.fonts.values():
        # The subset keeps the whole font's bounding box (it holds every glyph of the subset);
        # recomputing it from each CFF outline costs a third of writing the PDF.
        if hasattr(font, "ttfont"):
            font.ttfont.recalcBBoxes = False
    pdf.set_font(FONT, size=10)


def draw_qr(pdf: FPDF, payload: str, x: float, y: float, size: float, *, border_modules: int = 2) -> None:
    """A QR code as filled rectangles (vector: sharp at any printer resolution, a few hundred
    bytes). `size` includes the quiet zone of `border_modules` on each side."""
    import qrcode
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(payload)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    module = size / (n + 2 * border_modules)
    ox, oy = x + border_modules * module, y + border_modules * module
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            # one rectangle per run of dark modules; a hair wider so no seam shows between runs
            pdf.rect(ox + start * module, oy + r * module, (c - start) * module + 0.001, module + 0.001, style="F")


Draw = Callable[["FPDF", float, float, int, int], None]   # (pdf, width_pt, height_pt, page_no, page_count)


def overlay_pages(original: bytes, draw: Draw) -> bytes:
    """`original` with what `draw` puts on each page laid over it. The overlay page has the
    original page's size (in points, origin top left as fpdf2 draws); the original's content is
    not touched, only covered where `draw` paints."""
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter, Transformation

    reader = PdfReader(io.BytesIO(original))
    writer = PdfWriter(clone_from=reader)
    count = len(writer.pages)
    overlay = FPDF(unit="pt")
    overlay.set_auto_page_break(False)
    overlay.set_margins(0, 0, 0)
    overlay.c_margin = 0
    add_cjk_font(overlay)
    boxes = []
    for page in writer.pages:
        if page.rotation:
            page.transfer_rotation_to_content()
        box = page.mediabox
        boxes.append((float(box.left), float(box.bottom)))
        width, height = float(box.width), float(box.height)
        overlay.add_page(format=(width, height))
        draw(overlay, width, height, len(boxes), count)
    stamps = PdfReader(io.BytesIO(bytes(overlay.output())))
    for page, stamp, (left, bottom) in zip(writer.pages, stamps.pages, boxes):
        if left or bottom:
            page.merge_transformed_page(stamp, Transformation().translate(left, bottom))
        else:
            page.merge_page(stamp)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
