"""Message catalogues. Every user-facing text goes through `Catalogue.text(key)`.

The messages are gettext PO catalogues (kiosk/i18n/catalogue_files.py says where and why each
message is msgctxt = key, msgid = Chinese): kiosk/i18n/locale/kiosk.pot holds the Chinese
(zh_CN, complete by definition), kiosk/i18n/locale/<lang>/LC_MESSAGES/kiosk.po each other
language. A key missing in another language falls back to Chinese and is listed by
`kiosk i18n missing LANG`. Mongolian text is never written by developers: the bureau's translator
fills the `mn` catalogue through `kiosk i18n export` / `import` (README, "For the bureau's
translator").
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from .catalogue_files import CATALOGUES, SOURCE_LANGUAGE, read_source, read_translations

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
LANGUAGES = ("zh_CN", "en", "mn")


@lru_cache(maxsize=None)
def load_language(language: str, folder: Path = CATALOGUES) -> dict[str, str]:
    """key -> text of a language: the template's Chinese for zh_CN, else the translations that count."""
    source = read_source(folder)
    if language == SOURCE_LANGUAGE:
        return source
    return read_translations(language, source, folder)


def missing_keys(language: str, folder: Path = CATALOGUES) -> list[str]:
    source = load_language(SOURCE_LANGUAGE, folder)
    target = load_language(language, folder)
    return sorted(k for k in source if k not in target)


class Catalogue:
    """Looks up texts in the current language, falling back to Chinese.

    `proof_texts[language]`, when set, replaces that language's catalogue: `kiosk i18n proof`
    shows a translator's file (or the pseudo-locale's texts) in the screens before it is
    installed, without making anything a language citizens can choose."""

    def __init__(self, language: str = SOURCE_LANGUAGE):
        self._source = load_language(SOURCE_LANGUAGE)
        self.proof_texts: dict[str, dict[str, str]] = {}
        self.language = language

    @property
    def language(self) -> str:
        return self._language

    @language.setter
    def language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self._language = language
        self._current = self.proof_texts.get(language) or load_language(language)

    def text(self, key: str, **values: object) -> str:
        template = self._current.get(key)
        if template is None:
            template = self._source.get(key)
            if template is None:
                log.error("message key %s is in no catalogue", key)
                return key
        return template.format(**values) if values else template
