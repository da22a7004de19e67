"""Dates, weekdays, months and each language's own name, from Unicode CLDR (through Babel).

Nothing here is written by hand: every name comes from CLDR, so Mongolian script on screen is
CLDR's until the bureau's translator says otherwise. Each UI language reads a chain of CLDR
locales; a field is taken from the first locale that defines it itself (not inherited), because
CLDR's root fills a missing month with a code such as "M11", which must never reach a citizen.
For `mn`, CLDR 49 defines nothing of these fields for mn_Mong_CN or mn_Mong (both inherit from
root), so they come from mn_Mong_MN: the same script, written in Mongolia. docs/mongolian.md
says what that means and what the translator still has to confirm.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, localedata
from babel.dates import format_date

# Per UI language: the CLDR locales to read, most specific first.
CLDR_CHAINS: dict[str, tuple[str, ...]] = {
    "zh_CN": ("zh_Hans_CN", "zh_Hans", "zh"),
    "en": ("en",),
    "mn": ("mn_Mong_CN", "mn_Mong", "mn_Mong_MN"),
}
# CLDR's language code for each UI language (the key of its own name).
LANGUAGE_CODES = {"zh_CN": "zh", "en": "en", "mn": "mn"}
# Which CLDR date pattern the screens use. For mn the numeric one: CLDR 49's long and full
# patterns for mn_Mong_MN carry stray variation selectors and suffix letters on the wrong side
# of the month (docs/mongolian.md), and a wrong suffix on a government screen is worse than digits.
DATE_FORMS = {"zh_CN": "long", "en": "long", "mn": "medium"}


class MissingLocaleData(LookupError):
    """No CLDR locale in a language's chain defines a field."""


@dataclass(frozen=True)
class LocaleData:
    language: str                 # the UI language (zh_CN, en, mn)
    own_name: str                 # the language's name in itself, for the language button
    months: tuple[str, ...]       # January first, the form used inside a date
    weekdays: tuple[str, ...]     # Monday first
    date_pattern: str             # CLDR pattern for the screens' date
    sources: tuple[tuple[str, str], ...]  # (field, CLDR locale it came from)

    def source_of(self, field: str) -> str:
        return dict(self.sources)[field]


def _own(locale_id: str) -> dict:
    return localedata.load(locale_id, merge_inherited=False)


def _first(language: str, field: str, pick) -> tuple[object, str]:
    """(value, locale) from the first locale in the chain that defines `field` itself."""
    for locale_id in CLDR_CHAINS[language]:
        if not localedata.exists(locale_id):
            continue
        try:
            value = pick(_own(locale_id))
        except (KeyError, TypeError):
            continue
        if value:
            return value, locale_id
    raise MissingLocaleData(f"CLDR has no {field} for {language} in {', '.join(CLDR_CHAINS[language])}")


@lru_cache(maxsize=None)
def locale_data(language: str) -> LocaleData:
    if language not in CLDR_CHAINS:
        raise ValueError(f"no CLDR chain for language {language!r}")
    code = LANGUAGE_CODES[language]
    own_name, own_src = _first(language, "own name", lambda d: d["languages"][code])
    months, months_src = _first(language, "months", lambda d: d["months"]["format"]["wide"])
    days, days_src = _first(language, "weekdays", lambda d: d["days"]["format"]["wide"])
    form = DATE_FORMS[language]
    pattern, pattern_src = _first(language, "date pattern", lambda d: d["date_formats"][form].pattern)
    if sorted(months) != list(range(1, 13)) or sorted(days) != list(range(7)):
        raise MissingLocaleData(f"CLDR's months or weekdays for {language} are incomplete")
    return LocaleData(
        language=language, own_name=str(own_name),
        months=tuple(str(months[m]) for m in range(1, 13)),
        weekdays=tuple(str(days[d]) for d in range(7)),   # Babel numbers Monday 0
        date_pattern=str(pattern),
        sources=(("own name", own_src), ("months", months_src), ("weekdays", days_src),
                 ("date pattern", pattern_src)))


def own_name(language: str) -> str:
    """The text of the language button: the language's name in that language (CLDR)."""
    return locale_data(language).own_name


def month_name(month: int, language: str) -> str:
    return locale_data(language).months[month - 1]


def weekday_name(day: datetime.date, language: str) -> str:
    return locale_data(language).weekdays[day.weekday()]


def date_text(day: datetime.date, language: str) -> str:
    """The date as the screens show it, with CLDR's pattern from the locale that has one."""
    data = locale_data(language)
    return format_date(day, data.date_pattern, locale=Locale.parse(data.source_of("date pattern")))


def cldr_words(language: str) -> tuple[str, ...]:
    """Every CLDR word this module offers for a language (the pseudo-locale's vocabulary)."""
    data = locale_data(language)
    return (data.own_name, *data.months, *data.weekdays)
