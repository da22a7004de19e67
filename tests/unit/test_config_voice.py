"""[voice]: defaults without the section, one clear line for a bad value, and clips_dir taken from
the configuration file's folder."""
from __future__ import annotations

import re

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.paths import DEFAULT_CONFIG


def write(tmp_path, extra: str):
    path = tmp_path / "kiosk.toml"
    # the embedded default's own [voice] table gives way to the test's
    base = re.sub(r"(?ms)^\[voice\]\n.*?(?=^\[|\Z)", "", DEFAULT_CONFIG.read_text(encoding="utf-8"))
    path.write_text(base + "\n" + extra, encoding="utf-8")
    return path


def test_without_the_section_the_terminal_speaks_at_the_default_volumes(tmp_path):
    voice = load_config(write(tmp_path, "")).voice
    assert voice.enabled and voice.synthesis and voice.volume > voice.quiet_volume


def test_clips_dir_is_taken_from_the_configuration_files_folder(tmp_path):
    voice = load_config(write(tmp_path, '[voice]\nclips_dir = "bureau-clips"\n')).voice
    assert voice.clips_dir == str(tmp_path / "bureau-clips")


@pytest.mark.parametrize("line, words", [
    ('quiet_hours_start = "25:00"', "voice.quiet_hours_start = '25:00': out of range"),
    ("volume = 1.5", "voice.volume = 1.5: out of range"),
    ('loudness = 1', "voice.loudness: unknown key"),
])
def test_a_bad_value_is_one_line_naming_the_key(tmp_path, line, words):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, f"[voice]\n{line}\n"))
    assert words in str(caught.value) and "\n" not in str(caught.value)
