"""`kiosk i18n import`: a translator's file is installed whole, or refused whole with each bad
message named and why (placeholders, a character the bundled font lacks, a text too long for its
box at normal or elder size, a text of only spaces). The fit is measured with Kivy's text provider
and the screens' line breaking, so these tests run offscreen.

Mongolian texts are CLDR's words (kiosk.i18n.locale_data.cldr_words), never written here."""
from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kiosk.i18n.catalogue_files import CATALOGUES, po_path, read_source, read_translations
from kiosk.i18n.catalogues import read_catalog, write_catalog
from kiosk.i18n.checks import CHINESE_FACE, MONGOLIAN_FACE, _cmap
from kiosk.i18n.locale_data import cldr_words
from kiosk.i18n.spaces import Space
from kiosk.i18n.transfer import export, import_file
from kiosk.paths import ROOT

pytestmark = pytest.mark.ui


@pytest.fixture
def catalogues(tmp_path: Path) -> Path:
    folder = tmp_path / "locale"
    shutil.copytree(CATALOGUES, folder)
    return folder


@pytest.fixture(scope="module")
def fit():
    from kiosk.cli.i18n_fit import ScreenFit
    return ScreenFit("mn")


def word(n: int = 0) -> str:
    return cldr_words("mn")[n]


def lacking_character() -> str:
    """A letter neither bundled face has (Tibetan KA: neither a Chinese nor a Mongolian face's)."""
    ch = "\u0F40"
    assert ord(ch) not in _cmap(CHINESE_FACE) and ord(ch) not in _cmap(MONGOLIAN_FACE)
    return ch


def translated_file(catalogues: Path, tmp_path: Path, texts: dict[str, str]) -> Path:
    out = tmp_path / "mn.po"
    export("mn", out, catalogues)
    catalog = read_catalog(out, "mn")
    for message in catalog:
        if message.context in texts:
            message.string = texts[message.context]
    write_catalog(catalog, out)
    return out


GOOD = {"idle.continue": word(0), "common.back": word(1), "idle.seconds_left": "{seconds} " + word(2)}


def test_a_good_file_is_installed(catalogues, tmp_path, fit):
    result = import_file("mn", translated_file(catalogues, tmp_path, GOOD), fit, catalogues)
    assert result.problems == [] and result.installed == po_path("mn", catalogues)
    assert read_translations("mn", read_source(catalogues), catalogues) == GOOD
    assert result.translated == 3


BAD = {
    "placeholders": ("idle.seconds_left", lambda: word(2) + " {second}", "placeholders {second} where the Chinese has {seconds}"),
    "a character the font lacks": ("idle.continue", lambda: word(0) + lacking_character(),
                                   "U+0F40 TIBETAN LETTER KA"),
    "too long for its box": ("home.elder.off", lambda: " ".join(cldr_words("mn") * 3), "too long for its box at normal size"),
    "only spaces": ("common.back", lambda: "   ", "empty"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_file_with_one_bad_message_is_refused_whole_and_the_message_named(kind, catalogues, tmp_path, fit):
    key, text, why = BAD[kind]
    before = po_path("mn", catalogues).read_bytes()
    result = import_file("mn", translated_file(catalogues, tmp_path, {**GOOD, key: text()}), fit, catalogues)
    assert {p.key for p in result.problems} == {key}, [str(p) for p in result.problems]
    assert why in result.problems[0].why
    assert result.installed is None and po_path("mn", catalogues).read_bytes() == before


def test_a_text_too_long_at_elder_size_only_is_refused(fit):
    """A box as high as one line of normal type is too low for a line of elder type."""
    line = fit.line_height(word(0), 24)
    fit.spaces = {"test.box": {"normal": Space(400, line + 1, 24), "elder": Space(400, line + 1, 33.6)}}
    try:
        assert fit("test.box", word(0), "normal") is None
        assert "1 line (" in fit("test.box", word(0), "elder")
    finally:
        from kiosk.i18n.spaces import load_spaces
        fit.spaces = load_spaces()


def test_a_vertical_box_is_laid_out_in_columns(fit):
    fit.spaces = {"test.column": {"normal": Space(60, 400, 32, vertical=True)}}
    try:
        assert fit("test.column", word(0), "normal") is None
        assert "columns" in fit("test.column", " ".join(cldr_words("mn")), "normal")
    finally:
        from kiosk.i18n.spaces import load_spaces
        fit.spaces = load_spaces()


def test_every_error_of_a_file_is_named_at_once(catalogues, tmp_path, fit):
    texts = {key: make() for key, make, _why in BAD.values()}
    result = import_file("mn", translated_file(catalogues, tmp_path, texts), fit, catalogues)
    assert {p.key for p in result.problems} == set(texts)


def test_a_changed_chinese_source_is_refused(catalogues, tmp_path, fit):
    path = translated_file(catalogues, tmp_path, GOOD)
    text = path.read_text(encoding="utf-8").replace('msgid "继续"', 'msgid "继续办理"')
    path.write_text(text, encoding="utf-8")
    result = import_file("mn", path, fit, catalogues)
    assert [p.key for p in result.problems] == ["idle.continue"]
    assert "Chinese source changed" in result.problems[0].why


def kiosk_i18n(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "i18n", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_the_command_installs_a_good_file_and_refuses_a_bad_one(catalogues, tmp_path):
    good = translated_file(catalogues, tmp_path, GOOD)
    done = kiosk_i18n("--catalogues", str(catalogues), "import", "mn", str(good))
    assert done.returncode == 0, done.stderr
    assert "3 of" in done.stderr
    installed = po_path("mn", catalogues).read_bytes()
    bad = tmp_path / "bad.po"
    shutil.copy(translated_file(catalogues, tmp_path, {**GOOD, "common.back": "   "}), bad)
    refused = kiosk_i18n("--catalogues", str(catalogues), "import", "mn", str(bad))
    assert refused.returncode == 1
    assert "common.back: empty" in refused.stderr and "nothing installed" in refused.stderr
    assert po_path("mn", catalogues).read_bytes() == installed
    status = kiosk_i18n("--catalogues", str(catalogues), "status")
    assert status.returncode == 0 and "mn\t3/" in status.stdout and "not offered" in status.stdout


def test_the_command_says_what_to_do_with_a_file_it_cannot_read(catalogues, tmp_path):
    junk = tmp_path / "junk.po"
    junk.write_bytes(b"\xff\xfe not a catalogue")
    run = kiosk_i18n("--catalogues", str(catalogues), "import", "mn", str(junk))
    assert run.returncode == 2 and "export a fresh one" in run.stderr and "Traceback" not in run.stderr
