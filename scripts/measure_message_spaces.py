"""Measures the space each message has on screen and writes kiosk/i18n/spaces.json.

    .venv/bin/python scripts/measure_message_spaces.py

Walks the whole tour offscreen at the reference window 540x960 (1 px = 1 dp) with the simulated
parts, as `kiosk tour` does, and keeps per message the tightest box it was shown in (see
kiosk/i18n/spaces.py). Run it again when screens change; then `kiosk i18n update` writes the
new spaces into the catalogues' notes. Takes a few minutes."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

REFERENCE_WINDOW = (540, 960)


def main() -> int:
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from kiosk.cli.tour import TOUR_MOMENT, freeze_platform_day, tour_config
    from kiosk.config import load_config
    from kiosk.i18n import LANGUAGES, load_language
    from kiosk.i18n.spaces import SPACES, save_spaces
    from kiosk.logs import setup_logging
    from kiosk.paths import DEFAULT_CONFIG
    from kiosk.platform.models import CHINA_TZ
    from kiosk.testing.clock import ManualClock
    from kiosk.testing.harness import HeadlessKiosk
    from kiosk.testing.tour_spaces import MeasuringTour, SpaceRecorder

    scratch = Path(tempfile.mkdtemp(prefix="kiosk-spaces-"))
    setup_logging(scratch / "log", "INFO", console=False)
    config = tour_config(load_config(DEFAULT_CONFIG), REFERENCE_WINDOW, scratch)
    moment = datetime(*TOUR_MOMENT, tzinfo=CHINA_TZ)
    idle_clock = ManualClock()
    kiosk = HeadlessKiosk(config, clock=idle_clock, start_devices=True, now=lambda: moment)
    recorder = SpaceRecorder(load_language(language) for language in LANGUAGES)
    try:
        freeze_platform_day(kiosk.simulated.platform, moment.date(), config.platform.satisfaction_codes)
        tour = MeasuringTour(kiosk, recorder)
        tour.run(idle_clock)
        for failure in tour.failed:
            print(f"not measured: {failure}", file=sys.stderr)
    finally:
        kiosk.close()
        shutil.rmtree(scratch, ignore_errors=True)
    save_spaces(recorder.spaces)
    print(f"{len(recorder.spaces)} messages measured -> {SPACES}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
