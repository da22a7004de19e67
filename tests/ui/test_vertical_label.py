"""VerticalMongolianLabel drawn offscreen with CLDR's Mongolian words: shaped measuring, columns
left to right, each line the horizontal shaping turned 90 degrees clockwise.

The PNGs are written to the test's tmp_path (and to $KIOSK_PROOF_DIR when set, for a person to
look at)."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFont

from kiosk.i18n import locale_data
from kiosk.ui.fonts import MONGOLIAN_FONT

pytestmark = pytest.mark.ui

FONT_SIZE = 40


@pytest.fixture(scope="module")
def window():
    from kivy.core.window import Window
    return Window


def export(widget, tmp_path: Path, name: str) -> Image.Image:
    """The widget's drawing on white (the label draws in black for the test)."""
    data = io.BytesIO()
    widget.export_as_image().save(data, fmt="png")
    drawn = Image.open(io.BytesIO(data.getvalue())).convert("RGBA")
    page = Image.new("RGBA", drawn.size, "white")
    page.alpha_composite(drawn)
    page = page.convert("L")
    page.save(tmp_path / name)
    if os.environ.get("KIOSK_PROOF_DIR"):
        page.save(Path(os.environ["KIOSK_PROOF_DIR"]) / name)
    return page


def ink_box(image: Image.Image, box=None):
    """Bounding box of the dark pixels (in the crop `box`, relative to it)."""
    part = image.crop(box) if box else image
    return part.point(lambda v: 255 if v < 128 else 0).getbbox()


def test_mongolian_is_measured_shaped(window):
    from kiosk.i18n.vertical import MONG
    from kiosk.ui.vertical_label import KivyMeasure

    month = locale_data.month_name(11, "mn")
    shaped = ImageFont.truetype(str(MONGOLIAN_FONT), FONT_SIZE, layout_engine=ImageFont.Layout.RAQM)
    unshaped = ImageFont.truetype(str(MONGOLIAN_FONT), FONT_SIZE, layout_engine=ImageFont.Layout.BASIC)
    measured = KivyMeasure(FONT_SIZE + 1).rotated(month, MONG)     # a size no label used before
    pillow = ImageFont.truetype(str(MONGOLIAN_FONT), FONT_SIZE + 1, layout_engine=ImageFont.Layout.RAQM)
    assert abs(measured - pillow.getlength(month)) <= 3, (measured, pillow.getlength(month))
    assert shaped.getlength(month) < 0.8 * unshaped.getlength(month)   # shaping matters this much


def test_columns_left_to_right_each_line_turned_clockwise(window, tmp_path):
    from kiosk.ui.vertical_label import VerticalMongolianLabel, run_texture

    mn = locale_data.locale_data("mn")
    text = " ".join(mn.weekdays)
    label = VerticalMongolianLabel(text=text, font_size=FONT_SIZE, color=(0, 0, 0, 1), size=(600, 200))
    layout = label.redraw()
    assert " ".join(c.text for c in layout.columns).split() == list(mn.weekdays)
    assert len(layout.columns) >= 3 and not layout.overflow and not layout.split_words
    page = export(label, tmp_path, "vertical-weekdays.png")

    # every column's ink stays in its own strip, from the top down, and columns go left to right
    lefts = []
    for column in layout.columns:
        strip = (int(column.x), 0, int(column.x + layout.thickness), page.height)
        box = ink_box(page, strip)
        assert box, f"column {column.index} drew nothing"
        assert box[1] < layout.thickness                 # starts near the top
        assert box[3] - box[1] > box[2] - box[0]         # taller than wide: a column, not a line
        lefts.append(strip[0] + box[0])
    assert lefts == sorted(lefts)
    assert ink_box(page, (int(layout.width) + 2, 0, page.width, page.height)) is None

    # the first column is the horizontal shaping turned clockwise, not counter-clockwise
    texture = run_texture(layout.columns[0].runs[0].text, "mong", FONT_SIZE)
    horizontal = Image.frombytes("RGBA", texture.size, texture.pixels).getchannel("A")
    horizontal = ImageChops.invert(horizontal)   # dark ink on white, like the page
    column = page.crop((0, 0, int(layout.thickness), int(texture.width)))
    clockwise, counter = horizontal.transpose(Image.ROTATE_270), horizontal.transpose(Image.ROTATE_90)

    def difference(a):
        a = a.resize(column.size)
        histogram = ImageChops.difference(a, column).histogram()
        return sum(i * n for i, n in enumerate(histogram)) / (column.width * column.height)

    assert difference(clockwise) < difference(counter) / 2, (difference(clockwise), difference(counter))


def test_mixed_run_has_upright_chinese_and_stays_in_one_column(window, tmp_path):
    from kiosk.ui.vertical_label import VerticalMongolianLabel

    mn = locale_data.locale_data("mn")
    text = f"{mn.own_name} 2026 {locale_data.own_name('zh_CN')}"       # CLDR: Mongolian, digits, 中文
    label = VerticalMongolianLabel(text=text, font_size=FONT_SIZE, color=(0, 0, 0, 1), size=(200, 800))
    layout = label.redraw()
    assert len(layout.columns) == 1
    assert [r.kind for r in layout.columns[0].runs] == ["mong", "latin", "cjk", "cjk"]
    page = export(label, tmp_path, "vertical-mixed.png")
    last = layout.columns[0].runs[-1]                  # 文, upright in its own em box
    box = ink_box(page, (0, int(last.top), int(layout.thickness), int(last.top + last.length)))
    assert box and abs((box[2] - box[0]) - (box[3] - box[1])) < FONT_SIZE / 3   # about square: upright Han
    assert ink_box(page, (0, int(layout.columns[0].length) + 4, page.width, page.height)) is None


def test_a_new_text_is_laid_out_again_on_the_next_frame(window):
    from kivy.clock import Clock

    from kiosk.ui.vertical_label import VerticalMongolianLabel

    mn = locale_data.locale_data("mn")
    label = VerticalMongolianLabel(text=mn.weekdays[0], font_size=FONT_SIZE, size=(300, 400))
    Clock.tick()
    assert [c.text for c in label.layout.columns] == [mn.weekdays[0]]
    label.text = mn.weekdays[1]
    Clock.tick()
    assert [c.text for c in label.layout.columns] == [mn.weekdays[1]]
    assert label.minimum_width == label.layout.thickness
