"""A Mongolian line on the receipt printer: shaped, turned into a raster block, kept in the
journal's JSON, encoded for the TM-T88III. The Mongolian text is CLDR's, never typed here."""
from __future__ import annotations

import pytest
from PIL import ImageChops, ImageFont

from kiosk.devices.printer.document import Bitmap, PrintDocument, Text
from kiosk.devices.printer.encoder import encode_document
from kiosk.devices.printer.profile import PrinterProfile
from kiosk.i18n import locale_data
from kiosk.services.documents.mongolian_line import (
    CHINESE_FACE, FONT_DOTS, MAX_DOTS, MONGOLIAN_FACE, LineTooLong, bitmap_of, line_image, mongolian_line)

GS_V0 = b"\x1dv0\x00"


@pytest.fixture(scope="module")
def tm_t88iii():
    return PrinterProfile.from_escpos("TM-T88III")


def test_the_line_is_shaped_not_isolated_letters():
    month = locale_data.month_name(11, "mn")
    image = line_image(month)
    shaped = ImageFont.truetype(str(MONGOLIAN_FACE), FONT_DOTS, layout_engine=ImageFont.Layout.RAQM).getlength(month)
    isolated = ImageFont.truetype(str(MONGOLIAN_FACE), FONT_DOTS, layout_engine=ImageFont.Layout.BASIC).getlength(month)
    assert abs(image.width - shaped) < FONT_DOTS / 2 < isolated - image.width
    assert 0 < image.height <= 2 * FONT_DOTS


def test_digits_are_drawn_with_the_chinese_face():
    """The Mongolian face has no digits; they must not print as empty boxes."""
    from PIL import Image, ImageDraw
    drawn = line_image("2026")
    face = ImageFont.truetype(str(CHINESE_FACE), FONT_DOTS, layout_engine=ImageFont.Layout.RAQM)
    expected = Image.new("L", (drawn.width + 2 * FONT_DOTS, 2 * FONT_DOTS), 255)
    ImageDraw.Draw(expected).text((FONT_DOTS / 2, int(1.4 * FONT_DOTS)), "2026", font=face, fill=0, anchor="ls")
    expected = expected.crop(expected.point(lambda v: 255 if v < 128 else 0).getbbox())
    assert expected.size == drawn.size
    assert ImageChops.difference(expected, drawn).getbbox() is None


def test_bitmap_survives_the_journal_and_encodes_as_one_raster(tm_t88iii):
    block = mongolian_line(locale_data.own_name("mn"))
    document = PrintDocument(kind="receipt", blocks=(Text("政务服务中心"), block))
    again = PrintDocument.from_json(document.to_json())
    assert again == document
    data = encode_document(again, tm_t88iii)
    at = data.index(GS_V0)
    wb, height = data[at + 4] | data[at + 5] << 8, data[at + 6] | data[at + 7] << 8
    assert (wb, height) == ((block.width + 7) // 8, block.height)
    assert data[at + 8:at + 8 + wb * height] == bytes.fromhex(block.rows)


def test_byte_cost_on_the_tm_t88iii_is_the_raster_and_an_alignment(tm_t88iii):
    """What a Mongolian line adds to a slip (reported in docs/mongolian.md)."""
    empty = len(encode_document(PrintDocument(kind="test", blocks=()), tm_t88iii))
    block = mongolian_line(locale_data.month_name(11, "mn"))
    cost = len(encode_document(PrintDocument(kind="test", blocks=(block,)), tm_t88iii)) - empty
    raster = 8 + ((block.width + 7) // 8) * block.height
    assert cost == raster + 3 + 3       # centre before it, left again at the end
    assert cost < 1024


def test_too_long_a_line_is_refused_with_what_to_do():
    long_line = " ".join(locale_data.locale_data("mn").months)
    with pytest.raises(LineTooLong, match="shorter form"):
        mongolian_line(long_line)
    with pytest.raises(ValueError, match="leave the setting out"):
        mongolian_line("  ")


def test_a_bitmap_wider_than_the_paper_is_cut_at_the_edge():
    from PIL import Image
    wide = bitmap_of(Image.new("L", (MAX_DOTS + 200, 4), 0))
    narrow = PrinterProfile.generic(58)
    data = encode_document(PrintDocument(kind="test", blocks=(wide,)), narrow)
    at = data.index(GS_V0)
    assert data[at + 4] == narrow.dots // 8 and data[at + 6] == 4


def test_bitmap_rows_must_match_its_size():
    with pytest.raises(ValueError, match="rows"):
        Bitmap(width=9, height=1, rows="ff")


def test_the_paper_shows_the_shaped_line_centred_between_the_chinese_lines(tm_t88iii):
    """Decoded as the virtual printer decodes it: the picture's dark dots are the line's ink."""
    from kiosk.sim.escpos_decode import decode

    month = locale_data.month_name(11, "mn")
    block = mongolian_line(month)
    data = encode_document(PrintDocument(kind="test", blocks=(Text("上"), block, Text("下"))), tm_t88iii)
    (job,) = decode(data)
    (image,) = job.images
    assert image.align == "center" and job.lines[:1] == ["上"] and "下" in job.lines
    picture = line_image(month)
    for y in range(picture.height):
        for x in range(picture.width):
            assert image.pixel(x, y) == (picture.getpixel((x, y)) < 128), (x, y)
