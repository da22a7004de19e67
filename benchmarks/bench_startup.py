"""Start-up: process start to the first drawn frame of the home screen, and peak memory,
for the kiosk and for a bare Kivy app with one Label, measured alternately in the same run.

Both render offscreen (SDL offscreen + Mesa), as on a machine with no display. The time is
taken from just before the process is spawned to the moment the child sees its first
buffer flip with the root widget in place (CLOCK_MONOTONIC is shared by both processes).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .machine import describe

ROOT = Path(__file__).resolve().parent.parent


def measure(argv: list[str]) -> tuple[float, int]:
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", KIVY_WINDOW="sdl2", KIVY_NO_ARGS="1",
               KIVY_NO_FILELOG="1", KIVY_NO_CONSOLELOG="1", KIVY_HOME=tempfile.mkdtemp(prefix="kivy-bench-"))
    start = time.monotonic()
    out = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"{argv} failed: {out.stderr[-2000:]}")
    data = json.loads(lines[-1])
    return data["first_frame_monotonic"] - start, data["max_rss_kib"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    kiosk = [sys.executable, "-m", "kiosk", "run", "--first-frame-exit", "--offscreen"]
    bare = [sys.executable, "-m", "benchmarks.bare_kivy_app"]
    measure(kiosk), measure(bare)  # warm the page cache for both before counting
    results: dict[str, list[tuple[float, int]]] = {"kiosk": [], "bare": []}
    for _ in range(args.runs):
        results["kiosk"].append(measure(kiosk))
        results["bare"].append(measure(bare))
    print(f"start-up to first frame, median of {args.runs} runs each ({describe()})")
    medians = {}
    for name, runs in results.items():
        t = statistics.median(r[0] for r in runs)
        m = statistics.median(r[1] for r in runs)
        medians[name] = (t, m)
        print(f"  {name:<6} {t * 1000:7.0f} ms   peak RSS {m / 1024:6.1f} MiB   "
              f"(runs: {', '.join(f'{r[0] * 1000:.0f}' for r in runs)} ms)")
    print(f"  ratio  {medians['kiosk'][0] / medians['bare'][0]:.2f}x time, "
          f"{medians['kiosk'][1] / medians['bare'][1]:.2f}x memory (target: time within 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
