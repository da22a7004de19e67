"""The 补打 mark of an A4 reprint: 【补打】 and the reprint time at the top of every page, over
the document as it was first printed (as the receipt printer's reprints carry 【补打】)."""
from __future__ import annotations

from dataclasses import replace

from .document import REPRINT_MARK, A4Document
from .pdf_tools import FONT, overlay_pages

BAND_PT = 22.0


def stamp_reprint(document: A4Document, when: str) -> A4Document:
    """The same document marked 补打 on every page. Idempotent: a reprint of a reprint carries one mark."""
    if document.reprint:
        return document

    def draw(pdf, width: float, _height: float, _page: int, _count: int) -> None:
        text = f"【{REPRINT_MARK}】 {REPRINT_MARK}时间 {when}" if when else f"【{REPRINT_MARK}】"
        pdf.set_font(FONT, size=11)
        w = pdf.get_string_width(text) + 16
        x = (width - w) / 2
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(x, 6, w, BAND_PT - 6, style="F")
        pdf.set_xy(x, 8)
        pdf.cell(w, 12, text, align="C")

    return replace(document, pdf=overlay_pages(document.pdf, draw), reprint=True)
