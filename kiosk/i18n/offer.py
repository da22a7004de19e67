"""Which languages the home screen offers: Chinese always, another language only when its
catalogue translates at least `offer_at` ([i18n] in the configuration) of the messages citizens
see (every message but the technicians' diagnostics). Below that, a citizen who chose it would
find Chinese screens behind a button in their language.
"""
from __future__ import annotations

from pathlib import Path

from . import load_language
from .catalogue_files import CATALOGUES, SOURCE_LANGUAGE

OFFER_ORDER = ("zh_CN", "en", "mn")
TECHNICIAN_PREFIXES = ("diag.",)   # the technicians' diagnostics: not shown to citizens


def citizen_facing(key: str) -> bool:
    return not key.startswith(TECHNICIAN_PREFIXES)      # the order the language button goes through them


def coverage(language: str, folder: Path = CATALOGUES) -> tuple[int, int]:
    """(citizen-facing messages translated, citizen-facing messages)."""
    wanted = [key for key in load_language(SOURCE_LANGUAGE, folder) if citizen_facing(key)]
    if language == SOURCE_LANGUAGE:
        return len(wanted), len(wanted)
    translated = load_language(language, folder)
    return sum(1 for key in wanted if key in translated), len(wanted)


def offered_languages(offer_at: float, folder: Path = CATALOGUES) -> tuple[str, ...]:
    offered = []
    for language in OFFER_ORDER:
        done, total = coverage(language, folder)
        if language == SOURCE_LANGUAGE or (total and done / total >= offer_at - 1e-9):
            offered.append(language)
    return tuple(offered)


def next_language(current: str, offered: tuple[str, ...]) -> str:
    """The language the language button leads to from `current`."""
    if current not in offered:
        return offered[0]
    return offered[(offered.index(current) + 1) % len(offered)]
