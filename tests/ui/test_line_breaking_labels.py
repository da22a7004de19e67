"""The screens' label breaks Chinese by the rules, measured with the bundled font through Kivy's
own text provider, and Kivy draws the lines it is given (no second wrapping of its own)."""
from __future__ import annotations

import pytest

from kiosk.screens.linebreak import NO_END, NO_START, units

pytestmark = pytest.mark.ui

# Each text has a place where a width-filling break would break a rule.
TEXTS = [
    "打印机缺纸，暂时无法打印。请到综合受理窗口打印，或使用蒙速办查看办件进度。",
    "请到乌审旗政务服务中心综合受理窗口（一楼大厅）办理，或拨打12345政务服务便民热线咨询。",
    "您的办件编号为150626-20261125-000123，请妥善保管回执，材料说明写得不清楚",
    "证件已超过有效期限，请到综合受理窗口办理",
]


@pytest.fixture(scope="module")
def label_class():
    from kivy.core.window import Window  # noqa: F401  (the text provider needs the window's GL)

    from kiosk.ui.fonts import register_fonts
    register_fonts()
    from kiosk.screens.text import KioskLabel
    return KioskLabel


def laid_out(label_class, text: str, width: int, font_size: int = 24):
    label = label_class(text=text, font_size=font_size, wrap=False, text_size=(width, None))
    label.texture_update()
    return label, label._label.text.split("\n")


@pytest.mark.parametrize("text", TEXTS)
def test_lines_follow_the_rules_at_every_width(label_class, text):
    from kiosk.screens.text import measurer

    for width in range(180, 560, 23):
        label, lines = laid_out(label_class, text, width)
        measure = measurer(label._label)
        assert "".join(lines) == text.replace(" ", "")
        for i, line in enumerate(lines):
            assert measure(line) <= width, (width, lines)
            if i:
                assert line[0] not in NO_START, (width, lines)
            if i < len(lines) - 1:
                assert line[-1] not in NO_END, (width, lines)
        for number in ("12345", "150626-20261125-000123"):
            # Whole wherever a line can hold it with the punctuation that may not leave it.
            unit = next((u for u, _ in units(text) if number in u), "")
            if unit and measure(unit) <= width:
                assert any(number in line for line in lines), (width, lines)


def test_kivy_draws_the_lines_it_is_given(label_class):
    for width in (200, 260, 333, 420):
        label, lines = laid_out(label_class, TEXTS[1], width)
        drawn = ["".join(word.text for word in line.words) for line in label._label._cached_lines]
        assert drawn == lines, width
        assert label.lines_shown() == (len(lines), len(lines))


def test_a_phone_number_is_not_split_where_kivy_alone_would(label_class):
    from kivy.uix.label import Label

    text = "请拨打政务服务便民热线12345咨询"
    for width in range(150, 400, 7):
        plain = Label(text=text, font_size=24, text_size=(width, None))
        plain.texture_update()
        kivy_lines = ["".join(w.text for w in line.words) for line in plain._label._cached_lines]
        _label, ours = laid_out(label_class, text, width)
        assert any("12345" in line for line in ours), (width, ours)
        if not any("12345" in line for line in kivy_lines):
            return   # Kivy alone cut the number at this width; the rules kept it whole
    pytest.fail("Kivy never split the number: the widths tried do not show the difference")
