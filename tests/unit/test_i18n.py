"""Every user-facing text comes from the catalogues; Chinese is complete and drawable."""
from __future__ import annotations

import re
from pathlib import Path

from fontTools.ttLib import TTFont

from kiosk.i18n import Catalogue, load_language, missing_keys
from kiosk.paths import ROOT
from kiosk.ui.fonts import CHINESE_FONT

KEY_USE = re.compile(r"""(?:\bt|\btext|message_key\s*=)\(?\s*['"]([a-z_]+\.[a-z0-9_.]+)['"]""")


def used_keys() -> set[str]:
    keys = set()
    for path in list((ROOT / "kiosk").rglob("*.py")) + list((ROOT / "kiosk").rglob("*.kv")):
        keys.update(KEY_USE.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_key_used_in_code_is_in_the_chinese_catalogue():
    missing = sorted(used_keys() - set(load_language("zh_CN")))
    assert missing == []


def test_english_is_complete():
    assert missing_keys("en") == []


def test_mongolian_falls_back_to_chinese_and_is_listed_for_the_translator():
    catalogue = Catalogue("mn")
    assert catalogue.text("idle.continue") == "继续"
    assert "idle.continue" in missing_keys("mn")


def test_values_are_filled_in():
    assert Catalogue("zh_CN").text("idle.seconds_left", seconds=7) == "7秒后返回首页"


def test_every_chinese_character_is_in_the_bundled_font():
    cmap = TTFont(CHINESE_FONT, lazy=True).getBestCmap()
    texts = "".join(load_language("zh_CN").values())
    missing = sorted({ch for ch in texts if not ch.isspace() and ord(ch) not in cmap and ch not in "{}"})
    assert missing == []


def test_the_i18n_command_lists_missing_mongolian(capsys):
    from kiosk.cli.i18n import main
    assert main(["missing", "mn"]) == 0
    out = capsys.readouterr().out
    assert "idle.continue\t继续" in out
