"""ID card reader benchmark: placement-to-record latency and idle polling CPU.

Runs the virtual reader in a separate process (`kiosk sim idcard`, so its CPU is not
counted) on a real pty, and the CardWatcher in this process with the embedded default
settings. For each baud rate: median time from card placement (the simulator's own
timestamp, CLOCK_MONOTONIC is shared between processes) to the parsed record delivered by
the watcher, over >= 20 placements, next to the physical floor = wire time of the bytes
exchanged from placement to record (find card 9F, select, read text+photo, read appended
address) + the simulator's configured processing delays. Then the process CPU time used
by the idle watcher (no card) over 60 s.

    .venv/bin/python -m benchmarks.bench_idcard [--placements 20] [--idle-seconds 60]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.machine import describe
from kiosk.config import ReaderSettings
from kiosk.devices.idcard import frames
from kiosk.devices.idcard.reader import wire_seconds
from kiosk.devices.idcard.watcher import CardWatcher
from kiosk.testing.reader import Callbacks

ROOT = Path(__file__).resolve().parents[1]
CARDS = ("bateer", "wang", "aoyun", "qiqige", "chan", "smith", "olga")


def exchange_bytes(appended_len: int = 0) -> int:
    """Bytes on the line from placement to record, both directions."""
    req = frames.HEADER_LEN + 2 + 1
    resp = lambda data: frames.HEADER_LEN + 3 + data + 1   # noqa: E731
    return (req + resp(4)            # find card -> 9F + chip number
            + req + resp(8)          # select card
            + req + resp(4 + 256 + 1024)   # read text + photo
            + req + resp(appended_len))    # read appended address (91: none)


class Sim:
    def __init__(self, baud: int, processing: float, read: float):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "sim", "idcard", "--baud", str(baud),
             "--processing-delay", str(processing), "--read-delay", str(read)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            encoding="utf-8", env=env, cwd=ROOT)
        self.port = self.proc.stdout.readline().strip()

    def command(self, line: str) -> str:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def stop(self) -> None:
        try:
            self.command("quit")
            self.proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()


def make_watcher(port: str, baud: int, placed: list, events: dict) -> CardWatcher:
    settings = ReaderSettings(simulated=False, port=port, baud=baud)   # the shipped defaults otherwise

    def on_placed(card):
        placed.append((time.monotonic(), card))
        events["placed"].set()

    return CardWatcher.from_settings(settings, lambda cb: cb(), Callbacks(
        on_card_placed=on_placed, on_card_removed=events["removed"].set, on_reader_ready=events["ready"].set))


def latency(baud: int, placements: int, processing: float, read: float) -> dict:
    sim = Sim(baud, processing, read)
    placed: list = []
    events = {k: threading.Event() for k in ("placed", "removed", "ready")}
    watcher = make_watcher(sim.port, baud, placed, events)
    watcher.start()
    if not events["ready"].wait(10):
        raise RuntimeError(f"reader did not come up at {baud} baud")
    rng = random.Random(baud)
    samples = []
    try:
        for i in range(placements):
            time.sleep(rng.uniform(0.05, 0.15))   # lands anywhere in the poll cycle
            events["placed"].clear()
            events["removed"].clear()
            key = CARDS[i % len(CARDS)]
            reply = sim.command(f"place {key}")
            t_place = float(reply.rsplit(" ", 1)[1])
            if not events["placed"].wait(10):
                raise RuntimeError(f"placement {i} was not read")
            samples.append(placed[-1][0] - t_place)
            sim.command("lift")
            if not events["removed"].wait(10):
                raise RuntimeError(f"lifting {i} was not seen")
    finally:
        watcher.stop()
        sim.stop()
    n_bytes = exchange_bytes()
    delays = 4 * processing + read     # find, select, read (+ read delay), appended address
    floor = wire_seconds(n_bytes, baud) + delays
    med = statistics.median(samples)
    return {"baud": baud, "n": len(samples), "median": med, "p90": sorted(samples)[int(0.9 * len(samples)) - 1],
            "min": min(samples), "max": max(samples), "bytes": n_bytes, "wire": wire_seconds(n_bytes, baud),
            "delays": delays, "floor": floor, "ratio": med / floor, "processing": processing, "read": read}


def idle_cpu(seconds: float, baud: int = 115200) -> dict:
    sim = Sim(baud, 0.01, 0.15)
    events = {k: threading.Event() for k in ("placed", "removed", "ready")}
    watcher = make_watcher(sim.port, baud, [], events)
    watcher.start()
    events["ready"].wait(10)
    time.sleep(0.5)
    polls_before = watcher.reader.wire_bytes
    cpu0, wall0 = time.process_time(), time.monotonic()
    time.sleep(seconds)
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    polls = (watcher.reader.wire_bytes - polls_before) // 21
    watcher.stop()
    sim.stop()
    return {"seconds": wall, "cpu": cpu, "percent": 100 * cpu / wall, "polls": polls,
            "interval": watcher.poll_interval_s}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--placements", type=int, default=20)
    ap.add_argument("--idle-seconds", type=float, default=60)
    args = ap.parse_args(argv)
    print(f"machine: {describe()} (nproc {os.cpu_count()})")
    print(f"watcher: shipped defaults (poll_interval_s = {ReaderSettings().poll_interval_s}); "
          "virtual reader in a separate process on a real pty\n")
    print("placement -> parsed record, median of %d placements" % args.placements)
    print(f"{'baud':>7} {'sim delays':>18} {'median':>8} {'p90':>8} {'wire':>8} {'floor':>8} {'ratio':>6}")
    runs = [(115200, 0.01, 0.15), (115200, 0.0, 0.0), (9600, 0.01, 0.15)]
    for baud, processing, read in runs:
        r = latency(baud, args.placements, processing, read)
        print(f"{r['baud']:>7} {f'{processing*1000:g}+{read*1000:g} ms/read':>18} {r['median']*1000:7.1f}ms "
              f"{r['p90']*1000:7.1f}ms {r['wire']*1000:7.1f}ms {r['floor']*1000:7.1f}ms {r['ratio']:6.3f}")
    print(f"  (wire = {exchange_bytes()} bytes: find 9F, select, read text+photo, appended address; "
          "floor = wire + 4 x per-command delay + read delay)\n")
    r = idle_cpu(args.idle_seconds)
    print(f"idle polling CPU at 115200: {r['cpu']:.3f} s CPU over {r['seconds']:.1f} s = {r['percent']:.2f}% of one core "
          f"({r['polls']} find-card polls, every {r['interval']*1000:g} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
