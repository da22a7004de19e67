"""What every A4 page laid out by the kiosk shares (fpdf2, millimetres, A4 portrait): the hall's
name and the title, a table of label and value, a QR code with its caption, and the footer with
the terminal, the print time and the page number.

Only the bundled Noto Sans CJK SC face is used, embedded as a subset, so the text is the same on
every printer and stays extractable. Chinese wraps by character (it has no spaces to break at).
"""
from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

from ...devices.a4printer.document import A4Document
from ...devices.a4printer.pdf_tools import FONT, draw_qr, new_pdf

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 20.0
BOTTOM = 28.0               # the footer's band, kept free of content
LABEL_W = 38.0
TEXT_PT = 11.5
LINE_MM = 7.0
GREY = (236, 236, 236)


def start(title: str, hall_name: str) -> FPDF:
    pdf = new_pdf()
    pdf.set_title(title)
    pdf.set_creator("kiosk")
    pdf.alias_nb_pages("{nb}")
    add_page(pdf, title, hall_name)
    return pdf


def add_page(pdf: FPDF, title: str, hall_name: str) -> None:
    pdf.add_page()
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(MARGIN, MARGIN)
    if hall_name:
        pdf.set_font(FONT, size=14)
        pdf.cell(PAGE_W - 2 * MARGIN, 8, hall_name, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=22)
    pdf.set_x(MARGIN)
    pdf.cell(PAGE_W - 2 * MARGIN, 14, title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.5)
    y = pdf.get_y() + 2
    pdf.line(MARGIN, y, PAGE_W - MARGIN, y)
    pdf.set_y(y + 5)


def fields(pdf: FPDF, rows: list[tuple[str, str]], *, title: str, hall_name: str) -> None:
    """A two-column table; a row that would run into the footer starts a new page."""
    pdf.set_font(FONT, size=TEXT_PT)
    pdf.set_line_width(0.2)
    value_w = PAGE_W - 2 * MARGIN - LABEL_W
    for label, value in rows:
        lines = pdf.multi_cell(value_w, LINE_MM, value or "—", dry_run=True, output="LINES",
                               wrapmode=WrapMode.CHAR, padding=(0, 2))
        height = max(1, len(lines)) * LINE_MM + 2
        if pdf.get_y() + height > PAGE_H - BOTTOM:
            add_page(pdf, title, hall_name)
            pdf.set_font(FONT, size=TEXT_PT)
        y = pdf.get_y()
        pdf.set_fill_color(*GREY)
        pdf.rect(MARGIN, y, LABEL_W, height, style="DF")
        pdf.rect(MARGIN + LABEL_W, y, value_w, height, style="D")
        pdf.set_xy(MARGIN, y + 1)
        pdf.cell(LABEL_W, LINE_MM, label, align="C")
        pdf.set_xy(MARGIN + LABEL_W, y + 1)
        pdf.multi_cell(value_w, LINE_MM, value or "—", wrapmode=WrapMode.CHAR, padding=(0, 2),
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(y + height)


def paragraph(pdf: FPDF, text: str, *, size: float = TEXT_PT, title: str = "", hall_name: str = "") -> None:
    pdf.set_font(FONT, size=size)
    lines = pdf.multi_cell(PAGE_W - 2 * MARGIN, LINE_MM, text, dry_run=True, output="LINES", wrapmode=WrapMode.CHAR)
    if pdf.get_y() + len(lines) * LINE_MM > PAGE_H - BOTTOM:
        add_page(pdf, title, hall_name)
        pdf.set_font(FONT, size=size)
    pdf.set_x(MARGIN)
    pdf.multi_cell(PAGE_W - 2 * MARGIN, LINE_MM, text, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def qr_block(pdf: FPDF, payload: str, caption: str, *, size: float = 34.0, title: str = "",
             hall_name: str = "") -> None:
    """The QR code centred, its caption under it."""
    if pdf.get_y() + size + 14 > PAGE_H - BOTTOM:
        add_page(pdf, title, hall_name)
    y = pdf.get_y() + 4
    draw_qr(pdf, payload, (PAGE_W - size) / 2, y, size)
    pdf.set_font(FONT, size=10.5)
    pdf.set_xy(MARGIN, y + size + 1)
    pdf.cell(PAGE_W - 2 * MARGIN, 6, caption, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def footers(pdf: FPDF, terminal_id: str, printed: str, note: str = "") -> None:
    """On every page: terminal, print time, page x of y, and the document's closing note."""
    for number in range(1, pdf.pages_count + 1):
        pdf.page = number
        pdf.set_draw_color(120, 120, 120)
        pdf.set_line_width(0.2)
        pdf.line(MARGIN, PAGE_H - BOTTOM + 6, PAGE_W - MARGIN, PAGE_H - BOTTOM + 6)
        pdf.set_font(FONT, size=9.5)
        pdf.set_text_color(60, 60, 60)
        pdf.set_xy(MARGIN, PAGE_H - BOTTOM + 8)
        pdf.cell(PAGE_W - 2 * MARGIN, 5, f"终端编号 {terminal_id}    打印时间 {printed}", align="L")
        pdf.set_xy(MARGIN, PAGE_H - BOTTOM + 8)
        pdf.cell(PAGE_W - 2 * MARGIN, 5, f"第 {number} 页 共 {{nb}} 页", align="R")
        if note:
            pdf.set_xy(MARGIN, PAGE_H - BOTTOM + 14)
            pdf.cell(PAGE_W - 2 * MARGIN, 5, note, align="L")
    pdf.set_text_color(0, 0, 0)


def finish(pdf: FPDF, kind: str, summary: str) -> A4Document:
    pages = pdf.pages_count
    return A4Document(kind, bytes(pdf.output()), pages, summary)
