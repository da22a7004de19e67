"""`kiosk tour --out DIR [--size WxH] [--config PATH]`: walk every screen and state offscreen,
one PNG per state in DIR/WxH/STATE.png, and check each one's layout (nothing cut, covered or
overlapping; kiosk/testing/layout_check.py). Exits 1 when the layout check finds a problem.

Time stands still during the tour (the wall clock, the platform simulator's "today" and so the
dates, the identify screen's pulse), so two tours draw the same pictures."""
from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from .common import add_config_option, load_or_explain

# The moment the tour shows: a weekday morning, within the hall's opening hours.
TOUR_MOMENT = (2026, 11, 25, 10, 30)


def size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,4})x(\d{3,4})", text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r}: give a size as WIDTHxHEIGHT, e.g. 1080x1920")
    return int(match[1]), int(match[2])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk tour", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files (DIR/WxH/STATE.png)")
    parser.add_argument("--size", type=size, metavar="WxH",
                        help="window size in pixels (default: [ui] width and height of the configuration)")
    parser.add_argument("--no-check", action="store_true", help="skip the layout check")
    parser.add_argument("--timings", action="store_true", help="print how long each state took to reach")
    add_config_option(parser)
    args = parser.parse_args(argv)
    config = load_or_explain(args.config)
    if config is None:
        return 2
    width, height = args.size or (config.ui.width, config.ui.height)
    out = Path(args.out) / f"{width}x{height}"
    for old in out.glob("*.png"):      # a state renamed or gone must not linger from an earlier tour
        old.unlink()
    # The walk puts parts out of order on purpose: their warnings go to a log, not the terminal.
    log_dir = Path(tempfile.mkdtemp(prefix="kiosk-tour-log-"))
    from ..logs import setup_logging
    setup_logging(log_dir, "INFO", console=False)
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")    # nothing is heard on a tour
    try:
        result = run_tour(config, out, (width, height), check=not args.no_check)
    except Exception as exc:
        print(f"kiosk tour: {width}x{height}: {type(exc).__name__}: {exc} (the log: {log_dir / 'kiosk.log'})",
              file=sys.stderr)
        return 2
    for path in result.written:
        print(path)
    if args.timings:
        for state, seconds in result.timings:
            print(f"{seconds:6.2f} s  {state}", file=sys.stderr)
    for state, problems in result.problems.items():
        for problem in problems:
            print(f"kiosk tour: {width}x{height} {state}: {problem}", file=sys.stderr)
    count = sum(len(p) for p in result.problems.values())
    if not count:
        shutil.rmtree(log_dir, ignore_errors=True)
    print(f"kiosk tour: {len(result.written)} screenshots in {out} in {result.seconds:.0f} s; "
          + (f"layout check: {count} problem(s) in {len(result.problems)} state(s)" if count
             else "layout check: no problem" if not args.no_check else "layout not checked"), file=sys.stderr)
    for key, (value, state, where) in sorted(result.figures.items()):   # the audit's least values
        print(f"kiosk tour: {width}x{height} least {key.replace('_', ' ')}: {value:.2f} in {state} ({where})",
              file=sys.stderr)
    return 1 if count else 0


def tour_config(config, window: tuple[int, int], scratch: Path):
    """The configuration the tour runs: a fresh terminal (ratings, print journal and logs of
    earlier runs must not change what the screenshots show: 一次一评 would refuse a second walk's
    rating) in a window of the size asked for."""
    return dataclasses.replace(
        config, storage=dataclasses.replace(config.storage, data_dir=scratch / "data"),
        logging=dataclasses.replace(config.logging, dir=scratch / "log"),
        printer=dataclasses.replace(config.printer, output_dir=str(scratch / "prints")),
        a4printer=dataclasses.replace(config.a4printer, output_dir=str(scratch / "prints")),
        ui=dataclasses.replace(config.ui, width=window[0], height=window[1], fullscreen=False, allow_exit=False))


def run_tour(config, out: Path | None, window: tuple[int, int], *, check: bool = True, only=None,
             walks: tuple[str, ...] | None = None):
    """Walks the tour (or only `walks`, see Tour.run) in a fresh headless kiosk; returns the
    kiosk.testing.tour.TourResult. `only(state)` picks the states written as PNG files."""
    from ..platform.models import CHINA_TZ
    from ..testing.clock import ManualClock
    from ..testing.harness import HeadlessKiosk
    from ..testing.tour import Tour

    scratch = Path(tempfile.mkdtemp(prefix="kiosk-tour-"))
    moment = datetime(*TOUR_MOMENT, tzinfo=CHINA_TZ)
    idle_clock = ManualClock()
    kiosk = HeadlessKiosk(tour_config(config, window, scratch), clock=idle_clock, start_devices=True,
                          now=lambda: moment)
    try:
        freeze_platform_day(kiosk.simulated.platform, moment.date(), config.platform.satisfaction_codes)
        return Tour(kiosk, out, check=check, only=only).run(idle_clock, walks)
    finally:
        kiosk.close()
        shutil.rmtree(scratch, ignore_errors=True)


def freeze_platform_day(simulator, day, satisfaction_codes: str) -> None:
    """The platform simulator's sample data, dated from the tour's day rather than today."""
    from ..sim.platform_data import build_dataset

    if simulator is None:
        return
    simulator.today = day
    simulator.data = build_dataset(day, satisfaction_codes=satisfaction_codes)
