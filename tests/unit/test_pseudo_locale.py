"""The layout-proof pseudo-locale: CLDR words only, placeholders kept, length comparable to the
Chinese source, never a language citizens can choose."""
from __future__ import annotations

import string

import pytest

from kiosk.i18n import LANGUAGES, SOURCE_LANGUAGE, Catalogue, load_language, locale_data
from kiosk.i18n.pseudo import CLOSE, EXPANSION, OPEN, PSEUDO_LANGUAGE, pseudo_catalogue, pseudo_text, shaped_length


def placeholders(text: str) -> list[str]:
    return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None]


def words_outside_placeholders(text: str) -> list[str]:
    literal = "".join(lit for lit, *_ in string.Formatter().parse(text))
    return literal.split()


@pytest.fixture(scope="module")
def catalogue():
    return pseudo_catalogue(load_language(SOURCE_LANGUAGE))


def test_never_offered_and_never_mn():
    assert PSEUDO_LANGUAGE not in LANGUAGES and PSEUDO_LANGUAGE != "mn"
    with pytest.raises(ValueError):
        Catalogue(PSEUDO_LANGUAGE)


def test_made_only_of_cldr_words_and_brackets(catalogue):
    vocabulary = set(" ".join(locale_data.cldr_words("mn")).split())
    for key, text in catalogue.items():
        assert text.startswith(OPEN) and text.endswith(CLOSE), key
        inner = text[len(OPEN):-len(CLOSE)]
        assert set(words_outside_placeholders(inner)) <= vocabulary, key


def test_placeholders_kept_in_order_and_format_like_the_source(catalogue):
    source = load_language(SOURCE_LANGUAGE)
    for key, text in catalogue.items():
        assert placeholders(text) == placeholders(source[key]), key
    values = {"hall_name": "H", "window": "W", "hotline": "12345", "parts": "P"}
    assert "12345" in catalogue["banner.out_of_order"].format(**values)


def test_length_comparable_to_the_chinese_source():
    source = "请到窗口办理，工作人员帮您办"
    text = pseudo_text("test.length", source)
    assert EXPANSION * shaped_length(source) <= shaped_length(text) <= 2.5 * EXPANSION * shaped_length(source)


def test_with_a_deterministic_measure_the_length_is_the_target_plus_at_most_one_word():
    def measure(text):            # one em per character, whatever the script
        return float(len(text))

    longest = max(len(w) for w in locale_data.cldr_words("mn"))
    text = pseudo_text("test.fixed", "一二三四五六七八九十", expansion=2.0, measure=measure)
    inner = text[1:-1]
    assert 20 <= len(inner) <= 20 + longest + 1


def test_same_id_same_text_and_ids_differ():
    assert pseudo_text("a.b", "请稍候") == pseudo_text("a.b", "请稍候")
    texts = {pseudo_text(f"id.{i}", "请稍候，正在查询") for i in range(10)}
    assert len(texts) > 1


def test_line_breaks_and_empty_texts_are_kept():
    assert pseudo_text("x", "") == ""
    assert pseudo_text("x", "第一行\n第二行").count("\n") == 1


def test_the_pseudo_locale_lays_out_in_columns():
    from kiosk.i18n.vertical import layout_vertical

    class Ems:
        thickness = 1.5

        def rotated(self, text, kind):
            return shaped_length(text)

        def upright(self, text):
            return float(len(text))

    text = pseudo_text("banner.out_of_order", load_language(SOURCE_LANGUAGE)["banner.out_of_order"])
    layout = layout_vertical(text, height=12, measure=Ems())
    assert len(layout.columns) > 2 and not layout.overflow
