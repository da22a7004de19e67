"""A careless configuration for a terminal in service is refused with one line saying what to set
(issue: the simulator's secret with a real platform, the demonstration PIN, allow_quit, placeholders,
missing addresses, plain http, a missing CA bundle, an empty KIOSK_CONFIG)."""
from __future__ import annotations

import pytest

from kiosk.config import ConfigError, load_config, resolve_config_path
from kiosk.config.pin_format import matches_pin
from kiosk.paths import DEFAULT_CONFIG, ROOT
from kiosk.services.diagnostics.pin import hash_pin

EXAMPLE = ROOT / "config" / "production.example.toml"
BUREAU_PIN_HASH = hash_pin("739154")
FILLED = {
    '"https://replace-with-the-address-the-bureau-publishes/"': '"https://mobile.example.invalid/mengsuban"',
    '"https://replace-with-the-platform-address/kiosk/v1"': '"https://platform.example.invalid/kiosk/v1"',
    '"replace-with-the-terminal-secret"': '"a-secret-the-platform-issued-0007"',
    '"replace-with-the-output-of-kiosk-pin-hash"': f'"{BUREAU_PIN_HASH}"',
    '"192.0.2.50"': '"127.0.0.1"',
    '"ipp://192.0.2.60/ipp/print"': '"ipp://127.0.0.1:60000/ipp/print"',
}


def example_text(**changes: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in {**FILLED, **changes}.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def load(tmp_path, text: str):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def refused(tmp_path, text: str) -> str:
    with pytest.raises(ConfigError) as e:
        load(tmp_path, text)
    message = str(e.value)
    assert "\n" not in message and "kiosk.toml: " in message
    return message


def test_the_filled_in_example_is_a_terminal_in_service(tmp_path):
    config = load(tmp_path, example_text())
    assert not config.reader.simulated and not config.platform.simulated


def test_the_embedded_default_stays_runnable_as_a_simulated_terminal():
    config = load_config(DEFAULT_CONFIG)
    assert config.reader.simulated and config.printer.simulated and config.platform.simulated
    assert matches_pin("246810", config.diagnostics.pin_hash) and config.diagnostics.allow_quit


def test_the_example_left_unedited_names_its_placeholder(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "still the example's placeholder; set the real value" in refused(tmp_path, text)


@pytest.mark.parametrize("change, says", [
    ({'"a-secret-the-platform-issued-0007"': '"sim-secret-not-for-production"'},
     "platform.secret is the simulator's secret"),
    ({f'"{BUREAU_PIN_HASH}"': f'"{hash_pin("246810")}"'}, "demonstration PIN 246810"),
    ({f'"{BUREAU_PIN_HASH}"': '""'}, "diagnostics.pin_hash is empty on a terminal with real devices"),
    ({"allow_quit = false": "allow_quit = true"}, "diagnostics.allow_quit = true on a terminal with real devices"),
    ({"allow_exit = false": "allow_exit = true"}, "ui.allow_exit = true on a terminal with real devices"),
    ({'port = "/dev/ttyUSB0"': 'port = ""'}, "reader.port is empty for a real reader"),
    ({'"127.0.0.1"': '""'}, "printer.host is empty for printer.transport = 'network'"),
    ({'"127.0.0.1"': '"192.0.2.50"'}, "the example's documentation address"),
    ({'"https://platform.example.invalid/kiosk/v1"': '""'}, "platform.base_url is empty for a real platform"),
    ({'"https://platform.example.invalid/kiosk/v1"': '"http://platform.example.invalid/kiosk/v1"'},
     "a real platform is reached over https://"),
    ({'ca_bundle = ""': 'ca_bundle = "/etc/kiosk/no-such-ca.pem"'}, "platform.ca_bundle = '/etc/kiosk/no-such-ca.pem': no such file"),
])
def test_each_careless_setting_is_refused_with_what_to_set(tmp_path, change, says):
    assert says in refused(tmp_path, example_text(**change))


def test_a_serial_printer_with_no_device_is_refused(tmp_path):
    text = example_text(**{'transport = "network"': 'transport = "serial"'})
    assert "printer.serial_port is empty for printer.transport = 'serial'" in refused(tmp_path, text)


def test_plain_http_to_this_machine_is_allowed(tmp_path):
    config = load(tmp_path, example_text(**{'"https://platform.example.invalid/kiosk/v1"': '"http://127.0.0.1:8470/kiosk/v1"'}))
    assert config.platform.base_url.startswith("http://127.0.0.1")


def test_an_empty_kiosk_config_variable_is_refused_not_the_embedded_default(monkeypatch):
    monkeypatch.setenv("KIOSK_CONFIG", "")
    with pytest.raises(ConfigError, match="KIOSK_CONFIG is set but empty: set it to the configuration file's path"):
        resolve_config_path(None)
    monkeypatch.delenv("KIOSK_CONFIG")
    assert resolve_config_path(None) == DEFAULT_CONFIG
