"""Client overhead per call against the platform simulator, compared with a bare requests call.

    .venv/bin/python -m benchmarks.bench_platform [--calls 200]

For each endpoint, `calls` pairs are timed alternately (so drift hits both alike) over keep-alive
connections to the simulator on 127.0.0.1:
  bare    requests.Session + the signing headers (the server rejects unsigned calls) + response.json()
  client  PlatformClient method: signing, error mapping, validation, typed models, status update
The overhead is the difference of the medians. The pure-CPU parts are also timed without a network.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from datetime import date

import requests

from benchmarks.machine import describe
from kiosk.config.platform import PlatformSettings
from kiosk.platform import PlatformClient
from kiosk.platform.parsing import parse_applications, parse_catalogue
from kiosk.platform.signing import sign_headers
from kiosk.platform.validation import Fields
from kiosk.sim.platform_sim import start_platform_simulator

SECRET = "bench-secret-123"
WANG = "150626198507064026"


def bare_call(session: requests.Session, base: str, method: str, path: str, body: dict | None):
    payload = b"" if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    headers = sign_headers(SECRET, "BENCH-T1", method, "/kiosk/v1" + path, payload)
    if payload:
        headers["Content-Type"] = "application/json"
    r = session.request(method, base + path, data=payload or None, headers=headers, timeout=(3, 8))
    r.raise_for_status()
    return r.json()


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args(argv)
    print(f"machine: {describe()}, nproc={os.cpu_count()}, requests {requests.__version__}")
    sim = start_platform_simulator(SECRET, today=date(2026, 11, 25))
    client = PlatformClient(PlatformSettings(secret=SECRET), "BENCH-T1", base_url=sim.base_url)
    session = requests.Session()
    session.trust_env = False
    base = sim.base_url
    cases = [
        ("GET /time", lambda: client.server_time(), ("GET", "/time", None)),
        ("POST /applications/query", lambda: client.applications_of(WANG),
         ("POST", "/applications/query", {"id_number": WANG})),
        ("GET /catalogue", lambda: client.catalogue(), ("GET", "/catalogue", None)),
    ]
    print(f"\n{args.calls} calls each, alternating; milliseconds")
    print(f"{'endpoint':<28}{'bare median':>12}{'client median':>15}{'overhead':>10}{'bare p90':>10}{'client p90':>12}")
    try:
        for name, client_fn, (method, path, body) in cases:
            for _ in range(20):  # warm-up: connections, caches
                client_fn()
                bare_call(session, base, method, path, body)
            bare, ours = [], []
            for _ in range(args.calls):
                bare.append(timed(lambda: bare_call(session, base, method, path, body)))
                ours.append(timed(client_fn))
            mb, mc = statistics.median(bare), statistics.median(ours)
            p90 = lambda xs: statistics.quantiles(xs, n=10)[-1]  # noqa: E731
            print(f"{name:<28}{mb:>12.3f}{mc:>15.3f}{mc - mb:>10.3f}{p90(bare):>10.3f}{p90(ours):>12.3f}")
    finally:
        client.close()
        session.close()
        sim.stop()

    # The CPU-only parts of the overhead, no network.
    n = 2000
    sign = statistics.median(timed(lambda: sign_headers(SECRET, "T", "POST", "/kiosk/v1/applications/query",
                                                        b'{"id_number":"150626198507064026"}')) for _ in range(n))
    apps = {"applications": sim.data.applications_by_holder[WANG]}
    parse_apps = statistics.median(timed(lambda: parse_applications(Fields(apps))) for _ in range(n))
    parse_cat = statistics.median(timed(lambda: parse_catalogue(Fields(sim.data.catalogue))) for _ in range(500))
    print(f"\nCPU only (median): signing {sign * 1000:.1f} µs; validating+building {len(apps['applications'])} "
          f"applications {parse_apps * 1000:.1f} µs; the catalogue ({len(sim.data.catalogue['items'])} items, "
          f"{len(sim.data.catalogue['themes'])} themes) {parse_cat * 1000:.1f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
