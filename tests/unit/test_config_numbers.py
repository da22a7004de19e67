"""Numbers in the configuration: nan and infinities are refused for every number setting, and so
are settings that contradict each other, each with one line naming the keys and what to set."""
from __future__ import annotations

import dataclasses
import json
import math
import tomllib
import typing
from pathlib import Path

import pytest

from kiosk.config import ConfigError, KioskConfig, load_config
from kiosk.paths import DEFAULT_CONFIG


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(value)


def write_config(tmp_path: Path, **changes: dict) -> Path:
    """The embedded default with changes per section: write_config(p, ui={"countdown_s": 90})."""
    raw = tomllib.loads(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    for section, values in changes.items():
        raw.setdefault(section, {}).update(values)
    lines = []
    for section, table in raw.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in table.items()]
        lines.append("")
    path = tmp_path / "kiosk.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def float_settings() -> list[tuple[str, str]]:
    out = []
    for section in dataclasses.fields(KioskConfig):
        if section.metadata.get("internal"):
            continue
        cls = typing.get_type_hints(KioskConfig)[section.name]
        hints = typing.get_type_hints(cls)
        out += [(section.name, f.name) for f in dataclasses.fields(cls) if hints[f.name] is float]
    return out


def test_the_round_trip_writer_keeps_the_default_loadable(tmp_path):
    assert load_config(write_config(tmp_path)) .ui == load_config(DEFAULT_CONFIG).ui


def test_there_are_float_settings_in_every_part_that_waits():
    sections = {section for section, _ in float_settings()}
    assert {"ui", "reader", "printer", "platform", "ratings", "diagnostics"} <= sections


@pytest.mark.parametrize("section,key", float_settings())
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_every_float_setting_refuses_nan_and_infinity(tmp_path, section, key, value):
    path = write_config(tmp_path, **{section: {key: value}})
    with pytest.raises(ConfigError) as e:
        load_config(path)
    message = str(e.value)
    assert "\n" not in message
    assert f"{section}.{key} = {toml_value(value)}" in message
    assert "not a finite number" in message and "expected a number" in message


# (section, low key, value, high key, value): each pair contradicts, and the message must name both keys.
CONTRADICTIONS = [
    ("ui", "countdown_s", 60, "idle_timeout_s", 60),
    ("ui", "countdown_s", 90, "idle_timeout_s", 30),
    ("ui", "idle_timeout_s", 200, "elder_idle_timeout_s", 150),
    ("reader", "reopen_backoff_s", 20, "reopen_backoff_max_s", 10),
    ("reader", "command_timeout_s", 5, "read_timeout_s", 3),
    ("printer", "status_timeout_s", 8, "timeout_s", 5),
    ("ratings", "upload_interval_s", 600, "upload_backoff_max_s", 300),
    ("platform", "read_timeout_s", 20, "call_deadline_s", 20),
    ("platform", "read_timeout_s", 30, "call_deadline_s", 15),
]


@pytest.mark.parametrize("section,low,low_value,high,high_value", CONTRADICTIONS)
def test_contradicting_settings_are_refused_naming_both(tmp_path, section, low, low_value, high, high_value):
    path = write_config(tmp_path, **{section: {low: low_value, high: high_value}})
    with pytest.raises(ConfigError) as e:
        load_config(path)
    message = str(e.value)
    assert "\n" not in message and str(path) in message
    assert f"{section}.{low} = {low_value:g}" in message and f"{section}.{high} = {high_value:g}" in message
    assert "set " in message


@pytest.mark.parametrize("section,low,high,value", [
    ("ui", "idle_timeout_s", "elder_idle_timeout_s", 120),
    ("reader", "reopen_backoff_s", "reopen_backoff_max_s", 5),
    ("reader", "command_timeout_s", "read_timeout_s", 2),
    ("printer", "status_timeout_s", "timeout_s", 3),
    ("ratings", "upload_interval_s", "upload_backoff_max_s", 60),
])
def test_equal_values_are_fine_where_they_do_not_contradict(tmp_path, section, low, high, value):
    config = load_config(write_config(tmp_path, **{section: {low: value, high: value}}))
    assert getattr(getattr(config, section), low) == getattr(getattr(config, section), high) == value


def test_a_contradiction_through_a_default_names_the_default(tmp_path):
    """Only one key written: the other keeps its default, and the line still says what to set."""
    path = write_config(tmp_path, reader={"reopen_backoff_s": 30})
    with pytest.raises(ConfigError, match=r"reader\.reopen_backoff_s = 30 .*reader\.reopen_backoff_max_s = 10 \(default\)"):
        load_config(path)
