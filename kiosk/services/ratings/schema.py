"""The rating outbox's tables, and bringing a database an earlier release made up to them.

Schema 2 (this release) adds to each row its own upload schedule and the time it settled:
`next_attempt_s` (epoch seconds; 0: at once), `failing_since_s` (the first failed try of the
current run of failures) and `settled_s` (when it was refused, found unreadable or parked), and
the state `parked` (given up on after [ratings] max_attempts; a technician retries or discards it).

A database of schema 1 is migrated in one transaction when the store opens it: every row is kept,
pending rows stay pending with a fresh attempt count (schema 1 counted the terminal's outages on
the oldest row, not that row's own failures). A database of a newer schema is refused, never
downgraded.
"""
from __future__ import annotations

import sqlite3

from .records import RatingStoreError

SCHEMA_VERSION = 2
STATES = ("pending", "confirmed", "rejected", "unreadable", "parked")

_RATINGS = """
CREATE TABLE {name} (
    key TEXT PRIMARY KEY,
    application_no TEXT NOT NULL,
    evaluator_token TEXT NOT NULL,
    rating_count INTEGER NOT NULL CHECK (rating_count >= 1),
    fields TEXT NOT NULL,
    evaluator BLOB,
    state TEXT NOT NULL CHECK (state IN ('pending','confirmed','rejected','unreadable','parked')),
    created_s REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    rating_id TEXT,
    confirmed_s REAL,
    next_attempt_s REAL NOT NULL DEFAULT 0,
    failing_since_s REAL,
    settled_s REAL
)"""

_INDEXES = (
    "CREATE UNIQUE INDEX ratings_one_per_count ON ratings(application_no, evaluator_token, rating_count)"
    " WHERE state != 'rejected'",
    "CREATE INDEX ratings_state ON ratings(state, created_s)",
    "CREATE INDEX ratings_due ON ratings(state, next_attempt_s, created_s)",
    "CREATE INDEX ratings_by_person ON ratings(application_no, evaluator_token)",
)

_OTHERS = (
    "CREATE TABLE IF NOT EXISTS rating_options (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL,"
    " body TEXT NOT NULL, fetched_s REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
)

# Schema 1's columns, in the order schema 2 declares them.
_V1_COLUMNS = ("key, application_no, evaluator_token, rating_count, fields, evaluator, state, created_s, attempts,"
               " error, rating_id, confirmed_s")


def prepare(conn: sqlite3.Connection, name: str) -> None:
    """Creates the tables in a new database or migrates an older one, in one transaction.
    Raises RatingStoreError for a database of a schema this build does not know."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_ratings = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ratings'").fetchone() is not None
        if version == SCHEMA_VERSION:
            conn.execute("ROLLBACK")
            return
        if version > SCHEMA_VERSION:
            raise RatingStoreError(f"ratings database {name} has schema {version}, this build reads up to "
                                   f"{SCHEMA_VERSION}: run the release that made it, or move the file aside")
        if has_ratings:                 # schema 1 (user_version 0: made by 1 but stopped before it was set)
            _migrate_from_1(conn)
        else:
            _create(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _create(conn: sqlite3.Connection) -> None:
    conn.execute(_RATINGS.format(name="ratings"))
    for statement in (*_INDEXES, *_OTHERS):
        conn.execute(statement)


def _migrate_from_1(conn: sqlite3.Connection) -> None:
    # SQLite cannot change a CHECK constraint in place: a new table, the rows copied, the old one dropped.
    conn.execute(_RATINGS.format(name="ratings_2"))
    conn.execute(
        f"INSERT INTO ratings_2 ({_V1_COLUMNS}, next_attempt_s, failing_since_s, settled_s)"
        f" SELECT key, application_no, evaluator_token, rating_count, fields, evaluator, state, created_s,"
        f" CASE WHEN state = 'pending' THEN 0 ELSE attempts END, error, rating_id, confirmed_s, 0, NULL,"
        f" CASE WHEN state IN ('rejected', 'unreadable') THEN created_s END FROM ratings")
    conn.execute("DROP TABLE ratings")
    conn.execute("ALTER TABLE ratings_2 RENAME TO ratings")
    for statement in (*_INDEXES, *_OTHERS):
        conn.execute(statement)
