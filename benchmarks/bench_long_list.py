"""The longest main-thread stall while the status list of a card holder with 2,000 applications
is looked up and shown, then scrolled to its end. Target: under 50 ms (the list must never
freeze the screen, however long the holder's history).

A frame is one turn of the main loop (a Clock tick), as in bench_ui_stall. The app runs
offscreen with all its parts (virtual reader, virtual printer, platform simulator), as in the
embedded default; the simulator gives the holder 2,000 more applications (add_applications).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .machine import describe

HOLDER = "bateer"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from kiosk.ui.boot import prepare_environment
    prepare_environment(offscreen=True)
    import dataclasses

    from kiosk.config import load_config
    from kiosk.paths import DEFAULT_CONFIG
    from kiosk.sim.platform_data import load_people
    from kiosk.testing.harness import HeadlessKiosk

    base = load_config(DEFAULT_CONFIG)
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    config = dataclasses.replace(
        base, logging=dataclasses.replace(base.logging, dir=tmp / "log"),
        storage=dataclasses.replace(base.storage, data_dir=tmp / "data"),
        ui=dataclasses.replace(base.ui, allow_exit=False))
    kiosk = HeadlessKiosk(config, start_devices=True)
    from kivy.clock import Clock

    id_number = next(p["id_number"] for p in load_people() if p["key"] == HOLDER)
    total = kiosk.simulated.platform.add_applications(id_number, args.applications)
    ticks: list[float] = []
    Clock.schedule_interval(lambda _dt: ticks.append(time.perf_counter()), 0)

    def longest_gap() -> float:
        return max(b - a for a, b in zip(ticks, ticks[1:]))

    shown, worst, scrolled, shown_rows = [], [], [], []
    try:
        for _ in range(args.runs):
            app = kiosk.app
            kiosk.tap(kiosk.screen.tile_for("status"))
            kiosk.simulated.reader.place(HOLDER)
            kiosk.wait_until(lambda: app.screen_manager.current == "status_list", timeout=15)
            screen = app.screen_manager.current_screen
            ticks.clear()
            start = time.perf_counter()
            kiosk.wait_until(lambda: len(screen.ids.rows.children) > 0, timeout=120)
            shown.append(time.perf_counter() - start)
            kiosk.wait_until(lambda: False, timeout=1.0)      # layout and text fitting after the rows came
            worst.append(longest_gap())
            shown_rows.append(len(screen.ids.rows.children))
            scroller = screen.ids.rows.parent
            ticks.clear()
            scroller.scroll_y = 0
            kiosk.wait_until(lambda: False, timeout=1.0)
            scrolled.append(longest_gap())
            kiosk.simulated.reader.lift()
            app.end_session()
            kiosk.settle()
    finally:
        kiosk.close()
    print(f"Status list of a holder with {total} applications ({args.runs} lookups; {describe()})")
    print(f"  rows on screen after     {', '.join(f'{t:.2f}' for t in shown)} s (card placed on the list screen)")
    print(f"  row widgets built        {', '.join(str(n) for n in shown_rows)}")
    print(f"  longest frame gap        {max(worst) * 1000:.1f} ms while shown "
          f"(per lookup: {', '.join(f'{w * 1000:.1f}' for w in worst)} ms)")
    print(f"  longest frame gap        {max(scrolled) * 1000:.1f} ms scrolling to the end "
          f"(median of lookups {statistics.median(scrolled) * 1000:.1f} ms)   (target: under 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
