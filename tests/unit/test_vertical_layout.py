"""Vertical Mongolian layout with a deterministic measure: line breaking on the height, column
order, mixed runs. Mongolian words come from CLDR (kiosk.i18n.locale_data), never typed here;
artificial words (aaa, bbb) test the arithmetic."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.i18n import locale_data
from kiosk.i18n.vertical import CJK, LATIN, MONG, kind_of, layout_vertical, runs_of, tokens_of


class Fixed:
    """Every rotated character 10 long, every upright one 20, columns 30 wide."""
    thickness = 30.0

    def rotated(self, text, kind):
        return 10.0 * len(text)

    def upright(self, text):
        return 20.0 * len(text)


M = Fixed()


def test_lines_break_at_spaces_on_the_height():
    layout = layout_vertical("aaa bbb ccc", height=75, measure=M)
    assert [c.text for c in layout.columns] == ["aaa bbb", "ccc"]
    assert [c.length for c in layout.columns] == [70, 30]
    assert not layout.split_words and not layout.overflow


def test_a_line_that_fits_exactly_stays_one_column():
    assert [c.text for c in layout_vertical("aaa bbb", height=70, measure=M).columns] == ["aaa bbb"]
    assert [c.text for c in layout_vertical("aaa bbb", height=69, measure=M).columns] == ["aaa", "bbb"]


def test_columns_run_left_to_right_and_lines_top_to_bottom():
    layout = layout_vertical("aaa bbb ccc", height=35, measure=M, column_gap=5)
    assert [c.text for c in layout.columns] == ["aaa", "bbb", "ccc"]
    assert [c.x for c in layout.columns] == [0, 35, 70]
    assert layout.width == 100
    first = layout.columns[0].runs[0]
    assert first.top == 0 and first.length == 30


def test_a_newline_starts_a_column():
    assert [c.text for c in layout_vertical("aa\nbb cc", height=500, measure=M).columns] == ["aa", "bb cc"]


def test_a_word_taller_than_the_box_is_cut_between_letters_and_said_so():
    layout = layout_vertical("abcdefgh ij", height=35, measure=M)
    assert [c.text for c in layout.columns] == ["abc", "def", "gh", "ij"]
    assert layout.split_words and not layout.overflow


def test_a_letter_taller_than_the_box_overflows():
    layout = layout_vertical("中", height=10, measure=M)
    assert layout.overflow and [c.text for c in layout.columns] == ["中"]


def test_no_cut_before_a_joiner():
    word = "ab\u202fcd"          # a suffix joined by NARROW NO-BREAK SPACE stays with its letter
    pieces = [c.text for c in layout_vertical(word, height=25, measure=M).columns]
    assert all(not p.startswith("\u202f") for p in pieces)
    assert "".join(pieces) == word


def test_empty_text_has_no_column():
    assert layout_vertical("", height=100, measure=M).columns == ()


def test_mixed_runs_rotated_latin_and_upright_chinese():
    month = locale_data.month_name(11, "mn")         # CLDR: Mongolian words with a space
    line = f"{month} 2026 中文"
    assert [k for k, _ in runs_of(line)] == [MONG, LATIN, CJK, CJK]
    layout = layout_vertical(line, height=1000, measure=M)
    runs = layout.columns[0].runs
    assert [r.kind for r in runs] == [MONG, LATIN, CJK, CJK]
    assert runs[0].text == month + " " and runs[1].text == "2026 "
    assert [r.length for r in runs[2:]] == [20, 20]           # upright: one em box each
    assert [r.top for r in runs] == [0, runs[0].length, runs[0].length + 50, runs[0].length + 70]


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation():
    assert tokens_of("中文，中文") == ["中", "文，", "中", "文"]
    layout = layout_vertical("中文，中文", height=60, measure=M)
    assert [c.text for c in layout.columns] == ["中文，", "中文"]


def test_cldr_weekdays_one_a_column_when_the_height_holds_the_longest():
    words = locale_data.locale_data("mn").weekdays
    text = " ".join(words)
    assert all(kind_of(ch) in (MONG, None) for ch in text)
    layout = layout_vertical(text, height=10 * max(len(w) for w in words), measure=M)
    assert [c.text for c in layout.columns] == list(words)


WORDS = st.lists(st.text(alphabet="abcde", min_size=1, max_size=6), min_size=1, max_size=20)


@given(WORDS, st.integers(min_value=60, max_value=300))
def test_every_column_fits_and_the_words_stay_in_order(words, height):
    layout = layout_vertical(" ".join(words), height=height, measure=M)
    assert all(c.length <= height for c in layout.columns)
    assert " ".join(c.text for c in layout.columns).split() == words
    xs = [c.x for c in layout.columns]
    assert xs == sorted(xs)
