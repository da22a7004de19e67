"""The rating store and uploader against the platform simulator over real HTTP on 127.0.0.1,
with real SQLite files in tmp_path."""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import sqlite3
import stat
import time
import uuid
from pathlib import Path

import pytest

from kiosk.platform.client import PlatformClient
from kiosk.services.ratings import AlreadyRated, Evaluator, InvalidRating, Rating, RatingStore, open_rating_service
from kiosk.services.ratings.sealing import Sealer, load_or_create_key
from kiosk.sim.platform_sim import start_platform_simulator
from tests.conftest import config_with
from tests.conftest import wait_for

SECRET = "ratings-test-secret"
ZHANG = Evaluator(name="张晓梅", id_number="150626198507064026")
WANG = Evaluator(name="王建国", id_number="150626195803123015")


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


@pytest.fixture
def open_service(config, sim):
    opened = []

    def make(client=True, **ratings):
        cfg = config_with(config, ratings=ratings) if ratings else config
        c = PlatformClient(cfg.platform, cfg.terminal.terminal_id, base_url=sim.base_url) if client else None
        service = open_rating_service(cfg, c)
        opened.append((service, c))
        return service

    yield make
    for service, c in opened:
        service.close()
        if c is not None:
            c.close()




def numbers(sim) -> list[str]:
    return sorted(sim.data.applications_by_no)


def bad_reason(service, level="不满意") -> str:
    return service.options().reasons_for(level)[0].code


def test_a_stored_rating_is_on_disk_with_every_field_and_the_id_number_sealed(open_service, sim, config):
    service = open_service(client=False)
    number = numbers(sim)[0]
    stored = service.store(Rating(number, "满意", ZHANG, item_code="150626020001", department_code="D01"))
    uuid.UUID(stored.key, version=4)
    # Another connection (another process would do the same) sees the committed row.
    db = config.storage.data_dir / "ratings.db"
    with sqlite3.connect(db) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        row = other.execute("SELECT key, application_no, rating_count, state, fields FROM ratings").fetchone()
    assert row[:4] == (stored.key, number, 1, "pending")
    assert '"channel": "5"' in row[4] and '"region_code": "150626"' in row[4] and '"code": "2"' in row[4]
    assert stored.rating_count == 1 and stored.code == "2"
    raw = b"".join(p.read_bytes() for p in db.parent.glob("ratings.db*"))
    assert ZHANG.id_number.encode() not in raw and ZHANG.name.encode() not in raw
    key_file = db.parent / "ratings.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600 and len(key_file.read_bytes()) == 32


def test_upload_sends_every_field_and_confirms_only_on_acknowledgement(open_service, sim, config):
    service = open_service()
    assert wait_for(lambda: service.options() is not None)
    number = numbers(sim)[0]
    stored = service.store(Rating(number, "非常不满意", WANG, item_code="150626020001",
                                  reason_codes=(bad_reason(service, "非常不满意"),)))
    assert wait_for(lambda: service.counts()["confirmed"] == 1)
    [body] = sim.ratings
    assert body["idempotency_key"] == stored.key and body["application_no"] == number
    assert body["level"] == "非常不满意" and body["code"] == "5" and body["channel"] == "5"
    assert body["region_code"] == "150626000" and body["terminal_id"] == config.terminal.terminal_id
    assert re.fullmatch(r"\d{8}T\d{6}", body["rated_at"]) and body["rating_count"] == 1
    assert body["evaluator"]["id_number"] == WANG.id_number and body["options_version"] == service.options().version
    assert service.outbox.get(stored.key).rating_id.startswith("HCP")
    # Confirmed: the terminal no longer keeps the evaluator at all.
    with sqlite3.connect(config.storage.data_dir / "ratings.db") as db:
        assert db.execute("SELECT evaluator FROM ratings").fetchone()[0] is None


def test_codes_follow_the_configured_direction_when_no_options_are_cached(default_config, sim):
    config = config_with(default_config, platform={"satisfaction_codes": "five_is_best"})
    service = open_rating_service(config, None)
    try:
        assert service.options() is None
        assert service.store(Rating(numbers(sim)[0], "非常满意", ZHANG)).code == "5"
    finally:
        service.close()


def test_offline_ratings_wait_with_backoff_and_go_once_the_platform_is_back(open_service, sim):
    service = open_service()
    assert wait_for(lambda: service.options() is not None)
    sim.set_fault("error500", "ratings.submit")
    stored = [service.store(Rating(n, "基本满意", ZHANG, item_code="X")) for n in numbers(sim)[:3]]
    assert wait_for(lambda: sim.request_count("ratings.submit") >= 3)
    assert service.counts()["pending"] == 3 and sim.ratings == []
    unsent, oldest = service.outbox_summary()
    assert unsent == 3 and time.time() - 30 < oldest <= time.time()
    assert wait_for(lambda: service.uploader.failures >= 2)      # two passes with nothing through
    assert service.uploader.next_wait_s() > service.uploader.interval_s
    sim.clear_faults()
    assert wait_for(lambda: service.counts()["confirmed"] == 3)
    assert sorted(r["idempotency_key"] for r in sim.ratings) == sorted(s.key for s in stored)


def test_a_lost_acknowledgement_is_resent_with_the_same_key_and_recorded_once(open_service, sim, config):
    service = open_service(client=False)
    stored = service.store(Rating(numbers(sim)[1], "满意", WANG, item_code="X"))
    # The first send reached the platform but the terminal never saw the answer (power cut).
    client = PlatformClient(config.platform, config.terminal.terminal_id, base_url=sim.base_url)
    first = client.submit_rating(service.uploader.submission(service.outbox.due()[0]))
    assert not first.replayed
    service.close()
    service = open_service()          # the restart
    assert wait_for(lambda: service.counts()["confirmed"] == 1)
    assert len(sim.ratings) == 1 and sim.request_count("ratings.submit") == 2
    assert service.outbox.get(stored.key).rating_id == first.rating_id
    client.close()


def test_a_rating_stored_by_an_earlier_release_uploads_as_it_was_stored(open_service, sim, config):
    """A terminal updated with ratings still pending: the row's columns, its fields JSON and its
    sealed evaluator as every release so far has written them are read and sent unchanged."""
    service = open_service(client=False)          # makes the database and the key file
    service.close()
    number = numbers(sim)[0]
    key = str(uuid.uuid4())
    fields = {"application_no": number, "item_code": sim.data.applications_by_no[number]["item_code"],
              "department_code": None, "level": "不满意", "code": "4", "reason_codes": ["401"], "comment": "等待时间长",
              "channel": "5", "region_code": "150626", "terminal_id": config.terminal.terminal_id,
              "rated_at": "2026-11-25T10:07:00+08:00", "rating_count": 1, "anonymous": False,
              "options_version": "nmg-hcp-2026.1", "service_name": ""}
    who = {"name": ZHANG.name, "id_type": "111", "id_number": ZHANG.id_number, "user_type": 1}
    sealer = Sealer(load_or_create_key(config.storage.data_dir))
    with sqlite3.connect(config.storage.data_dir / "ratings.db") as db:
        db.execute("INSERT INTO ratings(key, application_no, evaluator_token, rating_count, fields, evaluator, state,"
                   " created_s) VALUES (?, ?, ?, 1, ?, ?, 'pending', ?)",
                   (key, number, sealer.token(ZHANG.id_number), json.dumps(fields, ensure_ascii=False),
                    sealer.seal(json.dumps(who, ensure_ascii=False).encode()), time.time()))
    service = open_service()
    assert wait_for(lambda: service.counts()["confirmed"] == 1)
    [body] = sim.ratings
    assert body["idempotency_key"] == key and body["application_no"] == number
    assert (body["level"], body["code"], body["reason_codes"], body["comment"]) == ("不满意", "4", ["401"], "等待时间长")
    assert body["rated_at"] == "20261125T100700" and body["region_code"] == "150626000"
    assert body["evaluator"] == {"name": ZHANG.name, "id_type": "111", "id_number": ZHANG.id_number, "user_type": 1}
    assert body["options_version"] == "nmg-hcp-2026.1" and "department_code" not in body
    assert service.already_rated(number, ZHANG.id_number).rated_at.isoformat() == "2026-11-25T10:07:00+08:00"


def test_pending_ratings_survive_a_restart(open_service, sim):
    service = open_service(client=False)
    keys = {service.store(Rating(n, "满意", ZHANG, item_code="X")).key for n in numbers(sim)[:4]}
    service.close()
    service = open_service()
    assert wait_for(lambda: service.counts()["confirmed"] == 4)
    assert {r["idempotency_key"] for r in sim.ratings} == keys


def test_an_application_number_typed_offline_gets_its_item_code_before_the_first_send(open_service, sim):
    service = open_service(client=False)
    number = numbers(sim)[2]
    service.store(Rating(number, "满意", ZHANG))       # item_code unknown
    service.close()
    service = open_service()
    assert wait_for(lambda: len(sim.ratings) == 1)
    assert sim.ratings[0]["item_code"] == sim.data.applications_by_no[number]["item_code"]


def test_an_unknown_application_is_kept_as_rejected_not_dropped(open_service, sim):
    service = open_service()
    stored = service.store(Rating("9999999999", "满意", ZHANG, item_code="X"))
    assert wait_for(lambda: service.counts()["rejected"] == 1)
    assert service.outbox.get(stored.key).error == "application_not_found"
    assert service.already_rated("9999999999", ZHANG.id_number) is None


def test_one_rating_per_application_per_person(open_service, sim):
    service = open_service(client=False)
    number = numbers(sim)[0]
    first = service.store(Rating(number, "满意", ZHANG, item_code="X"))
    with pytest.raises(AlreadyRated) as refused:
        service.store(Rating(number, "非常满意", ZHANG, item_code="X"))
    assert refused.value.previous.rated_at == first.rated_at
    assert service.already_rated(number, ZHANG.id_number).rated_at == first.rated_at
    # A check character typed as x is the same person as X; another person may rate.
    service.store(Rating(number, "满意", Evaluator(name="李", id_number="15062619900101123X"), item_code="X"))
    assert service.already_rated(number, "15062619900101123x") is not None
    assert service.already_rated(number, WANG.id_number) is None
    assert service.store(Rating(number, "满意", WANG, item_code="X")).rating_count == 1


def test_a_numbered_second_rating_where_the_region_allows_it(open_service, sim):
    service = open_service(max_ratings_per_application=2)
    number = numbers(sim)[0]
    item = sim.data.applications_by_no[number]["item_code"]
    service.store(Rating(number, "基本满意", ZHANG, item_code=item))
    assert service.already_rated(number, ZHANG.id_number) is None
    second = service.store(Rating(number, "满意", ZHANG, item_code=item))
    assert second.rating_count == 2
    assert service.already_rated(number, ZHANG.id_number).rating_count == 2
    with pytest.raises(AlreadyRated):
        service.store(Rating(number, "满意", ZHANG, item_code=item))
    assert wait_for(lambda: len(sim.ratings) == 2)
    assert sorted(r["rating_count"] for r in sim.ratings) == [1, 2]


def test_the_platforms_duplicate_rating_answer_counts_as_already_rated(open_service, sim, config):
    number = numbers(sim)[3]
    # Rated already elsewhere (another terminal, same platform).
    other = open_service(client=False)
    other.store(Rating(number, "满意", ZHANG, item_code="X"))
    elsewhere = other.uploader.submission(other.outbox.due()[0])
    other.close()
    client = PlatformClient(config.platform, "SIM-150626-02", base_url=sim.base_url)
    client.submit_rating(dataclasses.replace(elsewhere, terminal_id="SIM-150626-02"))
    client.close()
    for path in config.storage.data_dir.glob("ratings.*"):
        path.unlink()
    service = open_service()
    stored = service.store(Rating(number, "非常满意", ZHANG, item_code="X"))
    assert wait_for(lambda: service.counts()["rejected"] == 1)
    assert service.outbox.get(stored.key).error == "duplicate_rating"
    previous = service.already_rated(number, ZHANG.id_number)
    assert previous is not None and previous.source == "platform" and previous.rated_at is None


def test_bad_ratings_need_a_published_reason(open_service, sim):
    service = open_service()
    assert wait_for(lambda: service.options() is not None)
    with pytest.raises(InvalidRating):
        service.store(Rating(numbers(sim)[0], "不满意", ZHANG, item_code="X"))
    with pytest.raises(InvalidRating):
        service.store(Rating(numbers(sim)[0], "不满意", ZHANG, item_code="X", reason_codes=("999",)))
    assert service.counts()["pending"] == 0


def test_rating_options_are_cached_and_used_when_offline(open_service, sim, config):
    service = open_service()
    assert wait_for(lambda: service.options() is not None)
    version = service.options().version
    service.close()
    sim.set_fault("error500")
    service = open_service()
    assert service.options() is not None and service.options().version == version
    assert service.refresh_options().version == version
    assert service.options().reasons_for("不满意")


def test_confirmed_ratings_are_purged_after_the_retention(tmp_path):
    now = [1_800_000_000.0]
    store = RatingStore(tmp_path / "ratings.db", Sealer(load_or_create_key(tmp_path)), clock=lambda: now[0])
    try:
        keep = store.add(Rating("1", "满意", ZHANG, item_code="X"), code="2", channel="5", region_code="150626",
                         terminal_id="T")
        old = store.add(Rating("2", "满意", ZHANG, item_code="X"), code="2", channel="5", region_code="150626",
                        terminal_id="T")
        store.confirm(old.key, "HCP1")
        now[0] += 29 * 86400
        assert store.purge(30) == 0
        now[0] += 2 * 86400
        assert store.purge(30) == 1
        assert store.get(old.key) is None and store.get(keep.key).state == "pending"
    finally:
        store.close()


def test_a_corrupt_database_is_moved_aside_logged_and_replaced(config, sim, caplog):
    db = config.storage.data_dir / "ratings.db"
    db.parent.mkdir(parents=True)
    garbage = b"this is not an SQLite database, the disk went bad\n" * 200
    db.write_bytes(garbage)
    caplog.set_level(logging.ERROR, logger="kiosk.services.ratings")
    service = open_rating_service(config, None)
    try:
        [aside] = service.outbox.moved_aside
        assert aside.read_bytes() == garbage and aside.name.startswith("ratings.db.corrupt-")
        assert any("unreadable" in r.getMessage() and aside.name in r.getMessage() for r in caplog.records)
        assert service.store(Rating(numbers(sim)[0], "满意", ZHANG, item_code="X")).rating_count == 1
        assert service.counts()["pending"] == 1
    finally:
        service.close()


def test_a_database_damaged_inside_is_moved_aside_too(config, sim):
    service = open_rating_service(config, None)
    for n in numbers(sim)[:5]:
        service.store(Rating(n, "满意", ZHANG, item_code="X" * 40, comment="备注" * 200))
    service.close()
    db = config.storage.data_dir / "ratings.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 4)):
        data[offset] = 0xA5                  # scribble over b-tree pages, keep the header
    db.write_bytes(bytes(data))
    service = open_rating_service(config, None)
    try:
        assert len(service.outbox.moved_aside) == 1
        assert service.counts() == {"pending": 0, "confirmed": 0, "rejected": 0, "unreadable": 0, "parked": 0}
    finally:
        service.close()


def test_ratings_sealed_under_another_key_are_kept_as_unreadable(open_service, sim, config, caplog):
    service = open_service(client=False)
    stored = service.store(Rating(numbers(sim)[0], "满意", ZHANG, item_code="X"))
    service.close()
    key_file = config.storage.data_dir / "ratings.key"
    key_file.unlink()
    caplog.set_level(logging.ERROR, logger="kiosk.services.ratings")
    service = open_service()
    assert wait_for(lambda: service.counts()["unreadable"] == 1)
    assert sim.ratings == [] and service.outbox.get(stored.key).state == "unreadable"
    assert any("another key" in r.getMessage() for r in caplog.records)


def test_nothing_personal_reaches_the_log(open_service, sim, caplog):
    caplog.set_level(logging.DEBUG)
    service = open_service()
    assert wait_for(lambda: service.options() is not None)
    sim.set_fault("error500", "ratings.submit", times=1)
    service.store(Rating(numbers(sim)[0], "不满意", ZHANG, item_code="X", reason_codes=(bad_reason(service),)))
    assert wait_for(lambda: service.counts()["confirmed"] == 1)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "rating upload failed" in text
    assert ZHANG.id_number not in text and ZHANG.name not in text


def test_key_file_permissions_are_tightened(tmp_path):
    key_file = tmp_path / "ratings.key"
    key_file.write_bytes(os.urandom(32))
    os.chmod(key_file, 0o644)
    assert load_or_create_key(tmp_path) == key_file.read_bytes()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert Path(tmp_path / "ratings.key").exists()
