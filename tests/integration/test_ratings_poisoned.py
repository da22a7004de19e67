"""One rating the platform keeps refusing does not hold up the others (issue 11, item 10): it
backs off on its own, is parked after [ratings] max_attempts with its reason, and a technician
retries or discards it from diagnostics (audited). Real SQLite, the real uploader thread and the
platform simulator over HTTP on 127.0.0.1, its fault set on that one 办件."""
from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk.platform.client import PlatformClient
from kiosk.services.diagnostics import DiagContext, Status
from kiosk.services.diagnostics.audit import AuditLog
from kiosk.services.diagnostics.outbox import discard_parked, read_outbox, retry_parked
from kiosk.services.diagnostics.storage_check import check_storage
from kiosk.services.ratings import Evaluator, Rating, open_rating_service
from kiosk.sim.platform_sim import start_platform_simulator
from tests.conftest import config_with, wait_for

SECRET = "poisoned-test-secret"
ZHANG = Evaluator(name="张晓梅", id_number="150626198507064026")
MAX_ATTEMPTS = 3
REASONS = {"error500": "HTTP 500", "malformed": "not valid JSON"}


@pytest.fixture
def sim():
    s = start_platform_simulator(SECRET)
    yield s
    s.stop()


@pytest.fixture
def config(default_config):
    return config_with(default_config, platform={"secret": SECRET, "retries": 0, "connect_timeout_s": 0.5,
                                                 "read_timeout_s": 1.0},
                       ratings={"upload_interval_s": 0.05, "upload_backoff_max_s": 0.2,
                                "max_attempts": MAX_ATTEMPTS})


@pytest.fixture
def open_service(config, sim):
    opened = []

    def make():
        client = PlatformClient(config.platform, config.terminal.terminal_id, base_url=sim.base_url)
        service = open_rating_service(config, client)
        opened.append((service, client))
        assert wait_for(lambda: service.options() is not None)
        return service

    yield make
    for service, client in opened:
        service.close()
        client.close()


@pytest.fixture
def audit(config):
    return AuditLog(config.logging.dir)


def rate(service, number: str):
    return service.store(Rating(number, "满意", ZHANG, item_code="X"))


def submits(sim) -> int:
    return sim.request_count("ratings.submit")


def settled(sim, pause_s: float = 0.5) -> int:
    """The submit count once it stops moving (several upload intervals without a request)."""
    count = submits(sim)
    while True:
        time.sleep(pause_s)
        if submits(sim) == count:
            return count
        count = submits(sim)


def poisoned_and_parked(open_service, sim, kind: str = "error500"):
    """A poisoned rating stored first (the oldest), three good ones after it; returns
    (service, poisoned StoredRating, good StoredRatings) once the poisoned one is parked."""
    numbers = sorted(sim.data.applications_by_no)[:4]
    sim.set_fault(kind, "ratings.submit", application_no=numbers[0])
    service = open_service()
    poisoned = rate(service, numbers[0])
    good = [rate(service, n) for n in numbers[1:]]
    assert wait_for(lambda: service.outbox.get(poisoned.key).state == "parked", timeout=15), \
        service.outbox.get(poisoned.key)
    return service, poisoned, good


@pytest.mark.parametrize("kind", ["error500", "malformed"])
def test_one_refused_rating_lets_the_others_through_once_and_is_parked_with_its_reason(open_service, sim, kind):
    service, poisoned, good = poisoned_and_parked(open_service, sim, kind)
    assert wait_for(lambda: service.counts()["confirmed"] == 3)
    assert sorted(r["idempotency_key"] for r in sim.ratings) == sorted(g.key for g in good)
    # Each good rating went once; the poisoned one max_attempts times, and no more once parked.
    assert settled(sim) == len(good) + MAX_ATTEMPTS
    [parked] = service.parked()
    assert (parked.key, parked.application_no, parked.attempts) == (poisoned.key, poisoned.application_no,
                                                                    MAX_ATTEMPTS)
    assert REASONS[kind] in parked.reason
    assert service.counts() == {"pending": 0, "confirmed": 3, "rejected": 0, "unreadable": 0, "parked": 1}
    summary = read_outbox(service, Path(service.outbox.path).parent)
    assert (summary.unsent, summary.parked) == (0, 1)


def test_a_retried_rating_is_queued_again_and_goes_once_the_fault_is_cleared(open_service, sim, audit):
    service, poisoned, _ = poisoned_and_parked(open_service, sim)
    before = settled(sim)
    assert retry_parked(service, poisoned.key, audit) == poisoned.application_no
    assert service.parked() == [] and service.outbox.get(poisoned.key).state == "pending"
    assert wait_for(lambda: submits(sim) >= before + 2)       # tried again at once, and again after its wait
    # Still refused, but no other rating went through since: it waits, it is not parked again.
    assert service.outbox.get(poisoned.key).state == "pending"
    sim.clear_faults()
    assert wait_for(lambda: service.outbox.get(poisoned.key).state == "confirmed")
    assert [r["idempotency_key"] for r in sim.ratings].count(poisoned.key) == 1
    [entry] = [e for e in audit.entries() if e["action"] == "retry parked rating"]
    assert entry["outcome"] == "ok" and poisoned.application_no in entry["detail"] and "HTTP 500" in entry["detail"]
    assert ZHANG.id_number not in audit.path.read_text("utf-8") and ZHANG.name not in audit.path.read_text("utf-8")


def test_a_discarded_rating_is_gone_for_good_and_audited(open_service, sim, audit):
    service, poisoned, _ = poisoned_and_parked(open_service, sim)
    before = settled(sim)
    assert discard_parked(service, poisoned.key, audit) == poisoned.application_no
    assert service.outbox.get(poisoned.key) is None and service.parked() == []
    sim.clear_faults()
    service.upload_now()
    assert settled(sim) == before                              # never sent again
    [entry] = [e for e in audit.entries() if e["action"] == "discard parked rating"]
    assert entry["outcome"] == "ok" and poisoned.application_no in entry["detail"]
    # Deciding twice (two technicians, a double tap) is refused and audited, not an error page.
    with pytest.raises(LookupError):
        discard_parked(service, poisoned.key, audit)
    assert audit.entries()[-1]["outcome"] == "failed"


def test_a_platform_refusing_every_rating_parks_none(open_service, sim):
    """A 500 on every rating is the platform's trouble, not the ratings': they wait, none is parked,
    and all go once it is over."""
    sim.set_fault("error500", "ratings.submit")
    service = open_service()
    stored = [rate(service, n) for n in sorted(sim.data.applications_by_no)[:3]]
    assert wait_for(lambda: submits(sim) >= 3 * (MAX_ATTEMPTS + 2), timeout=20)
    assert service.parked() == [] and service.counts()["pending"] == 3
    sim.clear_faults()
    assert wait_for(lambda: service.counts()["confirmed"] == 3)
    assert sorted(r["idempotency_key"] for r in sim.ratings) == sorted(s.key for s in stored)


def test_an_unreachable_platform_charges_no_rating_an_attempt(config, sim):
    port = sim.port
    sim.stop()                                   # nothing listens there any more: connection refused
    client = PlatformClient(config.platform, config.terminal.terminal_id,
                            base_url=f"http://127.0.0.1:{port}/kiosk/v1")
    service = open_rating_service(config, client)
    try:
        rate(service, "1506260000010001")
        assert wait_for(lambda: service.uploader.failures >= 3)
        [outgoing] = service.outbox.due()
        assert outgoing.attempts == 0 and service.parked() == []
        assert "connect" in service.outbox.get(outgoing.key).error
    finally:
        service.close()
        client.close()


def test_diagnostics_show_the_parked_rating_by_its_application_number_and_reason(open_service, sim, config):
    service, poisoned, _ = poisoned_and_parked(open_service, sim)
    found = {r.check: r for r in check_storage(DiagContext(config, SimpleNamespace(ratings=service, printer=None)))}
    parked = found["storage.parked_ratings"]
    assert parked.status is Status.WARNING and "重试" in parked.hint and "放弃" in parked.hint
    assert parked.detail.startswith(f"1 parked rating(s): {poisoned.application_no} ×{MAX_ATTEMPTS}: ")
    assert "HTTP 500" in parked.detail and ZHANG.id_number not in parked.detail and ZHANG.name not in parked.detail
    assert found["storage.outbox"].detail == "no unsent ratings"
    # `kiosk diag` beside a stopped kiosk reads only the database file: it still counts them.
    service.close()
    alone = {r.check: r for r in check_storage(DiagContext(config, None))}["storage.parked_ratings"]
    assert (alone.status, alone.detail) == (Status.WARNING, "1 parked rating(s)")
