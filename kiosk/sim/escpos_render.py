"""Draws a decoded job as the paper slip would look: Font A cells (12 x 24 dots, Chinese 24 x 24),
GS ! sizes, bold, alignment, QR codes as real scannable images, raster images, the cut.

Chinese is drawn in the bundled Noto Sans CJK font; each character sits in its printer cell, so
the picture shows exactly the line breaks and columns the printer would.
"""
from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from ..paths import FONTS
from .escpos_decode import DecodedJob, FeedElement, ImageElement, QrElement, TextLine

FONT_PATH = FONTS / "NotoSansCJKsc-Regular.otf"
CELL_W, CELL_H = 12, 24
LINE_GAP = 6          # default line spacing is 30 dots: 24 for the glyph, 6 between lines
MARGIN = 24           # blank paper drawn around the printable area
PAPER = 255
INK = 0


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


def _run_image(text: str, bold: bool) -> Image.Image:
    """One run at base size: every character in its own cell."""
    width = sum(CELL_W if ord(c) < 0x80 else 2 * CELL_W for c in text)
    img = Image.new("L", (max(1, width), CELL_H), PAPER)
    draw = ImageDraw.Draw(img)
    font = _font(22)
    x = 0
    for ch in text:
        cw = CELL_W if ord(ch) < 0x80 else 2 * CELL_W
        if ch != " ":
            # centred in its cell, on a common baseline (the CJK em box spans 0.88 em above it)
            draw.text((x + cw / 2, 21), ch, font=font, anchor="ms", fill=INK,
                      stroke_width=1 if bold else 0, stroke_fill=INK)
        x += cw
    return img


def _line_image(line: TextLine) -> Image.Image:
    parts = []
    for run in line.runs:
        img = _run_image(run.text, run.bold)
        if run.width != 1 or run.height != 1:
            img = img.resize((img.width * run.width, img.height * run.height), Image.NEAREST)
        parts.append(img)
    height = max((p.height for p in parts), default=CELL_H)
    width = sum(p.width for p in parts)
    out = Image.new("L", (max(1, width), height), PAPER)
    x = 0
    for p in parts:
        out.paste(p, (x, height - p.height))  # runs share a baseline
        x += p.width
    return out


def _qr_image(el: QrElement) -> Image.Image:
    import qrcode
    levels = {"L": qrcode.constants.ERROR_CORRECT_L, "M": qrcode.constants.ERROR_CORRECT_M,
              "Q": qrcode.constants.ERROR_CORRECT_Q, "H": qrcode.constants.ERROR_CORRECT_H}
    qr = qrcode.QRCode(version=None, error_correction=levels.get(el.ec, levels["L"]), box_size=max(1, el.module),
                       border=0)
    qr.add_data(el.payload.encode("utf-8"))
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("L")


def _bitmap(el: ImageElement) -> Image.Image:
    img = Image.new("L", (el.width, el.height), PAPER)
    px = img.load()
    for y in range(el.height):
        for x in range(el.width):
            if el.pixel(x, y):
                px[x, y] = INK
    return img


def _place(align: str, width: int, dots: int) -> int:
    if align == "center":
        return max(0, (dots - width) // 2)
    if align == "right":
        return max(0, dots - width)
    return 0


def render_job(job: DecodedJob, dots: int = 512) -> Image.Image:
    pieces: list[tuple[int, int, Image.Image]] = []   # (x, y, image) inside the printable area
    y = 0
    for el in job.elements:
        if isinstance(el, TextLine):
            if el.runs and el.text:
                img = _line_image(el)
                if img.width > dots:  # the printer would wrap; crop so an overflow is visible as lost text
                    img = img.crop((0, 0, dots, img.height))
                pieces.append((_place(el.align, img.width, dots), y, img))
                y += img.height + LINE_GAP
            else:
                y += CELL_H * el.height + LINE_GAP
        elif isinstance(el, FeedElement):
            y += el.lines * (CELL_H + LINE_GAP) + el.dots
        elif isinstance(el, (QrElement, ImageElement)):
            img = _qr_image(el) if isinstance(el, QrElement) else _bitmap(el)
            pieces.append((_place(el.align, img.width, dots), y, img))
            y += img.height + LINE_GAP
    height = y + 2 * MARGIN + 30
    page = Image.new("L", (dots + 2 * MARGIN, height), PAPER)
    for x, yy, img in pieces:
        page.paste(img, (MARGIN + x, MARGIN + yy))
    draw = ImageDraw.Draw(page)
    bottom = height - 16
    if job.cut:
        for x in range(0, page.width, 12):
            draw.line((x, bottom, x + 6, bottom), fill=140)
    elif not job.complete:
        # torn edge: the job ended without its cut (connection lost or paper ran out)
        for x in range(0, page.width, 16):
            draw.line((x, bottom, x + 8, bottom - 8), fill=90)
            draw.line((x + 8, bottom - 8, x + 16, bottom), fill=90)
    return page.convert("RGB")


def render_png(job: DecodedJob, path, dots: int = 512) -> None:
    render_job(job, dots).save(path, format="PNG", optimize=False)
