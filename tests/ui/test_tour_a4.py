"""The tour's A4 walk (kiosk/testing/tour_a4.py) at one small size: it reaches its five states
with nothing cut or covered, and the virtual A4 printer received what the walk printed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

import pytest

pytestmark = [pytest.mark.ui, pytest.mark.slow]

STATES = ("a4-choose", "a4-printing", "a4-reprint-offered", "a4-done", "a4-printer-out")


def test_the_a4_walk_reaches_its_states_with_nothing_cut_or_covered(default_config, tmp_path):
    from kiosk.cli.tour import TOUR_MOMENT, freeze_platform_day, tour_config
    from kiosk.platform.models import CHINA_TZ
    from kiosk.testing.clock import ManualClock
    from kiosk.testing.harness import HeadlessKiosk
    from kiosk.testing.tour import Tour
    from kiosk.testing.tour_a4 import a4_walk

    scratch = Path(tempfile.mkdtemp(prefix="kiosk-tour-a4-"))
    moment = datetime(*TOUR_MOMENT, tzinfo=CHINA_TZ)
    clock = ManualClock()
    kiosk = HeadlessKiosk(tour_config(default_config, (360, 640), scratch), clock=clock, start_devices=True,
                          now=lambda: moment)
    try:
        freeze_platform_day(kiosk.simulated.platform, moment.date(), default_config.platform.satisfaction_codes)
        tour = Tour(kiosk, tmp_path)
        tour.kiosk_clock = clock
        a4_walk(tour)
        result = tour.result
        assert tuple(result.states) == STATES
        assert {p.name for p in result.written} == {f"{s}.png" for s in STATES}
        assert [f"{s}: {p}" for s, found in result.problems.items() for p in found] == []
        printer = kiosk.simulated.a4printer
        # the jammed copy (cancelled at the printer) and its 补打; the paper-out copy was never sent
        assert len(printer.jobs) == 2
        reprint = subprocess.run(["pdftotext", str(printer.jobs[-1].pdf_path), "-"], capture_output=True,
                                 text=True, check=True).stdout
        assert "补打" in reprint and "自助终端打印" in reprint
        assert kiosk.app.a4printer_ready and kiosk.app.screen_manager.current == "home"
    finally:
        kiosk.close()
        shutil.rmtree(scratch, ignore_errors=True)
