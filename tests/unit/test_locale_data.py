"""Locale data comes from CLDR (Babel), field by field from the first locale that defines it.

Mongolian expectations are read from Babel's own CLDR files here, never written in the test.
"""
from __future__ import annotations

import datetime
import unicodedata

import pytest
from babel import localedata

from kiosk.i18n import LANGUAGES, locale_data as ld

MONDAY = datetime.date(2026, 11, 30)


def mongolian_script(text: str) -> bool:
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    return bool(letters) and all(0x1800 <= ord(c) <= 0x18AF for c in letters)


@pytest.fixture(autouse=True)
def fresh_cache():
    ld.locale_data.cache_clear()
    yield
    ld.locale_data.cache_clear()


def test_every_ui_language_has_a_chain():
    assert set(ld.CLDR_CHAINS) == set(LANGUAGES)


def test_chinese_and_english_from_their_own_cldr_locales():
    assert ld.own_name("zh_CN") == "中文"
    assert ld.own_name("en") == "English"
    assert ld.date_text(MONDAY, "zh_CN") == "2026年11月30日"
    assert ld.weekday_name(MONDAY, "zh_CN") == "星期一"
    assert ld.date_text(MONDAY, "en") == "November 30, 2026"
    assert ld.month_name(11, "en") == "November"


def test_cldr_has_nothing_of_these_fields_for_inner_mongolia():
    """The fact docs/mongolian.md is built on: when CLDR adds mn_Mong_CN data, this fails and the
    note (and the chain's order) must be revisited."""
    for locale_id in ("mn_Mong_CN", "mn_Mong"):
        own = localedata.load(locale_id, merge_inherited=False)
        assert "months" not in own and "days" not in own and "date_formats" not in own
        assert not own.get("languages")


def test_mongolian_comes_from_mn_mong_mn_and_is_in_mongolian_script():
    data = ld.locale_data("mn")
    assert dict(data.sources) == {"own name": "mn_Mong_MN", "months": "mn_Mong_MN", "weekdays": "mn_Mong_MN",
                                  "date pattern": "mn_Mong_MN"}
    cldr = localedata.load("mn_Mong_MN", merge_inherited=False)
    assert data.own_name == cldr["languages"]["mn"]
    assert data.months == tuple(cldr["months"]["format"]["wide"][m] for m in range(1, 13))
    assert data.weekdays[MONDAY.weekday()] == cldr["days"]["format"]["wide"][0]
    assert mongolian_script(data.own_name)
    assert all(mongolian_script(w) for w in (*data.months, *data.weekdays))


def test_a_naive_lookup_fails_where_the_chain_does_not():
    """Babel's merged lookup for mn_Mong_CN has no months at all (its parent is root)."""
    from babel import Locale
    with pytest.raises(KeyError):
        Locale.parse("mn_Mong_CN").months["format"]["wide"]
    assert mongolian_script(ld.month_name(11, "mn"))
    assert ld.date_text(MONDAY, "mn") == "2026.11.30"   # CLDR's numeric pattern (y.MM.dd)


def test_a_chain_with_no_data_is_refused_by_name(monkeypatch):
    monkeypatch.setitem(ld.CLDR_CHAINS, "mn", ("mn_Mong_CN", "mn_Mong"))
    with pytest.raises(ld.MissingLocaleData, match="mn_Mong_CN, mn_Mong"):
        ld.locale_data("mn")


def test_unknown_language():
    with pytest.raises(ValueError, match="x-klingon"):
        ld.locale_data("x-klingon")
