"""Where the catalogues are and how the terminal reads them.

Gettext's layout, so Babel's and gettext's own tools work on it unchanged:

    kiosk/i18n/locale/kiosk.pot                    the Chinese source: zh_CN, complete by definition
    kiosk/i18n/locale/<lang>/LC_MESSAGES/kiosk.po  one catalogue per other language (en, mn)

Every message is `msgctxt` = its stable id (the key the code uses, "reader.place_card") and
`msgid` = the Chinese source. Why: the translator's tool (Poedit, Weblate) shows the msgid as the
text to translate, so it must be the Chinese, not a key; the key stays the identity the code and
the voice clips use; and when the Chinese changes, the msgid changes with it, so the translation
is marked fuzzy for review instead of silently staying attached to a text that says something else.

A translation counts only when it is non-empty, not fuzzy and made for the current Chinese
source (its msgid equals the template's); otherwise the terminal shows the Chinese.
"""
from __future__ import annotations

from pathlib import Path

from .poread import read_entries

HERE = Path(__file__).resolve().parent
CATALOGUES = HERE / "locale"
DOMAIN = "kiosk"
SOURCE_LANGUAGE = "zh_CN"


def template_path(folder: Path = CATALOGUES) -> Path:
    return folder / f"{DOMAIN}.pot"


def po_path(language: str, folder: Path = CATALOGUES) -> Path:
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_source(folder: Path = CATALOGUES) -> dict[str, str]:
    """key -> Chinese text, from the template."""
    messages: dict[str, str] = {}
    for entry in read_entries(template_path(folder)):
        if entry.context in messages:
            raise ValueError(f"{template_path(folder)}: {entry.context}: defined twice")
        messages[entry.context] = entry.source
    return messages


def read_translations(language: str, source: dict[str, str], folder: Path = CATALOGUES) -> dict[str, str]:
    """key -> text of the translations that count (see the module's docstring)."""
    path = po_path(language, folder)
    if not path.is_file():
        return {}
    messages: dict[str, str] = {}
    for entry in read_entries(path):
        if entry.context in messages:
            raise ValueError(f"{path}: {entry.context}: defined twice")
        if entry.text.strip() and not entry.fuzzy and source.get(entry.context) == entry.source:
            messages[entry.context] = entry.text
    return messages
