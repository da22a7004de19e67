"""Writing and merging the PO catalogues with Babel (babel.messages): the template with the notes a
translator needs, and each language's catalogue brought up to date with it.

Each message's notes (PO "extracted comments", shown by Poedit and Weblate beside the text):
its key, its placeholders, where it appears (screen and widget, from kiosk/i18n/places.py; the
files and lines are PO references) and the space it has, at normal and elder sizes (from
kiosk/i18n/spaces.py). The notes are derived, never edited by hand: `refresh_catalogues()`
(`kiosk i18n update`) writes them again from the code and the measured spaces.
"""
from __future__ import annotations

import os
import string
from datetime import datetime, timezone
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from .offer import citizen_facing
from .catalogue_files import CATALOGUES, DOMAIN, SOURCE_LANGUAGE, po_path, template_path
from .places import Places, find_places
from .spaces import Space, load_spaces, space_of

PROJECT = "kiosk"
# A fixed date in every header: writing the catalogues again (kiosk i18n update, an import) changes
# only the messages that changed, so their history shows what the translator or a developer did.
FIXED_DATE = datetime(2026, 11, 30, tzinfo=timezone.utc)


def placeholders(text: str) -> list[str]:
    """The placeholders of a text as written ("{seconds}"), in order; ValueError when its braces are broken."""
    found = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            found.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return found


def notes_for(key: str, source: str, places: Places, spaces: dict[str, dict[str, Space]]) -> list[str]:
    notes = [f"key: {key}" + ("" if citizen_facing(key) else " (technicians' diagnostics, not citizens)")]
    fields = placeholders(source)
    notes.append("placeholders: " + (" ".join(fields) + " (keep each one as written)" if fields else "none"))
    uses = places.of(key)
    shown = sorted({f"{u.screen}" + (f", {u.widget}" if u.widget else "") + (" (key built at run time)"
                                                                              if u.built else "") for u in uses})
    notes += [f"shown: {where}" for where in shown] or ["shown: not found in the code"]
    notes.append("space normal: " + space_of(key, "normal", spaces).describe())
    notes.append("space elder: " + space_of(key, "elder", spaces).describe())
    return notes


def build_template(source: dict[str, str], places: Places | None = None,
                   spaces: dict[str, dict[str, Space]] | None = None) -> Catalog:
    """The template (kiosk.pot): every message, msgctxt = key, msgid = Chinese, with its notes."""
    places = find_places(set(source)) if places is None else places
    spaces = load_spaces() if spaces is None else spaces
    catalog = Catalog(locale=None, domain=DOMAIN, project=PROJECT, version="1", fuzzy=False,
                      charset="utf-8", creation_date=FIXED_DATE, revision_date=FIXED_DATE)
    for key, text in source.items():
        flags = ("python-brace-format",) if placeholders(text) else ()
        catalog.add(text, context=key, flags=flags,
                    locations=sorted({(u.path, u.line) for u in places.of(key)}),
                    auto_comments=notes_for(key, text, places, spaces))
    return catalog


def merge(template: Catalog, old: Catalog | None, language: str) -> Catalog:
    """The catalogue of `language` for the template: translations kept (marked fuzzy, with the old
    Chinese as previous msgid, when the Chinese changed since), new messages empty, messages the
    template no longer has kept as obsolete (#~)."""
    catalog = Catalog(locale=language, domain=DOMAIN, project=PROJECT, version="1", fuzzy=False,
                      charset="utf-8", creation_date=FIXED_DATE, revision_date=FIXED_DATE)
    before = {m.context: m for m in old if m.id and m.context} if old is not None else {}
    for message in template:
        if not message.id:
            continue
        kept = before.pop(message.context, None)
        text, flags, previous = "", set(message.flags), []
        if kept is not None and isinstance(kept.string, str) and kept.string:
            text = kept.string
            if kept.fuzzy or kept.id != message.id:
                flags.add("fuzzy")
            if kept.id != message.id:
                previous = [kept.id]
            elif kept.previous_id:
                previous = list(kept.previous_id)
        catalog.add(message.id, text, context=message.context, flags=flags, locations=message.locations,
                    auto_comments=message.auto_comments,
                    user_comments=kept.user_comments if kept is not None else (), previous_id=previous)
    gone = list(before.values()) + (list(old.obsolete.values()) if old is not None else [])
    for message in gone:
        if message.string and message.context not in {m.context for m in catalog if m.context}:
            catalog.obsolete[(message.id, message.context)] = Message(
                message.id, message.string, context=message.context, user_comments=message.user_comments)
    return catalog


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Written whole or not at all (a temporary file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            write_po(out, catalog, width=0, sort_output=False, include_previous=True, omit_header=False)
        os.chmod(temporary, 0o644)     # mkstemp makes it private; a catalogue is read by the kiosk's user
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def source_from_template(folder: Path = CATALOGUES) -> dict[str, str]:
    return {m.context: m.id for m in read_catalog(template_path(folder)) if m.id and m.context}


def refresh_catalogues(languages: tuple[str, ...], folder: Path = CATALOGUES) -> list[Path]:
    """`kiosk i18n update`: the notes written again from the code and the spaces, and every
    language's catalogue merged with the template (after a message was added, changed or removed)."""
    template = build_template(source_from_template(folder))
    write_catalog(template, template_path(folder))
    written = [template_path(folder)]
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        path = po_path(language, folder)
        old = read_catalog(path, language) if path.is_file() else None
        write_catalog(merge(template, old, language), path)
        written.append(path)
    return written
