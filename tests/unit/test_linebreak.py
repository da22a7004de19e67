"""Chinese line breaking (禁则), pinned with a fixed-width measure: every CJK character is 2 wide,
everything else 1, so a width of 2·n holds n Chinese characters."""
from __future__ import annotations

import pytest

from kiosk.screens.linebreak import NO_END, NO_START, break_text, units


def measure(text: str) -> int:
    return sum(2 if ord(c) > 0x2000 else 1 for c in text)


def lines(text: str, chars: float) -> list[str]:
    return break_text(text, chars * 2, measure).lines


def test_every_line_fits_and_nothing_is_lost():
    text = "打印机缺纸，暂时无法打印。请到综合受理窗口打印，或使用蒙速办查看。"
    broken = lines(text, 7)
    assert all(measure(line) <= 14 for line in broken)
    assert "".join(broken) == text


@pytest.mark.parametrize("text, width", [
    ("请您携带身份证原件到综合受理窗口，工作人员会帮您办理。", 8),     # "，" would open line 2
    ("办理时限：十个工作日。请耐心等待！谢谢配合。", 5),
    ("材料（原件）一份、复印件两份；缺一不可。", 4),
    ("请到综合受理窗口……或拨打热线电话。", 8),
])
def test_no_line_starts_with_closing_punctuation(text, width):
    for line in lines(text, width)[1:]:
        assert line[0] not in NO_START, lines(text, width)


def test_no_line_ends_with_opening_punctuation():
    text = "需要提交的材料包括「居民身份证」和《户口簿》以及（出生医学证明）"
    for width in range(4, 12):
        for line in lines(text, width)[:-1]:
            assert line[-1] not in NO_END, (width, lines(text, width))


@pytest.mark.parametrize("text, number", [
    ("咨询电话请拨打服务热线12345转政务服务", "12345"),
    ("您的办件编号为150626-20261125-000123请保存", "150626-20261125-000123"),
    ("办公时间周一至周五8:30-12:00 14:30-17:30", "8:30-12:00"),
    ("身份证号152627********1234已读取", "152627********1234"),
    ("共计1234份材料已提交", "1234"),
])
def test_numbers_codes_and_phone_numbers_are_never_split(text, number):
    for width in range(len(number) // 2 + 1, 18):   # wherever the number fits on a line
        broken = lines(text, width)
        assert any(number in line for line in broken), (width, broken)


def test_the_issue_examples_are_kept_whole():
    # Seen on the screens: "1234 / 5" and "123 / 45".
    assert lines("请拨打12345", 4) == ["请拨打", "12345"]
    assert lines("编号12345号", 4) == ["编号", "12345号"]


def test_a_lone_last_character_takes_a_companion():
    # "……说不清 / 楚" becomes "……说不 / 清楚"
    assert lines("材料说明写得不清楚", 8) == ["材料说明写得不", "清楚"]


def test_a_lone_last_character_with_its_punctuation_takes_a_companion():
    assert lines("请到综合受理窗口办理。", 9)[-1] == "办理。"


def test_a_lone_character_stays_when_nothing_can_join_it():
    # Only one unit above it: moving it would leave the line above empty.
    assert lines("12345678楚", 4.5) == ["12345678", "楚"]


def test_english_breaks_at_spaces_only():
    broken = lines("Please take your ID card from the reader", 8)
    assert all(measure(line) <= 16 for line in broken)
    assert " ".join(broken) == "Please take your ID card from the reader"
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in broken)


def test_a_run_wider_than_the_line_is_cut_and_counted():
    layout = break_text("编号WSQ202611250001234567", 10, measure)
    assert layout.forced == 1
    assert all(measure(line) <= 10 for line in layout.lines)
    assert "".join(layout.lines) == "编号WSQ202611250001234567"


def test_a_code_wider_than_the_line_is_cut_after_a_hyphen():
    assert lines("150626-20261125-000123", 9) == ["150626-20261125-", "000123"]


def test_explicit_newlines_are_kept():
    assert lines("第一行\n第二行", 10) == ["第一行", "第二行"]


def test_no_width_means_no_breaking():
    assert break_text("一二三四五六", None, measure).lines == ["一二三四五六"]


def test_units_glue_punctuation_to_its_neighbour():
    assert [u for u, _ in units("（原件）一份，")] == ["（原", "件）", "一", "份，"]
    assert units("ID card") == [("ID", False), ("card", True)]
