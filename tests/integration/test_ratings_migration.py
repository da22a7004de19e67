"""A terminal updated with ratings in its outbox: a database of schema 1 (the release before
per-row retries) is migrated when the store opens it, every row kept, and its pending ratings
upload as they were stored. Real SQLite files; the platform simulator over HTTP on 127.0.0.1."""
from __future__ import annotations

import json
import sqlite3
import time
import uuid

import pytest

from kiosk.platform.client import PlatformClient
from kiosk.services.ratings import Evaluator, RatingStore, RatingStoreError, open_rating_service
from kiosk.services.ratings.schema import SCHEMA_VERSION
from kiosk.services.ratings.sealing import Sealer, load_or_create_key
from kiosk.sim.platform_sim import start_platform_simulator
from tests.conftest import config_with, wait_for

SECRET = "migration-test-secret"
ZHANG = Evaluator(name="张晓梅", id_number="150626198507064026")
WANG = Evaluator(name="王建国", id_number="150626195803123015")

# Schema 1 exactly as the release before this one created it (kiosk/services/ratings/store.py).
SCHEMA_1 = """
CREATE TABLE IF NOT EXISTS ratings (
    key TEXT PRIMARY KEY,
    application_no TEXT NOT NULL,
    evaluator_token TEXT NOT NULL,
    rating_count INTEGER NOT NULL CHECK (rating_count >= 1),
    fields TEXT NOT NULL,
    evaluator BLOB,
    state TEXT NOT NULL CHECK (state IN ('pending','confirmed','rejected','unreadable')),
    created_s REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    rating_id TEXT,
    confirmed_s REAL
);
CREATE UNIQUE INDEX IF NOT EXISTS ratings_one_per_count
    ON ratings(application_no, evaluator_token, rating_count) WHERE state != 'rejected';
CREATE INDEX IF NOT EXISTS ratings_state ON ratings(state, created_s);
CREATE INDEX IF NOT EXISTS ratings_by_person ON ratings(application_no, evaluator_token);
CREATE TABLE IF NOT EXISTS rating_options (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version TEXT NOT NULL,
    body TEXT NOT NULL,
    fetched_s REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@pytest.fixture
def sim():
    s = start_platform_simulator(SECRET)
    yield s
    s.stop()


@pytest.fixture
def config(default_config):
    return config_with(default_config, platform={"secret": SECRET, "retries": 0, "connect_timeout_s": 0.5,
                                                 "read_timeout_s": 1.0},
                       ratings={"upload_interval_s": 0.1, "upload_backoff_max_s": 0.3})


def fields(number: str, item_code: str, terminal_id: str, level: str = "满意", code: str = "2") -> str:
    return json.dumps({"application_no": number, "item_code": item_code, "department_code": None, "level": level,
                       "code": code, "reason_codes": [], "comment": "", "channel": "5", "region_code": "150626",
                       "terminal_id": terminal_id, "rated_at": "2026-11-25T10:07:00+08:00", "rating_count": 1,
                       "anonymous": False, "options_version": None, "service_name": ""}, ensure_ascii=False)


def schema_1_database(config, sim, user_version: int = 1) -> dict[str, str]:
    """A ratings.db as schema 1 left it on a terminal: two pending ratings (one with many failed
    attempts from an outage), one confirmed, one refused. Returns {role: key}."""
    data = config.storage.data_dir
    data.mkdir(parents=True)
    sealer = Sealer(load_or_create_key(data))
    numbers = sorted(sim.data.applications_by_no)
    terminal = config.terminal.terminal_id
    keys = {role: str(uuid.uuid4()) for role in ("pending", "pending_after_outage", "confirmed", "rejected")}
    now = time.time()

    def sealed(who: Evaluator) -> bytes:
        return sealer.seal(json.dumps({"name": who.name, "id_type": "111", "id_number": who.id_number,
                                       "user_type": 1}, ensure_ascii=False).encode())

    db = sqlite3.connect(data / "ratings.db", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(SCHEMA_1)
    if user_version:
        db.execute(f"PRAGMA user_version={user_version}")
    db.execute("INSERT INTO meta(name, value) VALUES ('key_fingerprint', ?)", (sealer.fingerprint,))
    rows = [
        (keys["pending_after_outage"], numbers[0], ZHANG, "pending", now - 7200, 57, "PlatformUnavailable: connect",
         None, None),
        (keys["pending"], numbers[1], WANG, "pending", now - 60, 0, "", None, None),
        (keys["confirmed"], numbers[2], ZHANG, "confirmed", now - 86400, 0, "", "HCP20261125000001", now - 86000),
        (keys["rejected"], "9999999999", WANG, "rejected", now - 3600, 1, "application_not_found", None, None),
    ]
    for key, number, who, state, created, attempts, error, rating_id, confirmed_s in rows:
        item = sim.data.applications_by_no.get(number, {}).get("item_code", "X")
        db.execute("INSERT INTO ratings(key, application_no, evaluator_token, rating_count, fields, evaluator, state,"
                   " created_s, attempts, error, rating_id, confirmed_s) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (key, number, sealer.token(who.id_number), fields(number, item, terminal),
                    None if state == "confirmed" else sealed(who), state, created, attempts, error, rating_id,
                    confirmed_s))
    db.close()
    return keys


@pytest.mark.parametrize("user_version", [1, 0], ids=["schema-1", "schema-1-version-not-yet-written"])
def test_a_schema_1_database_is_migrated_and_its_pending_ratings_upload(config, sim, user_version):
    keys = schema_1_database(config, sim, user_version)
    client = PlatformClient(config.platform, config.terminal.terminal_id, base_url=sim.base_url)
    service = open_rating_service(config, client)
    try:
        assert wait_for(lambda: service.counts()["confirmed"] == 3)
        assert sorted(r["idempotency_key"] for r in sim.ratings) == sorted([keys["pending"],
                                                                           keys["pending_after_outage"]])
        assert service.counts() == {"pending": 0, "confirmed": 3, "rejected": 1, "unreadable": 0, "parked": 0}
        refused = service.outbox.get(keys["rejected"])
        assert (refused.state, refused.error) == ("rejected", "application_not_found")
        assert service.outbox.get(keys["confirmed"]).rating_id == "HCP20261125000001"
        # 一次一评 still knows who rated what before the update.
        assert service.already_rated(sorted(sim.data.applications_by_no)[2], ZHANG.id_number) is not None
    finally:
        service.close()
        client.close()
    with sqlite3.connect(config.storage.data_dir / "ratings.db") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = {row[1] for row in db.execute("PRAGMA table_info(ratings)")}
        assert {"next_attempt_s", "failing_since_s", "settled_s"} <= columns
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                                                " AND tbl_name = 'ratings' AND sql IS NOT NULL")}
        assert indexes == {"ratings_one_per_count", "ratings_state", "ratings_due", "ratings_by_person"}


def test_the_migration_starts_the_attempt_count_of_pending_rows_afresh(config, sim):
    keys = schema_1_database(config, sim)
    store = RatingStore(config.storage.data_dir / "ratings.db", Sealer(load_or_create_key(config.storage.data_dir)))
    try:
        # Schema 1 charged every outage to the oldest row; the count of its own failures starts now.
        attempts = {o.key: o.attempts for o in store.due()}
        assert attempts == {keys["pending_after_outage"]: 0, keys["pending"]: 0}
    finally:
        store.close()


def test_a_database_of_a_newer_schema_is_refused_with_what_to_do(config, tmp_path):
    path = tmp_path / "ratings.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE ratings (key TEXT PRIMARY KEY)")
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(RatingStoreError) as refused:
        RatingStore(path, Sealer(load_or_create_key(tmp_path)))
    assert f"schema {SCHEMA_VERSION + 1}" in str(refused.value) and "move the file aside" in str(refused.value)
    assert path.exists()          # nothing was changed or moved
