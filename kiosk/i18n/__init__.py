"""Message catalogues. Every user-facing text goes through `Catalogue.text(key)`.

Catalogues are TOML files under kiosk/i18n/<language>/, one file per area of the product
(core.toml, reader.toml, printer.toml ...), each a flat table of key = "text"; keys are
prefixed by the area ("reader.place_card"). Chinese (zh_CN) is complete by definition; a key
missing in another language falls back to Chinese and is listed by `kiosk i18n missing LANG`
for the bureau's translator. Mongolian text is never written by developers.
"""
from __future__ import annotations

import logging
import tomllib
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en", "mn")


@lru_cache(maxsize=None)
def load_language(language: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    folder = HERE / language
    for path in sorted(folder.glob("*.toml")):
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        for key, value in table.items():
            if not isinstance(value, str):
                raise ValueError(f"{path}: {key}: a message must be text")
            if key in messages:
                raise ValueError(f"{path}: {key}: defined twice in {language}")
            messages[key] = value
    return messages


def missing_keys(language: str) -> list[str]:
    source = load_language(SOURCE_LANGUAGE)
    target = load_language(language)
    return sorted(k for k in source if k not in target)


class Catalogue:
    """Looks up texts in the current language, falling back to Chinese."""

    def __init__(self, language: str = SOURCE_LANGUAGE):
        self._source = load_language(SOURCE_LANGUAGE)
        self.language = language

    @property
    def language(self) -> str:
        return self._language

    @language.setter
    def language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self._language = language
        self._current = load_language(language)

    def text(self, key: str, **values: object) -> str:
        template = self._current.get(key)
        if template is None:
            template = self._source.get(key)
            if template is None:
                log.error("message key %s is in no catalogue", key)
                return key
        return template.format(**values) if values else template
