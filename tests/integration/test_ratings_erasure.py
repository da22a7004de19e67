"""Nothing of an evaluator stays on the terminal's disk once it is no longer needed (issue 11,
item 7): after the platform confirms a rating, the sealed evaluator is gone from ratings.db, its
WAL and its shm, not only from the row's column; a refused rating drops it after the retention.
Real SQLite files, the real uploader, the platform simulator over HTTP on 127.0.0.1."""
from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.platform.client import PlatformClient
from kiosk.services.ratings import Evaluator, Rating, RatingStore
from kiosk.services.ratings.sealing import Sealer, load_or_create_key
from kiosk.services.ratings.uploader import RatingUploader
from kiosk.sim.platform_sim import start_platform_simulator
from tests.conftest import config_with

SECRET = "erasure-test-secret"
ZHANG = Evaluator(name="张晓梅", id_number="150626198507064026", mobile="13912345678")
DAY = 86400.0


@pytest.fixture
def sim():
    s = start_platform_simulator(SECRET)
    yield s
    s.stop()


@pytest.fixture
def client(default_config, sim):
    config = config_with(default_config, platform={"secret": SECRET, "retries": 0, "connect_timeout_s": 0.5,
                                                   "read_timeout_s": 2.0})
    c = PlatformClient(config.platform, config.terminal.terminal_id, base_url=sim.base_url)
    yield c
    c.close()


@pytest.fixture
def now():
    return [1_800_000_000.0]


@pytest.fixture
def store(tmp_path, now):
    s = RatingStore(tmp_path / "ratings.db", Sealer(load_or_create_key(tmp_path)), clock=lambda: now[0])
    yield s
    s.close()


def on_disk(store: RatingStore) -> bytes:
    """Every byte of the database and its companions as they are on disk now (the store still open)."""
    files = [Path(f"{store.path}{suffix}") for suffix in ("", "-wal", "-shm")]
    return b"".join(p.read_bytes() for p in files if p.exists())


def traces(sealed: bytes) -> list[bytes]:
    """Pieces that would give a sealed value away: its nonce with the first ciphertext bytes, and its tag."""
    return [sealed[1:29], sealed[-16:]]


def add(store: RatingStore, application_no: str):
    return store.add(Rating(application_no, "满意", ZHANG, item_code="X"), code="2", channel="5",
                     region_code="150626", terminal_id="SIM-150626-01")


def assert_nothing_personal(raw: bytes) -> None:
    for clear in (ZHANG.id_number, ZHANG.name, ZHANG.mobile):
        assert clear.encode() not in raw


def test_a_confirmed_ratings_sealed_evaluator_is_gone_from_the_database_its_wal_and_shm(store, client, sim):
    uploader = RatingUploader(store, client, interval_s=0.1, backoff_max_s=0.3, retention_days=30)
    for number in sorted(sim.data.applications_by_no)[:5]:
        add(store, number)
    sealed = [o.sealed_evaluator for o in store.due()]
    raw = on_disk(store)
    assert len(sealed) == 5 and all(t in raw for s in sealed for t in traces(s))   # the scan does find them
    assert_nothing_personal(raw)

    assert uploader.drain() == 5
    assert store.counts()["confirmed"] == 5
    raw = on_disk(store)
    left = [t.hex() for s in sealed for t in traces(s) if t in raw]
    assert left == [], f"sealed evaluator bytes still on disk after confirmation: {left}"
    assert_nothing_personal(raw)
    wal = Path(f"{store.path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0          # checkpointed and truncated


def test_a_refused_rating_keeps_its_evaluator_only_for_the_retention(store, client, now):
    uploader = RatingUploader(store, client, interval_s=0.1, backoff_max_s=0.3, retention_days=30)
    refused = add(store, "9999999999")                  # no such 办件: the platform refuses it for good
    [outgoing] = store.due()
    uploader.drain()
    assert store.get(refused.key).state == "rejected"
    assert all(t in on_disk(store) for t in traces(outgoing.sealed_evaluator))   # kept for a technician a while

    now[0] += 29 * DAY
    store.purge(30)
    assert all(t in on_disk(store) for t in traces(outgoing.sealed_evaluator))
    now[0] += 2 * DAY
    store.purge(30)
    raw = on_disk(store)
    assert not any(t in raw for t in traces(outgoing.sealed_evaluator))
    assert_nothing_personal(raw)
    # The row itself stays (diagnostics counts refusals, 一次一评 remembers duplicate_rating).
    assert store.get(refused.key).state == "rejected" and store.get(refused.key).error == "application_not_found"
