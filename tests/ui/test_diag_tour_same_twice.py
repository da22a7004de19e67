"""The diagnostics walk of the tour draws the same pictures on every run: what differs between
runs (a temporary folder's random name, the simulators' ephemeral ports, measured latency and
clock skew, free disk space, uptime) is shown through the checks' injectable readings, not as
found, so the committed docs/screenshots do not churn."""
from __future__ import annotations

import hashlib

import pytest

from kiosk.services.diagnostics import DiagContext
from kiosk.testing.diag_tour import stand_in

pytestmark = [pytest.mark.ui, pytest.mark.slow]

SIZE = (360, 640)
DIAG_STATES = ("diag-checks", "diag-checks-paper-out", "diag-read-test")


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_diagnostics_walks_draw_the_same_pictures(default_config, tmp_path):
    from kiosk.cli.tour import run_tour

    runs = []
    for name in ("first", "second"):
        result = run_tour(default_config, tmp_path / name, SIZE, check=False, walks=("diagnostics",),
                          only=lambda state: state in DIAG_STATES)
        assert sorted(p.name for p in result.written) == sorted(f"{s}.png" for s in DIAG_STATES)
        runs.append({p.name: digest(p) for p in result.written})
    assert runs[0] == runs[1]


def test_the_tours_stand_ins_hide_what_differs_between_runs_and_nothing_else():
    assert stand_in("path", "/tmp/kiosk-tour-dte1kenm/data") == stand_in("path", "/tmp/kiosk-tour-og3_3kdt/data") \
        == "/tmp/kiosk-tour/data"
    assert stand_in("path", "/tmp/kiosk-idcard-7st6oo_b/idcard-reader") == "/tmp/kiosk-idcard/idcard-reader"
    assert stand_in("path", "/dev/ttyUSB0") == "/dev/ttyUSB0"
    assert stand_in("url", "http://127.0.0.1:45077/kiosk/v1") == stand_in("url", "http://127.0.0.1:43855/kiosk/v1")
    assert stand_in("latency_ms", "18") == stand_in("latency_ms", "3")


def test_the_kiosk_shows_its_values_as_found(default_config):
    """Outside the tour nothing stands in: the screen and `kiosk diag` write what the checks find."""
    ctx = DiagContext(default_config)
    assert ctx.shown("path", "/tmp/kiosk-tour-dte1kenm/data") == "/tmp/kiosk-tour-dte1kenm/data"
    assert ctx.shown("latency_ms", "18") == "18"
