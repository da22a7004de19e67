"""The longest main-thread stall (time between consecutive frames of the Kivy main loop) while
an application lookup hits a platform that hangs until the client's read timeout. Target: under 50 ms.

A frame is one turn of the main loop (a Clock tick): Kivy draws only when something changed,
so buffer flips would count idle time as stalls; a callback run on every tick does not.

The app runs offscreen with all its parts (virtual reader, virtual printer, platform
simulator), as in the embedded default; the simulator is told to hang every request.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .machine import describe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--read-timeout", type=float, default=3.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from kiosk.ui.boot import prepare_environment
    prepare_environment(offscreen=True)
    import dataclasses

    from kiosk.config import load_config
    from kiosk.paths import DEFAULT_CONFIG
    from kiosk.testing.harness import HeadlessKiosk

    base = load_config(DEFAULT_CONFIG)
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    config = dataclasses.replace(
        base, logging=dataclasses.replace(base.logging, dir=tmp / "log"),
        storage=dataclasses.replace(base.storage, data_dir=tmp / "data"),
        platform=dataclasses.replace(base.platform, read_timeout_s=args.read_timeout, retries=0))
    kiosk = HeadlessKiosk(config, start_devices=True)
    from kivy.clock import Clock

    flips: list[float] = []
    Clock.schedule_interval(lambda _dt: flips.append(time.perf_counter()), 0)
    simulator = kiosk.simulated.platform
    worst, medians, lookups = [], [], []
    try:
        for _ in range(args.runs):
            simulator.set_fault("hang")
            kiosk.services.session.application_number = "1506260000010001"
            kiosk.app.go("status_list")
            screen = kiosk.app.screen_manager.get_screen("status_list")
            kiosk.wait_until(lambda: screen.loading, timeout=5)
            flips.clear()
            start = time.perf_counter()
            kiosk.wait_until(lambda: not screen.loading, timeout=args.read_timeout + 10)
            lookups.append(time.perf_counter() - start)
            gaps = [b - a for a, b in zip(flips, flips[1:])]
            worst.append(max(gaps))
            medians.append(statistics.median(gaps))
            simulator.clear_faults()
            kiosk.app.end_session()
            kiosk.settle()
    finally:
        kiosk.close()
    print(f"UI stall while the platform hangs ({args.runs} lookups, read timeout {args.read_timeout:g} s; {describe()})")
    print(f"  lookup ended after      {', '.join(f'{t:.2f}' for t in lookups)} s (the read timeout, then the error shown)")
    print(f"  longest frame gap       {max(worst) * 1000:.1f} ms (per lookup: {', '.join(f'{w * 1000:.1f}' for w in worst)} ms)")
    print(f"  median frame gap        {statistics.median(medians) * 1000:.1f} ms   (target: longest under 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
