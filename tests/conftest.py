"""Shared fixtures: the embedded default configuration, adjustable per test."""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from kiosk.config import KioskConfig, load_config
from kiosk.paths import DEFAULT_CONFIG


def config_with(base: KioskConfig, **sections) -> KioskConfig:
    """A copy of `base` with fields replaced: config_with(c, ui={"allow_exit": False})."""
    changes = {name: dataclasses.replace(getattr(base, name), **fields) for name, fields in sections.items()}
    return dataclasses.replace(base, **changes)


@pytest.fixture
def default_config(tmp_path: Path) -> KioskConfig:
    config = load_config(DEFAULT_CONFIG)
    return config_with(config, logging={"dir": tmp_path / "log"}, storage={"data_dir": tmp_path / "data"})


def wait_for(predicate, timeout: float = 10.0) -> bool:
    """Polls `predicate` until it holds or `timeout` passes (for work happening on other threads)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
