"""Configuration: typed, validated, and every problem reported as one line naming file and key."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config, resolve_config_path
from kiosk.paths import DEFAULT_CONFIG, ROOT

EXAMPLE = ROOT / "config" / "production.example.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def default_text() -> str:
    return DEFAULT_CONFIG.read_text(encoding="utf-8")


def test_embedded_default_is_simulated_and_windowed():
    config = load_config(DEFAULT_CONFIG)
    assert config.reader.simulated
    assert config.printer.simulated
    assert config.platform.simulated
    assert config.ui.fullscreen is False
    assert config.terminal.hall_name == "乌审旗政务服务中心"


def test_production_example_is_a_hardened_real_terminal(tmp_path):
    # Filled in as a technician would (left unedited, it is refused: see test_config_in_service).
    from tests.unit.test_config_in_service import example_text
    config = load_config(write(tmp_path, example_text()))
    assert config.ui.fullscreen and not config.ui.show_cursor and not config.ui.allow_exit
    assert not config.reader.simulated and config.reader.port
    assert not config.printer.simulated and config.printer.transport == "network"
    assert not config.platform.simulated and config.platform.base_url.startswith("https://")


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(ConfigError, match=r"nothere\.toml: no such configuration file"):
        load_config(tmp_path / "nothere.toml")


def test_bad_toml_names_the_file_and_the_line(tmp_path):
    path = write(tmp_path, "[ui]\nfullscreen = \n")
    with pytest.raises(ConfigError) as e:
        load_config(path)
    assert str(path) in str(e.value) and "not valid TOML" in str(e.value) and "line 2" in str(e.value)


def test_unknown_key_is_named_with_the_known_ones(tmp_path):
    path = write(tmp_path, default_text().replace("[ui]\n", "[ui]\nfulscreen = true\n"))
    with pytest.raises(ConfigError, match=r"ui\.fulscreen: unknown key \(known keys: .*fullscreen"):
        load_config(path)


def test_unknown_section_is_named(tmp_path):
    path = write(tmp_path, default_text() + "\n[printr]\nport = 1\n")
    with pytest.raises(ConfigError, match=r": printr: unknown key"):
        load_config(path)


def test_wrong_type_says_what_is_expected(tmp_path):
    path = write(tmp_path, default_text().replace("fullscreen = false", 'fullscreen = "no"'))
    with pytest.raises(ConfigError, match=r"ui\.fullscreen = 'no': wrong type; expected true or false"):
        load_config(path)


def test_out_of_range_says_the_range(tmp_path):
    path = write(tmp_path, default_text().replace("idle_timeout_s = 60", "idle_timeout_s = 2"))
    with pytest.raises(ConfigError, match=r"ui\.idle_timeout_s = 2: out of range; expected a number from 10 to 3600"):
        load_config(path)


def test_choice_out_of_set(tmp_path):
    path = write(tmp_path, default_text().replace('baud = 115200', 'baud = 1234', 1))
    with pytest.raises(ConfigError, match=r"reader\.baud = 1234: out of range; expected one of 115200, 57600"):
        load_config(path)


@pytest.mark.parametrize("old, new", [
    ('[reader]\n', '[reader]\nkind = "virtual"\n'),
    ('[platform]\n', '[platform]\nkind = "remote"\n'),
    ('[printer]\n', '[printer]\ntransport = "virtual"\n'),
])
def test_keys_of_the_old_simulator_choice_are_refused_naming_the_new_key(tmp_path, old, new):
    text = default_text().replace("simulated = true", "", 3).replace(old, new, 1)
    with pytest.raises(ConfigError) as e:
        load_config(write(tmp_path, text))
    section = old.strip("[]\n")
    assert f"{section}.simulated" in str(e.value) and "\n" not in str(e.value)


def test_pattern_checked(tmp_path):
    path = write(tmp_path, default_text().replace('region_code = "150626"', 'region_code = "15a626"'))
    with pytest.raises(ConfigError, match=r"terminal\.region_code = '15a626': out of range"):
        load_config(path)


def test_missing_required_key(tmp_path):
    path = write(tmp_path, default_text().replace('terminal_id = "SIM-150626-01"\n', ""))
    with pytest.raises(ConfigError, match=r"terminal\.terminal_id: missing; expected a text in quotes"):
        load_config(path)


def test_a_bool_is_not_a_number(tmp_path):
    path = write(tmp_path, default_text().replace("countdown_s = 20", "countdown_s = true"))
    with pytest.raises(ConfigError, match="wrong type"):
        load_config(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_bytes("[terminal]\nhall_name = '乌审旗'\n".encode("gb18030"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


def test_cli_option_then_environment_then_default(monkeypatch):
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    assert resolve_config_path(None) == DEFAULT_CONFIG
    monkeypatch.setenv("KIOSK_CONFIG", "/etc/kiosk/a.toml")
    assert resolve_config_path(None) == Path("/etc/kiosk/a.toml")
    assert resolve_config_path("b.toml") == Path("b.toml")


@pytest.mark.parametrize("command", ["run", "check-config", "tour"])
def test_bad_config_stops_start_up_with_one_line_and_no_traceback(tmp_path, command):
    path = write(tmp_path, default_text().replace("width = 540", "width = 12"))
    argv = [sys.executable, "-m", "kiosk", command, "--config", str(path)]
    if command == "tour":
        argv += ["--out", str(tmp_path / "shots")]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert str(path) in lines[0] and "ui.width = 12" in lines[0] and "from 320 to 7680" in lines[0]


def test_environment_variable_chooses_the_file(tmp_path):
    path = write(tmp_path, "not toml at all [")
    result = subprocess.run([sys.executable, "-m", "kiosk", "check-config"], capture_output=True, text=True,
                            timeout=60, env={"KIOSK_CONFIG": str(path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 2
    assert str(path) in result.stderr and "not valid TOML" in result.stderr


def test_check_config_accepts_the_default():
    result = subprocess.run([sys.executable, "-m", "kiosk", "check-config", "--config", str(DEFAULT_CONFIG)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout
