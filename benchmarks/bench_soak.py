"""The soak (issue 18): citizens played through the real app, headless, with the real drivers
against the simulators, random faults and the idle clock driven forward (kiosk/testing/soak.py).

    python -m benchmarks soak --sessions 10000 [--every 1000] [--seed 18] [--no-faults] [--fade]

Prints a row every 1,000 sessions (and every --every K): RSS, open file descriptors
(/proc/self/fd), threads, the SQLite files (ratings.db, print_journal.db and their WAL),
Kivy widgets (the window's tree, and every screen built), textures, sessions per minute, and
what went wrong (ERROR records, unhandled exceptions, stuck sessions). At the end: the promises
checked by the short soak in `make test` (kiosk.testing.soak.broken_promises).

Kivy does not report texture memory; the figure is an estimate: the live Texture objects the
garbage collector knows, width x height x 4 bytes each.

RSS moves by tens of MiB within a minute (an A4 document is built, then its memory given back
after the citizen), so one reading a row says little: a sampler reads it every 5 s, and each
row also gives the lowest and highest since the previous row ("low" and "high").
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from .machine import describe

ONLY_BY_NAME = True   # hours long at its default: `make bench` runs it only when named


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler:
    """RSS every `every` seconds on a daemon thread; `window()` gives (low, high) since the last call."""

    def __init__(self, every: float = 5.0):
        self.every = every
        self._readings: list[float] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    @property
    def threads(self) -> int:
        """1 while its thread runs: the rows count the kiosk's threads, not the benchmark's."""
        return int(self._thread.is_alive())

    def start(self) -> "RssSampler":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            with self._lock:
                self._readings.append(rss_mib())

    def window(self) -> tuple[float, float]:
        with self._lock:
            readings, self._readings = self._readings + [rss_mib()], []
        return min(readings), max(readings)


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def database_kib(data_dir: Path) -> dict[str, float]:
    """Each SQLite file and its WAL, in KiB (0 when absent)."""
    sizes = {}
    for name in ("ratings.db", "print_journal.db"):
        for suffix in ("", "-wal"):
            path = data_dir / f"{name}{suffix}"
            sizes[f"{name}{suffix}"] = path.stat().st_size / 1024 if path.exists() else 0.0
    return sizes


def widget_counts(kiosk) -> tuple[int, int]:
    """(widgets in the window's tree, widgets of every screen built, shown or not)."""
    in_window = sum(1 for child in kiosk.window.children for _ in child.walk(restrict=True))
    screens = sum(1 for screen in kiosk.app.screen_manager.screens for _ in screen.walk(restrict=True))
    return in_window, screens


def texture_estimate() -> tuple[int, float]:
    """(live Texture objects, their pixels x 4 bytes in MiB): an estimate, Kivy reports no figure."""
    from kivy.graphics.texture import Texture

    textures = [o for o in gc.get_objects() if isinstance(o, Texture)]
    return len(textures), sum(t.width * t.height * 4 for t in textures) / 2**20


HEADER = (f"{'sessions':>8} {'min':>6} {'RSS MiB':>8} {'low':>6} {'high':>6} {'fds':>4} {'thr':>4} {'ratings.db':>10} {'+wal':>7} "
          f"{'journal.db':>10} {'+wal':>7} {'widgets':>11} {'textures':>14} {'sess/min':>8} "
          f"{'errors':>6} {'unhandled':>9} {'stuck':>5}")


def row(kiosk, tally, data_dir: Path, started: float, window_started: float, window_sessions: int,
        sampler: RssSampler) -> str:
    sizes = database_kib(data_dir)
    low, high = sampler.window()
    in_window, screens = widget_counts(kiosk)
    count, mib = texture_estimate()
    minutes = (time.monotonic() - started) / 60
    window_minutes = (time.monotonic() - window_started) / 60
    rate = window_sessions / window_minutes if window_minutes > 0 else 0.0
    return (f"{tally.sessions:>8} {minutes:>6.1f} {rss_mib():>8.1f} {low:>6.0f} {high:>6.0f} {open_fds():>4} {threading.active_count() - sampler.threads:>4} "
            f"{sizes['ratings.db']:>8.0f}Ki {sizes['ratings.db-wal']:>5.0f}Ki "
            f"{sizes['print_journal.db']:>8.0f}Ki {sizes['print_journal.db-wal']:>5.0f}Ki "
            f"{in_window:>5}/{screens:<5} {count:>5} {mib:>6.1f}MiB {rate:>8.1f} "
            f"{tally.error_records:>6} {len(tally.unhandled):>9} {len(tally.stuck):>5}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=1000, help="also print a row every K sessions")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--no-faults", action="store_true", help="no faults injected")
    parser.add_argument("--fade", action="store_true", help="keep the screens' fade (slower)")
    args = parser.parse_args(argv)

    from kiosk.config import load_config
    from kiosk.paths import DEFAULT_CONFIG
    from kiosk.testing.soak import broken_promises, open_soak

    scratch = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    kiosk, driver, handler = open_soak(load_config(DEFAULT_CONFIG), scratch, args.seed,
                                       faults=not args.no_faults, fade=args.fade)
    data_dir = kiosk.services.config.storage.data_dir
    print(f"soak: {args.sessions} sessions, seed {args.seed}, faults {'off' if args.no_faults else 'on'} "
          f"({describe()}; load average {os.getloadavg()[0]:.2f})", flush=True)
    print(HEADER, flush=True)
    started = time.monotonic()
    window = [started, 0]
    sampler = RssSampler().start()
    print(row(kiosk, driver.tally, data_dir, started, started, 0, sampler), flush=True)

    reported = [0]

    def each(tally) -> None:
        n = tally.sessions
        if n % 1000 == 0 or (args.every and n % args.every == 0):
            print(row(kiosk, tally, data_dir, started, window[0], n - window[1], sampler), flush=True)
            window[:] = [time.monotonic(), n]
            for line in tally.stuck[reported[0]:]:      # as they happen: a run stopped early keeps them
                print(f"  stuck: {line}", flush=True)
            reported[0] = len(tally.stuck)

    try:
        tally = driver.run(args.sessions, on_session=each)
        print(row(kiosk, tally, data_dir, started, started, tally.sessions, sampler) + "  (end, rate over the run)")
        print(f"flows: {dict(sorted(tally.by_flow.items()))}")
        print(f"faults injected: {dict(sorted(tally.faults_injected.items()))}; idle timeouts {tally.idle_timeouts}; "
              f"prints {tally.prints}; ratings submitted {tally.ratings_submitted}")
        print(f"print journal: {kiosk.services.printer.journal.counts()}; "
              f"ratings outbox: {kiosk.services.ratings.counts()}; on the platform: "
              f"{len(kiosk.simulated.platform.ratings)}")
        for line in driver.tally.stuck[:20]:
            print(f"stuck: {line}")
        for message in getattr(driver, "error_messages", [])[:20]:
            print(f"ERROR record: {message}")
        for trace in tally.unhandled[:5]:
            print(f"unhandled: {trace}")
        problems = broken_promises(kiosk, tally, kiosk.services.config.logging.dir)
        print("promises: " + ("all held" if not problems else "; ".join(problems)), flush=True)
        return 1 if problems else 0
    finally:
        sampler.stop()
        kiosk.close()
        import logging
        logging.getLogger().removeHandler(handler)
        handler.close()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
