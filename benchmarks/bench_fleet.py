"""The running terminal as systemd and Prometheus see it:

1. process start to READY=1 (`kiosk run` offscreen with NOTIFY_SOCKET set, the home screen's first
   frame drawn), median of --runs launches;
2. the time of one /metrics scrape of a kiosk with every part started (median and 95th percentile);
3. the cost of metrics on the UI loop: frame gaps of the Kivy main loop (one callback per Clock
   tick, as in ui_stall) without scraping, then while a thread scrapes /metrics 10 times a second
   (a fleet's Prometheus scrapes every 15-30 s); and what the UI thread itself spends on metrics:
   one session counted (kiosk.counters) and one STATUS line built for systemd.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from .machine import describe

ROOT = Path(__file__).resolve().parent.parent


def process_to_ready(runs: int) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from tests.notify_listener import NotifyListener

    times = []
    for i in range(runs + 1):                       # the first launch warms the page cache, not counted
        folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-ready-"))
        listener = NotifyListener()
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env.update(listener.env(watchdog_s=30), KIVY_HOME=str(folder / "kivy"), KIVY_NO_CONSOLELOG="1")
        config = folder / "kiosk.toml"
        config.write_text((ROOT / "config" / "kiosk.toml").read_text(encoding="utf-8")
                          .replace('dir = "var/log"', f'dir = "{folder / "log"}"')
                          .replace('data_dir = "var/data"', f'data_dir = "{folder / "data"}"')
                          + "\n[metrics]\nenabled = false\n", encoding="utf-8")
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--offscreen", "--config", str(config)],
                                 cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            ready = listener.wait_for("READY", timeout=60)
            if ready is None:
                raise RuntimeError("no READY=1 within 60 s")
            if i:
                times.append(ready.at - started)
        finally:
            child.kill()
            child.wait()
            listener.close()
    return times


def frame_gaps(kiosk, seconds: float) -> list[float]:
    from kivy.clock import Clock

    ticks: list[float] = []
    event = Clock.schedule_interval(lambda _dt: ticks.append(time.perf_counter()), 0)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kiosk.pump(1)
    event.cancel()
    return [b - a for a, b in zip(ticks, ticks[1:])]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def metrics_costs(seconds: float) -> dict:
    from kiosk.ui.boot import prepare_environment
    prepare_environment(offscreen=True)
    import dataclasses

    from kiosk.config import load_config
    from kiosk.counters import count_session
    from kiosk.paths import DEFAULT_CONFIG
    from kiosk.testing.harness import HeadlessKiosk
    from kiosk.ui.systemd import ServiceManagerLink

    base = load_config(DEFAULT_CONFIG)
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-bench-metrics-"))
    config = dataclasses.replace(
        base, logging=dataclasses.replace(base.logging, dir=tmp / "log"),
        storage=dataclasses.replace(base.storage, data_dir=tmp / "data"),
        printer=dataclasses.replace(base.printer, output_dir=str(tmp / "prints")),
        metrics=dataclasses.replace(base.metrics, port=0))
    kiosk = HeadlessKiosk(config, start_devices=True)
    try:
        health = kiosk.services.health
        health.check_now()
        kiosk.wait_until(lambda: health.rounds > 0, timeout=20)
        url = kiosk.app.terminal.metrics.url + "/metrics"
        size = len(urllib.request.urlopen(url, timeout=10).read())
        quiet = frame_gaps(kiosk, seconds)

        scrapes: list[float] = []
        stop = threading.Event()

        def scrape() -> None:
            while not stop.is_set():
                started = time.perf_counter()
                urllib.request.urlopen(url, timeout=10).read()
                scrapes.append(time.perf_counter() - started)
                stop.wait(0.1)

        scraper = threading.Thread(target=scrape, daemon=True)
        scraper.start()
        busy = frame_gaps(kiosk, seconds)
        stop.set()
        scraper.join(5)

        link = ServiceManagerLink(kiosk.app)
        loops = 10_000
        started = time.perf_counter()
        for _ in range(loops):
            count_session("status")
        count_us = (time.perf_counter() - started) / loops * 1e6
        started = time.perf_counter()
        for _ in range(1000):
            status = link.status()
        status_us = (time.perf_counter() - started) / 1000 * 1e6
    finally:
        kiosk.close()
    return {"size": size, "scrapes": scrapes, "quiet": quiet, "busy": busy, "count_us": count_us,
            "status_us": status_us, "status": status}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="launches of `kiosk run` timed to READY")
    parser.add_argument("--seconds", type=float, default=5.0, help="UI loop measured for this long, each way")
    args = parser.parse_args(argv)
    ready = process_to_ready(args.runs)
    m = metrics_costs(args.seconds)
    ms = [s * 1000 for s in m["scrapes"]]
    print(f"systemd and Prometheus ({describe()})")
    print(f"  process start to READY=1      median {statistics.median(ready) * 1000:.0f} ms over {len(ready)} launches "
          f"({', '.join(f'{t * 1000:.0f}' for t in ready)} ms)")
    print(f"  one /metrics scrape           median {statistics.median(ms):.2f} ms, p95 {percentile(ms, 95):.2f} ms, "
          f"max {max(ms):.2f} ms over {len(ms)} scrapes; {m['size']:,} bytes")
    for name, gaps in (("UI frame gap, no scraping", m["quiet"]), ("UI frame gap, 10 scrapes/s", m["busy"])):
        g = [x * 1000 for x in gaps]
        print(f"  {name:<29} median {statistics.median(g):.1f} ms, p99 {percentile(g, 99):.1f} ms, "
              f"max {max(g):.1f} ms over {len(g)} frames")
    print(f"  on the UI thread              one session counted {m['count_us']:.1f} µs; one STATUS line "
          f"{m['status_us']:.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
