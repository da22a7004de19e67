"""[hall] name_mn and address_mn (the bureau supplies them) and [ui] bilingual_home: Mongolian
script only, each mistake refused with one line naming the key. The Mongolian in these tests is
CLDR's (kiosk.i18n.locale_data), never written by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.config.hall import NAME_LIMIT
from kiosk.i18n.locale_data import cldr_words
from kiosk.paths import DEFAULT_CONFIG

REPO = Path(__file__).resolve().parents[2]


def with_hall(tmp_path: Path, table: str, ui: str = "") -> Path:
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    text = text.replace("\n[hall]\n", "\n[hall]\n" + table + "\n", 1)
    if ui:
        text = text.replace("\n[ui]\n", "\n[ui]\n" + ui + "\n", 1)
    # the defaults' own (empty) values would be defined twice
    lines = [line for line in text.splitlines() if not (line.startswith(("name_mn = \"\"", "address_mn = \"\"",
                                                                          "bilingual_home = false")) and ui + table)]
    path = tmp_path / "kiosk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def toml_string(text: str) -> str:
    return '"' + text.encode("unicode_escape").decode("ascii").replace("\\\\u", "\\u") + '"'


def test_the_shipped_configurations_leave_the_mongolian_to_the_bureau():
    for path in (REPO / "config" / "kiosk.toml", REPO / "config" / "production.example.toml"):
        text = path.read_text(encoding="utf-8")
        assert "[hall]" in text and 'name_mn = ""' in text and 'address_mn = ""' in text, path
        assert not any(0x1800 <= ord(ch) <= 0x18AF for ch in text), f"{path}: Mongolian written by hand"
    config = load_config(REPO / "config" / "kiosk.toml")
    assert config.hall.name_mn == "" and config.hall.address_mn == "" and config.ui.bilingual_home is False


def test_a_mongolian_name_and_address_are_taken(tmp_path):
    words = cldr_words("mn")
    name, address = " ".join(words[1:4]), " ".join(words[13:16]) + " 12"
    config = load_config(with_hall(tmp_path, f"name_mn = {toml_string(name)}\naddress_mn = {toml_string(address)}",
                                   ui="bilingual_home = true"))
    assert config.hall.name_mn == name and config.hall.address_mn == address
    assert config.ui.bilingual_home is True


@pytest.mark.parametrize("value, why", [
    ('"乌审旗政务服务中心"', "Chinese in the Mongolian key"),
    ('"Үүшин хошуу"', "Cyrillic Mongolian"),
    ('"12 34"', "no Mongolian letter at all"),
])
def test_a_name_that_is_not_mongolian_script_is_refused_naming_the_key(tmp_path, value, why):
    with pytest.raises(ConfigError) as refused:
        load_config(with_hall(tmp_path, f"name_mn = {value}"))
    message = str(refused.value)
    assert "hall.name_mn" in message and "Mongolian script" in message and "\n" not in message, why


def test_a_name_too_long_is_refused(tmp_path):
    word = cldr_words("mn")[0]
    long_name = " ".join([word] * (NAME_LIMIT // len(word) + 2))
    with pytest.raises(ConfigError, match="hall.name_mn"):
        load_config(with_hall(tmp_path, f"name_mn = {toml_string(long_name)}"))


def test_bilingual_home_must_be_true_or_false(tmp_path):
    with pytest.raises(ConfigError, match="ui.bilingual_home"):
        load_config(with_hall(tmp_path, "", ui='bilingual_home = "yes"'))
