"""The translator's files: `export` writes the file to translate, `import_file` checks one and
installs it whole or not at all (kiosk/i18n/checks.py says what is checked)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from .catalogue_files import CATALOGUES, SOURCE_LANGUAGE, po_path, template_path
from .catalogues import merge, read_catalog, write_catalog
from .checks import Fit, Problem, Submitted, check_file, counted


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    translated: int = 0
    total: int = 0
    installed: Path | None = None


def _template(folder: Path) -> Catalog:
    return read_catalog(template_path(folder))


def export(language: str, out: Path, folder: Path = CATALOGUES) -> tuple[int, int, int]:
    """Writes `language`'s catalogue merged with the template to `out`: the installed translations
    kept, new messages empty, changed Chinese marked fuzzy, removed messages obsolete (#~).
    Returns (translated, total, obsolete)."""
    if language == SOURCE_LANGUAGE:
        raise ValueError(f"{SOURCE_LANGUAGE} is the source: translate it into another language")
    installed = po_path(language, folder)
    old = read_catalog(installed, language) if installed.is_file() else None
    catalog = merge(_template(folder), old, language)
    write_catalog(catalog, out)
    done = sum(1 for m in catalog if m.id and m.string and not m.fuzzy)
    return done, sum(1 for m in catalog if m.id), len(catalog.obsolete)


def submitted(path: Path, language: str) -> tuple[list[Submitted], list[Problem]]:
    catalog = read_catalog(path, language)
    messages, problems = [], []
    for message in catalog:
        if not message.id:
            continue
        if not message.context:
            problems.append(Problem(message.id[:30], "no key (msgctxt): not a file written by `kiosk i18n export`"))
            continue
        text = message.string if isinstance(message.string, str) else ""
        messages.append(Submitted(message.context, message.id, text, message.fuzzy))
    return messages, problems


def import_file(language: str, path: Path, fit: Fit | None, folder: Path = CATALOGUES) -> ImportResult:
    """Checks every message of the file; installs it (merged with the template) only when no
    message has a problem."""
    if language == SOURCE_LANGUAGE:
        raise ValueError(f"{SOURCE_LANGUAGE} is the source: edit {template_path(folder)} instead")
    template = _template(folder)
    source = {m.context: m.id for m in template if m.id and m.context}
    messages, problems = submitted(path, language)
    problems += check_file(messages, source, language, fit)
    result = ImportResult(problems, counted(messages, source), len(source))
    if problems:
        return result
    incoming = read_catalog(path, language)
    installed = po_path(language, folder)
    write_catalog(merge(template, incoming, language), installed)
    result.installed = installed
    return result
