"""A number of seconds on the command line is finite and positive: `--timeout nan` or `inf` used
to make `kiosk card read` wait for a card forever."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.sim.idcard_sim import start_virtual_reader

ROOT = Path(__file__).parents[2]


def kiosk(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=20, env=env, cwd=ROOT)


@pytest.fixture
def sim():
    s = start_virtual_reader(115200, processing_delay_s=0.0, read_delay_s=0.0)
    yield s
    s.stop()


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-5", "1e9", "soon"])
def test_card_read_refuses_a_wait_that_never_ends_or_makes_no_sense(sim, value):
    """No card on the reader: a nan or infinite wait would never return."""
    r = kiosk("card", "read", "--port", sim.port_path, f"--timeout={value}")
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stdout == ""
    assert f"argument --timeout: '{value}'" in r.stderr and "seconds" in r.stderr
    assert "Traceback" not in r.stderr


def test_card_read_still_takes_a_fraction_of_a_second(sim):
    r = kiosk("card", "read", "--port", sim.port_path, "--timeout", "0.5")
    assert r.returncode == 4 and "no card" in r.stderr


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_diag_read_test_refuses_nan_and_inf(value):
    r = kiosk("diag", "read-test", f"--timeout={value}")
    assert r.returncode == 2 and f"argument --timeout: '{value}'" in r.stderr
