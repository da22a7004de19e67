"""好差评 store and upload: durable write latency, drain rate, database size.

    .venv/bin/python -m benchmarks.bench_ratings [--writes 1000] [--queue 10000] [--dir PATH]

1. write latency: RatingService.store() of one rating (sealing the evaluator, one SQLite
   transaction in WAL mode with synchronous=FULL, i.e. an fsync of the WAL), `writes` times, on
   the filesystem of --dir (default: a fresh directory under ./var, the data directory's disk;
   /tmp may be a RAM disk where an fsync costs nothing).
2. drain rate: `queue` pending ratings uploaded by the uploader's drain() to the platform
   simulator on 127.0.0.1 (one signed POST each, then the confirmation committed), ratings/s.
3. database size per `queue` ratings: pending (sealed evaluator kept), and after confirmation
   (evaluator erased), after a checkpoint, with and without VACUUM.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.machine import describe
from kiosk.config.platform import PlatformSettings
from kiosk.platform.client import PlatformClient
from kiosk.services.ratings import Evaluator, Rating, RatingService, RatingStore
from kiosk.services.ratings.sealing import Sealer, load_or_create_key
from kiosk.sim.platform_sim import start_platform_simulator

SECRET = "bench-secret-123"
TERMINAL = "BENCH-T1"


def open_service(directory: Path, client=None) -> RatingService:
    outbox = RatingStore(directory / "ratings.db", Sealer(load_or_create_key(directory)))
    return RatingService(outbox, client, channel="5", region_code="150626", terminal_id=TERMINAL,
                         direction="gbt39046", interval_s=3600, backoff_max_s=3600)


def rating(numbers: list[str], i: int, options) -> Rating:
    level = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")[i % 5]
    reasons = (options.reasons_for(level)[0].code,) if level in ("不满意", "非常不满意") else ()
    return Rating(numbers[i % len(numbers)], level, Evaluator(name="巴特尔", id_number=f"9{i:017d}"),
                  item_code="150626020001", department_code="1506260200", reason_codes=reasons)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def db_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.glob("ratings.db*"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--queue", type=int, default=10000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    base = args.dir or Path("var")
    base.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-ratings-", dir=base))
    fs = subprocess.run(["df", "-T", str(work)], capture_output=True, text=True).stdout.splitlines()[-1].split()[1]
    print(f"machine: {describe()}, nproc={os.cpu_count()}, SQLite {sqlite3.sqlite_version}, "
          f"directory {work} ({fs})")
    sim = start_platform_simulator(SECRET)
    client = PlatformClient(PlatformSettings(secret=SECRET, retries=0), TERMINAL, base_url=sim.base_url)
    numbers = sorted(sim.data.applications_by_no)
    options = client.rating_options()
    try:
        # 1. write latency with full durability
        (work / "write").mkdir()
        service = open_service(work / "write")
        service._options = options
        latencies = []
        for i in range(args.writes):
            started = time.perf_counter()
            service.store(rating(numbers, i, options))
            latencies.append((time.perf_counter() - started) * 1000)
        service.close()
        print(f"write latency, {args.writes} ratings, synchronous=FULL: p50 {statistics.median(latencies):.2f} ms, "
              f"p99 {percentile(latencies, 99):.2f} ms, max {max(latencies):.2f} ms, "
              f"mean {statistics.fmean(latencies):.2f} ms")

        # 2. drain rate of a queue
        queue_dir = work / "queue"
        queue_dir.mkdir()
        service = open_service(queue_dir, client)
        service._options = options
        started = time.perf_counter()
        for i in range(args.queue):
            service.store(rating(numbers, i, options))
        fill_s = time.perf_counter() - started
        with sqlite3.connect(queue_dir / "ratings.db") as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pending_size = db_bytes(queue_dir)
        in_http = []
        submit = client.submit_rating

        def timed_submit(submission):
            t = time.perf_counter()
            try:
                return submit(submission)
            finally:
                in_http.append(time.perf_counter() - t)

        client.submit_rating = timed_submit
        started = time.perf_counter()
        confirmed = service.uploader.drain()
        drain_s = time.perf_counter() - started
        client.submit_rating = submit
        first, last = sum(in_http[:1000]) / min(1000, len(in_http)), sum(in_http[-1000:]) / min(1000, len(in_http))
        assert confirmed == args.queue and len(sim.ratings) == args.queue, (confirmed, service.counts())
        print(f"queue of {args.queue} filled in {fill_s:.1f} s; drained in {drain_s:.1f} s: "
              f"{args.queue / drain_s:.0f} ratings/s ({drain_s / args.queue * 1000:.2f} ms each: "
              f"signed POST to the simulator on 127.0.0.1 + confirmation commit)")
        print(f"  of which in the HTTP call: {sum(in_http):.1f} s (mean {first * 1000:.2f} ms for the first 1,000,"
              f" {last * 1000:.2f} ms for the last 1,000); terminal side (outbox read, sealing, commit):"
              f" {(drain_s - sum(in_http)) / args.queue * 1000:.2f} ms per rating")
        service.close()

        # 3. size
        with sqlite3.connect(queue_dir / "ratings.db") as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        confirmed_size = db_bytes(queue_dir)
        with sqlite3.connect(queue_dir / "ratings.db") as conn:
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        vacuumed = db_bytes(queue_dir)
        per = args.queue / 10000
        print(f"database size per 10,000 ratings: pending {pending_size / per / 1e6:.2f} MB, "
              f"confirmed {confirmed_size / per / 1e6:.2f} MB (same pages, evaluator erased), "
              f"confirmed after VACUUM {vacuumed / per / 1e6:.2f} MB")
    finally:
        client.close()
        sim.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
