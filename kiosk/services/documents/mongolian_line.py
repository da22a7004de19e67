"""A Mongolian line on the receipt printer, as a picture.

ESC/POS printers carry no Mongolian font, so a configured Mongolian line (the hall's name, say)
is shaped here with the bundled Noto Sans Mongolian (HarfBuzz through Pillow's raqm) and sent
as a 1-bit raster (devices.printer.document.Bitmap), horizontally: a slip need not be vertical.
Digits and Latin letters in the line are drawn with the Chinese face (the Mongolian face has
none). The text comes from configuration, as the bureau supplies it; nothing Mongolian is
written here.

Sized like the printer's own text: 24 dots of font (Font A's Chinese character), so the line sits
with the Chinese lines around it; at most 384 dots wide so the same document prints on 58 mm
paper too. A line that does not fit at 20 dots is refused with what to do, not shrunk unreadable.
"""
from __future__ import annotations

from functools import lru_cache

from ...devices.printer.document import Bitmap
from ...i18n.vertical import MONG, runs_of
from ...paths import FONTS

MONGOLIAN_FACE = FONTS / "NotoSansMongolian-Regular.ttf"
CHINESE_FACE = FONTS / "NotoSansCJKsc-Regular.otf"
FONT_DOTS = 24
SMALLEST_DOTS = 20
MAX_DOTS = 384          # 58 mm paper's printable width
INK = 128               # a grey darker than this prints


class LineTooLong(ValueError):
    """The line does not fit the slip's width even at the smallest size."""


@lru_cache(maxsize=8)
def _face(path: str, size: int):
    from PIL import ImageFont
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


def _faces(kind: str, size: int):
    return _face(str(MONGOLIAN_FACE if kind == MONG else CHINESE_FACE), size)


def line_image(text: str, size: int = FONT_DOTS):
    """The shaped line in black on white (Pillow "L"), cropped to its ink."""
    from PIL import Image, ImageDraw

    runs = runs_of(text.strip())
    width = int(sum(_faces(k, size).getlength(t) for k, t in runs)) + 2 * size
    image = Image.new("L", (max(width, 1), 2 * size), 255)
    draw = ImageDraw.Draw(image)
    x, baseline = size / 2, int(1.4 * size)
    for kind, run in runs:
        face = _faces(kind, size)
        draw.text((x, baseline), run, font=face, fill=0, anchor="ls")
        x += face.getlength(run)
    ink = image.point(lambda v: 255 if v < INK else 0).getbbox()
    return image.crop(ink) if ink else image.crop((0, 0, 1, 1))


def mongolian_line(text: str, align: str = "center", max_dots: int = MAX_DOTS) -> Bitmap:
    """A printable block for one line of (mainly) Mongolian text."""
    if not text.strip():
        raise ValueError("a Mongolian line for the slip is empty: leave the setting out instead")
    for size in range(FONT_DOTS, SMALLEST_DOTS - 1, -2):
        image = line_image(text, size)
        if image.width <= max_dots:
            return bitmap_of(image, align)
    raise LineTooLong(f"the Mongolian line is {image.width} dots wide at its smallest and the slip holds "
                      f"{max_dots}: ask the bureau for a shorter form")


def bitmap_of(image, align: str = "center") -> Bitmap:
    """A Pillow image -> Bitmap (dark pixels black)."""
    from PIL import Image

    mono = image.convert("L").point(lambda v: 0 if v < INK else 255, mode="1")
    wb = (mono.width + 7) // 8
    padded = Image.new("1", (wb * 8, mono.height), 1)
    padded.paste(mono, (0, 0))
    rows = bytes(b ^ 0xFF for b in padded.tobytes())      # Pillow's 1 is white, the printer's black
    return Bitmap(width=mono.width, height=mono.height, rows=rows.hex(), align=align)
