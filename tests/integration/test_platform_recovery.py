"""How soon the terminal notices the platform going and coming back, against the simulator over
real HTTP, with the simulator's faults switched on and off and a hand-moved clock for the waits.

Before: nothing asked the platform while it was out of order (its tiles hidden), so the status
came back only with the next health round: 60 s in the embedded default, 300 s on a terminal.
Now: the first failed call takes it offline, and a probe asks again 2 s later, then 4, 8 ... 60."""
from __future__ import annotations

import heapq
import itertools
from datetime import date
from typing import Iterator

import pytest

from kiosk.config.platform import PlatformSettings
from kiosk.platform import PlatformClient, PlatformStatus, PlatformUnavailable
from kiosk.platform.recovery import RecoveryProbe
from kiosk.sim.platform_sim import PlatformSimulator, start_platform_simulator

SECRET = "recovery-secret"


class ManualScheduler:
    """schedule(delay, fn) on a clock moved by hand: advance() runs what falls due, in order."""

    def __init__(self) -> None:
        self.now = 0.0
        self._queue: list = []
        self._order = itertools.count()

    def __call__(self, delay_s: float, fn):
        entry = [self.now + delay_s, next(self._order), fn]
        heapq.heappush(self._queue, entry)
        return lambda: entry.__setitem__(2, None)

    def advance(self, seconds: float) -> None:
        until = self.now + seconds
        while self._queue and self._queue[0][0] <= until:
            due, _, fn = heapq.heappop(self._queue)
            self.now = due
            if fn is not None:
                fn()
        self.now = until


@pytest.fixture(scope="module")
def sim() -> Iterator[PlatformSimulator]:
    simulator = start_platform_simulator(SECRET, today=date(2026, 11, 25))
    yield simulator
    simulator.stop()


@pytest.fixture
def client(sim):
    sim.clear_faults()
    settings = PlatformSettings(secret=SECRET, retries=0, connect_timeout_s=0.5, read_timeout_s=1.0)
    c = PlatformClient(settings, "SIM-150626-01", base_url=sim.base_url, status=PlatformStatus())
    yield c
    sim.clear_faults()
    c.close()


def went_offline_at_first_failure(client, sim) -> None:
    client.server_time()
    assert client.status.online
    sim.set_fault("error500")
    with pytest.raises(PlatformUnavailable):
        client.application("1506260000010001")
    assert client.status.offline            # the first failed call: no health round waited for


def back_online_after(sim, client, scheduler, outage_s: float, step: float = 0.5) -> float:
    """Seconds from the platform coming back until the status says online."""
    scheduler.advance(outage_s)
    sim.clear_faults()
    back_at = scheduler.now
    while client.status.offline:
        scheduler.advance(step)
        assert scheduler.now - back_at <= 600, "never came back"
    return scheduler.now - back_at


def test_without_a_probe_nothing_brings_the_status_back(client, sim):
    went_offline_at_first_failure(client, sim)
    sim.clear_faults()
    scheduler = ManualScheduler()
    scheduler.advance(59)
    assert client.status.offline            # before: only the next health round would ask


def test_a_short_outage_shows_its_end_within_two_seconds(client, sim):
    scheduler = ManualScheduler()
    went_offline_at_first_failure(client, sim)
    probe = RecoveryProbe(client.status, client.server_time, schedule=scheduler).start()
    try:
        waited = back_online_after(sim, client, scheduler, outage_s=1.0)
        assert waited <= 1.0, waited        # the first ask, 2 s after the failure
        assert probe.asks == 1 and probe.next_step_s == 2.0
    finally:
        probe.stop()


def test_the_asks_back_off_by_doubling_up_to_a_minute(client, sim):
    scheduler = ManualScheduler()
    asked_at = []
    went_offline_at_first_failure(client, sim)

    def ask():
        asked_at.append(scheduler.now)
        return client.server_time()

    probe = RecoveryProbe(client.status, ask, schedule=scheduler).start()
    try:
        waited = back_online_after(sim, client, scheduler, outage_s=300.0)
        assert asked_at[:7] == [2, 6, 14, 30, 62, 122, 182]
        assert all(b - a <= 60 for a, b in zip(asked_at, asked_at[1:]))
        assert waited <= 60, waited         # a long outage: back within the longest step
        assert probe.next_step_s == 2.0     # and a new outage starts with the short step again
    finally:
        probe.stop()


def test_a_probe_stopped_asks_no_more(client, sim):
    scheduler = ManualScheduler()
    went_offline_at_first_failure(client, sim)
    probe = RecoveryProbe(client.status, client.server_time, schedule=scheduler).start()
    probe.stop()
    sim.clear_faults()
    scheduler.advance(120)
    assert probe.asks == 0 and client.status.offline
