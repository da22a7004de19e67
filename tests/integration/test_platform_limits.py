"""What one platform call may cost, against the simulator's hostile answers over real HTTP on
127.0.0.1: an answer is taken up to [platform] max_response_bytes, counted on the wire and after
gzip is undone, and a whole call ends at call_deadline_s however slowly the answer comes.

Memory is the peak of what Python allocated during the call (tracemalloc follows every thread,
the simulator's too); the bound is a multiple of the cap, not a benchmark figure."""
from __future__ import annotations

import time
import tracemalloc
from datetime import date
from typing import Iterator

import pytest

from kiosk.config.platform import PlatformSettings
from kiosk.platform.client import PlatformClient
from kiosk.platform.errors import PlatformUnavailable, ResponseTooLarge
from kiosk.platform.status import PlatformStatus
from kiosk.sim.platform_sim import GZIP_BOMB_INFLATED, HUGE_BODY_BYTES, PlatformSimulator, start_platform_simulator

SECRET = "limits-secret-1"
WANG = "150626198507064026"
CAP = 1024 * 1024
MEMORY_BOUND = 3 * CAP


@pytest.fixture(scope="module")
def sim() -> Iterator[PlatformSimulator]:
    simulator = start_platform_simulator(SECRET, today=date(2026, 11, 25), hang_s=10)
    yield simulator
    simulator.stop()


@pytest.fixture(autouse=True)
def no_faults(sim):
    sim.clear_faults()
    yield
    sim.clear_faults()


def client_of(sim: PlatformSimulator, **kw) -> PlatformClient:
    settings = dict(secret=SECRET, connect_timeout_s=0.5, read_timeout_s=2.0, retries=2, retry_backoff_s=0.0,
                    max_response_bytes=CAP, call_deadline_s=30.0)
    settings.update(kw)
    return PlatformClient(PlatformSettings(**settings), "LIMITS-T1", base_url=sim.base_url, status=PlatformStatus())


def peak_of(call) -> tuple[BaseException | None, int, float]:
    """(what call() raised, the peak bytes allocated meanwhile, seconds taken)."""
    tracemalloc.start()
    started = time.monotonic()
    raised = None
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - the test looks at what it was
        raised = exc
    finally:
        took = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return raised, peak, took


@pytest.mark.parametrize("fault, stage", [
    ("huge", "received"),               # chunked, no length: only counting stops it
    ("huge_declared", "declared"),      # refused on its Content-Length, before a byte of it
])
def test_a_huge_answer_is_refused_at_the_cap_and_memory_stays_near_it(sim, fault, stage):
    sim.set_fault(fault, "applications.query")
    client = client_of(sim)
    asked = sim.request_count("applications.query")
    raised, peak, took = peak_of(lambda: client.applications_of(WANG))
    client.close()
    print(f"\n{fault} ({HUGE_BODY_BYTES} bytes): {type(raised).__name__}, peak {peak / 2**20:.2f} MiB, {took:.2f} s")
    assert isinstance(raised, ResponseTooLarge), raised
    assert raised.stage == stage and raised.limit == CAP
    assert raised.message_key == "platform.unavailable" and raised.endpoint == "applications.query"
    assert peak < MEMORY_BOUND
    assert sim.request_count("applications.query") == asked + 1   # a too-large answer is not asked for again


def test_a_gzip_bomb_is_inflated_only_up_to_the_cap(sim):
    sim.set_fault("gzip_bomb", "applications.query")
    client = client_of(sim)
    raised, peak, took = peak_of(lambda: client.applications_of(WANG))
    client.close()
    print(f"\ngzip_bomb (inflates to {GZIP_BOMB_INFLATED} bytes): {type(raised).__name__}, "
          f"peak {peak / 2**20:.2f} MiB, {took:.2f} s")
    assert isinstance(raised, ResponseTooLarge), raised
    assert raised.stage == "decompressed"
    assert peak < MEMORY_BOUND


def test_an_answer_trickled_a_byte_at_a_time_ends_at_the_deadline(sim):
    """Each byte comes well within the read timeout, so only the call's deadline can end it."""
    sim.set_fault("trickle", "applications.query", seconds=30)
    deadline_s = 2.5
    client = client_of(sim, read_timeout_s=1.0, call_deadline_s=deadline_s)
    asked = sim.request_count("applications.query")
    raised, _, took = peak_of(lambda: client.applications_of(WANG))
    client.close()
    print(f"\ntrickle: {type(raised).__name__} {getattr(raised, 'reason', '')} after {took:.2f} s "
          f"(deadline {deadline_s} s)")
    assert isinstance(raised, PlatformUnavailable) and raised.reason == "deadline", raised
    assert took < deadline_s + 1.5
    assert client.status.offline and client.status.current.reason == "deadline"
    assert sim.request_count("applications.query") == asked + 1


def test_no_retry_starts_past_the_deadline(sim):
    """Backoffs of 0.8 s then 1.6 s: the second would end past a 1.5 s deadline, so it is not taken."""
    sim.set_fault("error500", "catalogue.get")
    client = client_of(sim, retries=5, retry_backoff_s=0.8, call_deadline_s=1.5)
    asked = sim.request_count("catalogue.get")
    started = time.monotonic()
    with pytest.raises(PlatformUnavailable) as e:
        client.catalogue()
    took = time.monotonic() - started
    client.close()
    assert e.value.reason == "server_error"
    assert sim.request_count("catalogue.get") == asked + 2
    assert took < 1.5 + 1.0


def test_an_answer_within_the_limits_still_arrives_and_the_connection_is_kept(sim):
    client = client_of(sim, max_response_bytes=64 * 1024)
    assert len(client.catalogue().items) > 0       # the largest answer the simulator gives
    assert len(client.applications_of(WANG)) >= 4
    pools = client._session.get_adapter(sim.base_url).poolmanager.pools
    opened = [pools[key].num_connections for key in pools.keys()]
    client.close()
    assert opened == [1]                           # read to the end and handed back, not closed
