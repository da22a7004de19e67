"""The files that hold records are private and a corrupt one never stops the printer (issue 11,
items 8 and 9): databases 0600 in 0700 folders whatever the umask, the print journal purged while
the kiosk runs, an unreadable print_journal.db moved aside with one ERROR line."""
from __future__ import annotations

import logging
import os
import stat

import pytest

from kiosk.databases import open_database
from kiosk.devices.printer import PrintJournal
from kiosk.devices.printer.document import PrintDocument
from kiosk.services.documents import SAMPLES


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0o022)   # what a careless service file gives
    yield
    os.umask(old)


def test_the_print_journal_and_its_wal_are_private_whatever_the_umask(tmp_path, open_umask):
    folder = tmp_path / "data"
    journal = PrintJournal(folder / "print_journal.db")
    journal.add(SAMPLES["receipt"]())
    try:
        assert mode(folder) == 0o700
        assert mode(folder / "print_journal.db") == 0o600
        assert mode(f"{folder}/print_journal.db-wal") == 0o600
    finally:
        journal.close()


def test_an_existing_open_database_is_tightened(tmp_path, open_umask):
    path = tmp_path / "old.db"
    path.write_bytes(b"")
    os.chmod(path, 0o644)
    conn, moved = open_database(path, lambda db: None, what="test database")
    conn.close()
    assert moved is None and mode(path) == 0o600


def test_finished_jobs_lose_their_document_while_running_not_only_at_start(tmp_path):
    now = [1_000_000.0]
    journal = PrintJournal(tmp_path / "j.db", clock=lambda: now[0], retention_days=1)
    job = journal.add(SAMPLES["receipt"]())
    journal.mark(job, "printed")
    now[0] += 2 * 86400          # two days later, the same process still runs
    journal.purge_if_due()
    try:
        assert journal.document(job) is None and journal.get(job).state == "printed"
    finally:
        journal.close()


def test_purging_runs_at_most_once_an_hour(tmp_path):
    t0, now = 1_000_000.0, [1_000_000.0]
    journal = PrintJournal(tmp_path / "j.db", clock=lambda: now[0], retention_days=1)   # purged at t0
    first = journal.add(SAMPLES["receipt"]())
    journal.mark(first, "printed")
    now[0] = t0 + 1800
    second = journal.add(SAMPLES["receipt"]())
    journal.mark(second, "printed")
    try:
        now[0] = t0 + 86400 + 600
        journal.purge_if_due()                       # an hour since the last: the first goes
        assert journal.document(first) is None and journal.document(second) is not None
        now[0] = t0 + 86400 + 2400                   # the second is now past retention too,
        journal.purge_if_due()                       # but the last purge was 30 minutes ago
        assert journal.document(second) is not None
        now[0] = t0 + 86400 + 600 + 3600
        journal.purge_if_due()
        assert journal.document(second) is None
    finally:
        journal.close()


def test_a_corrupt_print_journal_is_moved_aside_and_printing_goes_on(tmp_path, caplog):
    path = tmp_path / "print_journal.db"
    path.write_bytes(b"this is not a database, a disk error left it like this" * 100)
    with caplog.at_level(logging.ERROR):
        journal = PrintJournal(path)
    try:
        assert journal.moved_aside is not None and journal.moved_aside.exists()
        assert journal.moved_aside.read_bytes().startswith(b"this is not a database")
        errors = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert len(errors) == 1 and "print journal" in errors[0].getMessage()
        assert ".recover" in errors[0].getMessage()
        job = journal.add(SAMPLES["certificate"]())
        assert journal.get(job).state == "queued"
    finally:
        journal.close()
