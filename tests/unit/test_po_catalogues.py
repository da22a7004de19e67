"""The PO catalogues: converted from TOML without losing a message, read at start-up as Babel reads
them, exported for the translator with translations kept and removed messages marked obsolete,
and a language offered only when its catalogue is complete enough.

Mongolian test texts are CLDR's words (kiosk.i18n.locale_data, kiosk.i18n.pseudo), never written here."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kiosk.i18n import load_language
from kiosk.i18n.catalogue_files import CATALOGUES, po_path, read_source, read_translations, template_path
from kiosk.i18n.catalogues import read_catalog, write_catalog
from kiosk.i18n.offer import citizen_facing, coverage, next_language, offered_languages
from kiosk.i18n.poread import read_entries
from kiosk.i18n.pseudo import pseudo_text
from kiosk.i18n.transfer import export
from kiosk.paths import ROOT

CONVERTER = ROOT / "scripts" / "i18n_from_toml.py"
# texts a PO file must escape: quotes, backslashes, newlines, tabs, braces, a comment sign
AWKWARD = {"test.quotes": '他说"请稍候"\\然后\t返回', "test.lines": "第一行\n\n第三行 # 不是注释",
           "test.braces": "{count}件，共{total}件"}
AWKWARD_EN = {"test.quotes": 'He said "wait" \\ then\treturn', "test.lines": "one\n\nthree # not a comment",
              "test.braces": "{count} of {total}"}


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def write_toml(folder: Path, language: str, messages: dict[str, str]) -> None:
    (folder / language).mkdir(parents=True)
    lines = [f"{toml_string(key)} = {toml_string(text)}" for key, text in messages.items()]
    (folder / language / "all.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def catalogues(tmp_path: Path) -> Path:
    """A copy of the installed catalogues to change freely."""
    folder = tmp_path / "locale"
    shutil.copytree(CATALOGUES, folder)
    return folder


def test_toml_to_po_to_loader_gives_identical_messages(tmp_path):
    chinese = {**load_language("zh_CN"), **AWKWARD}
    english = {**load_language("en"), **AWKWARD_EN}
    toml, out = tmp_path / "toml", tmp_path / "locale"
    write_toml(toml, "zh_CN", chinese)
    write_toml(toml, "en", english)
    (toml / "mn").mkdir()
    run = subprocess.run([sys.executable, str(CONVERTER), "--toml", str(toml), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert read_source(out) == chinese
    assert read_translations("en", chinese, out) == english
    assert read_translations("mn", chinese, out) == {}
    check = subprocess.run([sys.executable, str(CONVERTER), "--check", "--toml", str(toml), "--out", str(out)],
                           capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0 and "0 difference(s)" in check.stderr


def test_the_converter_check_names_a_message_lost(tmp_path):
    toml, out = tmp_path / "toml", tmp_path / "locale"
    write_toml(toml, "zh_CN", {"test.one": "一", "test.two": "二"})
    write_toml(toml, "en", {"test.one": "one"})
    (toml / "mn").mkdir()
    assert subprocess.run([sys.executable, str(CONVERTER), "--toml", str(toml), "--out", str(out)],
                          capture_output=True, cwd=ROOT).returncode == 0
    (toml / "zh_CN" / "all.toml").write_text('"test.one" = "一"\n"test.two" = "二"\n"test.three" = "三"\n',
                                             encoding="utf-8")
    check = subprocess.run([sys.executable, str(CONVERTER), "--check", "--toml", str(toml), "--out", str(out)],
                           capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 1 and "zh_CN test.three" in check.stderr


@pytest.mark.parametrize("language", [None, "en", "mn"])
def test_the_start_up_reader_agrees_with_babel(language):
    path = template_path() if language is None else po_path(language)
    with open(path, "rb") as handle:
        babel = {m.context: (m.id, m.string or "", m.fuzzy) for m in read_po(handle) if m.id}
    fast = {e.context: (e.source, e.text, e.fuzzy) for e in read_entries(path)}
    assert fast == babel and len(fast) > 400


def test_every_message_has_its_notes_for_the_translator():
    template = read_catalog(template_path())
    for message in template:
        if not message.id:
            continue
        notes = "\n".join(message.auto_comments)
        assert f"key: {message.context}" in notes, f"{message.context}: no notes: run `kiosk i18n update`"
        assert "placeholders:" in notes and "shown:" in notes
        assert "space normal:" in notes and "space elder:" in notes
    seconds = template.get("{seconds}秒后返回首页", context="idle.seconds_left")
    assert "placeholders: {seconds}" in "\n".join(seconds.auto_comments)
    assert "python-brace-format" in seconds.flags
    assert any(path.endswith("idle_overlay.kv") for path, _line in seconds.locations)


def test_export_keeps_translations_marks_changed_fuzzy_and_removed_obsolete(catalogues, tmp_path):
    source = read_source(catalogues)
    catalog = read_catalog(po_path("mn", catalogues), "mn")
    word = pseudo_text("idle.continue", source["idle.continue"]).strip("[]")
    for message in catalog:
        if message.context == "idle.continue":
            message.string = word
        if message.context == "common.back":
            message.id, message.string = "旧的中文", pseudo_text("common.back", "返回").strip("[]")
    catalog.add("已删除的消息", pseudo_text("gone.message", "已删除").strip("[]"), context="gone.message")
    write_catalog(catalog, po_path("mn", catalogues))

    out = tmp_path / "mn.po"
    done, total, obsolete = export("mn", out, catalogues)
    exported = read_catalog(out, "mn")
    kept = exported.get(source["idle.continue"], context="idle.continue")
    assert kept.string == word and not kept.fuzzy
    changed = exported.get(source["common.back"], context="common.back")
    assert changed.fuzzy and changed.string
    assert '#| msgid "旧的中文"' in out.read_text(encoding="utf-8")    # the translator sees what changed
    assert exported.get(source["home.choose"], context="home.choose").string == ""
    assert [m.context for m in exported.obsolete.values()] == ["gone.message"]
    assert "#~ msgctxt \"gone.message\"" in out.read_text(encoding="utf-8")
    assert (done, total, obsolete) == (1, len(source), 1)


def translate_citizen_messages(folder: Path, leave_out: int = 0) -> int:
    """Fills the mn catalogue with the pseudo-locale's CLDR words for every citizen-facing message
    but the last `leave_out`; returns how many citizen-facing messages there are."""
    source = read_source(folder)
    wanted = [key for key in source if citizen_facing(key)]
    chosen = set(wanted[:len(wanted) - leave_out])
    catalog = read_catalog(po_path("mn", folder), "mn")
    for message in catalog:
        if message.context in chosen:
            message.string = pseudo_text(message.context, message.id)
    write_catalog(catalog, po_path("mn", folder))
    load_language.cache_clear()      # a process reads its catalogues once
    return len(wanted)


def test_a_language_is_offered_only_when_every_citizen_message_is_translated(catalogues):
    assert offered_languages(1.0, catalogues) == ("zh_CN", "en")
    total = translate_citizen_messages(catalogues, leave_out=1)
    assert coverage("mn", catalogues) == (total - 1, total)
    assert offered_languages(1.0, catalogues) == ("zh_CN", "en")
    assert offered_languages(0.99, catalogues) == ("zh_CN", "en", "mn")
    translate_citizen_messages(catalogues)
    assert offered_languages(1.0, catalogues) == ("zh_CN", "en", "mn")


def test_technicians_messages_do_not_count_for_the_offer(catalogues):
    translate_citizen_messages(catalogues)
    source = read_source(catalogues)
    assert any(not citizen_facing(key) for key in source)
    assert not any(key.startswith("diag.") for key in read_translations("mn", source, catalogues))
    assert "mn" in offered_languages(1.0, catalogues)


def test_the_language_button_goes_through_the_offered_languages():
    assert next_language("zh_CN", ("zh_CN", "en")) == "en"
    assert next_language("en", ("zh_CN", "en")) == "zh_CN"
    assert next_language("en", ("zh_CN", "en", "mn")) == "mn"
    assert next_language("mn", ("zh_CN", "en", "mn")) == "zh_CN"
    assert next_language("mn", ("zh_CN", "en")) == "zh_CN"     # no longer offered: back to Chinese


def test_the_installed_mongolian_catalogue_is_not_offered_yet():
    assert "mn" not in offered_languages(1.0)


def test_a_message_the_start_up_reader_cannot_read_is_named(tmp_path):
    broken = tmp_path / "kiosk.pot"
    broken.write_text('msgctxt "test.one"\nmsgid "一"\nmsgstr ""\n\nmsgctxt "test.two"\nmsgid 二\nmsgstr ""\n',
                      encoding="utf-8")
    with pytest.raises(ValueError, match="test.two"):
        read_entries(broken)


def test_the_start_up_reader_reads_flags_as_babel_does(tmp_path):
    """A fuzzy header (as some tools write it) flags no message; a fuzzy message is fuzzy."""
    path = tmp_path / "kiosk.po"
    path.write_text('#, fuzzy\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                    '#. key: test.one\nmsgctxt "test.one"\nmsgid "一"\nmsgstr "one"\n\n'
                    '#, fuzzy, python-brace-format\n#| msgid "旧{n}"\nmsgctxt "test.two"\nmsgid "二{n}"\n'
                    'msgstr "two {n}"\n\n#~ msgctxt "test.gone"\n#~ msgid "三"\n#~ msgstr "three"\n',
                    encoding="utf-8")
    with open(path, "rb") as handle:
        babel = {m.context: (m.id, m.string, m.fuzzy) for m in read_po(handle) if m.id}
    assert {e.context: (e.source, e.text, e.fuzzy) for e in read_entries(path)} == babel == {
        "test.one": ("一", "one", False), "test.two": ("二{n}", "two {n}", True)}
