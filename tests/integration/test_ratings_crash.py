"""The crash test: a child process stores and uploads ratings in a loop; the test kills it with
SIGKILL at random moments, many times, then drains the outbox with a fresh uploader.

What must hold afterwards, for the keys the children printed:
    stored  ⊆  on the simulator  ⊆  attempted      and each key on the simulator exactly once;
every stored key is confirmed in the database, nothing is rejected (a resend never differed from
its first send), and the platform holds no rating the children did not start.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from kiosk.paths import ROOT
from kiosk.platform.client import PlatformClient
from kiosk.services.ratings import open_rating_service
from kiosk.sim.platform_sim import start_platform_simulator
from tests.conftest import config_with

KILLS = 30
BUDGET_S = 17.0


def _run_child(data_dir, sim, numbers, rng) -> tuple[list[str], list[str]]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.ratings_crash_child", str(data_dir), sim.base_url,
         "crash-test-secret", *numbers],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        first = child.stdout.readline()
        assert first.strip() == "ready", first + child.stderr.read()
        time.sleep(rng.uniform(0.0, 0.35))    # somewhere in store(), in an upload, between the two
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    # Read through the same buffered pipe readline() used (communicate() would skip its buffer).
    out, err = child.stdout.read(), child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL, err
    attempted, stored = [], []
    for line in out.splitlines():
        kind, _, key = line.partition(" ")
        (attempted if kind == "attempt" else stored if kind == "stored" else []).append(key)
    return attempted, stored


@pytest.mark.slow
def test_every_stored_rating_reaches_the_platform_exactly_once_across_sigkills(default_config, tmp_path):
    data_dir = tmp_path / "data"
    rng = random.Random(int(time.time()))
    sim = start_platform_simulator("crash-test-secret")
    try:
        numbers = sorted(sim.data.applications_by_no)[:5]
        attempted: list[str] = []
        stored: list[str] = []
        started = time.monotonic()
        kills = 0
        while kills < KILLS and time.monotonic() - started < BUDGET_S:
            a, s = _run_child(data_dir, sim, numbers, rng)
            attempted += a
            stored += s
            kills += 1
        assert kills >= 20, f"only {kills} kills fitted in the time budget"
        assert stored, "no rating was ever stored"

        # A fresh uploader (the kiosk after its last restart) drains what is left.
        config = config_with(default_config, storage={"data_dir": data_dir},
                             platform={"secret": "crash-test-secret", "retries": 0},
                             ratings={"upload_interval_s": 0.1, "upload_backoff_max_s": 0.5})
        client = PlatformClient(config.platform, config.terminal.terminal_id, base_url=sim.base_url)
        service = open_rating_service(config, client)
        try:
            deadline = time.monotonic() + 30
            while service.counts()["pending"] and time.monotonic() < deadline:
                time.sleep(0.05)
            counts = service.counts()
            confirmed = set(service.outbox.keys("confirmed"))
        finally:
            service.close()
            client.close()

        on_platform = [r["idempotency_key"] for r in sim.ratings]
        assert counts["pending"] == 0 and counts["rejected"] == 0 and counts["unreadable"] == 0, counts
        assert len(on_platform) == len(set(on_platform)), "a key was recorded twice"
        assert len(attempted) == len(set(attempted))
        platform_keys = set(on_platform)
        assert set(stored) <= platform_keys, f"stored but never uploaded: {set(stored) - platform_keys}"
        assert platform_keys <= set(attempted), f"on the platform but never attempted: {platform_keys - set(attempted)}"
        assert platform_keys == confirmed
        # One record per (办件, person, 评价次数): no resend became a second rating.
        identities = Counter((r["application_no"], r["evaluator"]["id_number"], r["rating_count"]) for r in sim.ratings)
        assert max(identities.values()) == 1
        print(f"\n{kills} kills, {len(attempted)} attempted, {len(stored)} stored, {len(platform_keys)} on the platform,"
              f" {sim.request_count('ratings.submit')} submissions")
    finally:
        sim.stop()
