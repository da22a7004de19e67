"""The 好差评 outbox as diagnostics sees it: how many ratings are not yet uploaded, how old
the oldest is, and how many were parked (given up on, waiting for a technician). The ratings
service is built separately (kiosk.services.ratings); this reads it through the smallest surface
that tolerates it not being there (yet):

1. the SQLite file data_dir/ratings.db, read-only: table `ratings`, rows in state 'pending'
   with `created_s` (epoch seconds) — the count and the oldest one's age — and rows 'parked';
2. otherwise the running service in parts.ratings: `outbox_summary()` (count, oldest epoch s),
   or `unsent()` / `unsent_count()` (count only).
Anything missing gives `None` (not known), never an exception.

A technician's decisions about parked ratings (retry, discard) go through `retry_parked` and
`discard_parked`, each written to the audit log with the 办件编号 and the reason, never the person.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

RATINGS_DB = "ratings.db"


@dataclass(frozen=True)
class OutboxSummary:
    unsent: int
    oldest_created_at: float | None   # epoch seconds
    source: str                       # "service" | "database"
    parked: int = 0                   # given up on by the uploader, waiting for a technician


def read_outbox(ratings: Any, data_dir: Path) -> OutboxSummary | None:
    summary = _from_database(Path(data_dir) / RATINGS_DB)
    if summary is not None:
        return summary
    return _from_service(ratings)


def _from_service(ratings: Any) -> OutboxSummary | None:
    if ratings is None:
        return None
    try:
        if callable(getattr(ratings, "outbox_summary", None)):
            s = ratings.outbox_summary()
            if isinstance(s, tuple):
                count, oldest = s[0], s[1]
            else:
                count = getattr(s, "unsent", getattr(s, "count", 0))
                oldest = getattr(s, "oldest_created_at", getattr(s, "oldest", None))
            parked = ratings.parked() if callable(getattr(ratings, "parked", None)) else ()
            return OutboxSummary(int(count), _epoch(oldest), "service", len(parked))
        for name in ("unsent", "unsent_count"):
            if callable(getattr(ratings, name, None)):
                return OutboxSummary(int(getattr(ratings, name)()), None, "service")
    except Exception:   # noqa: BLE001 - a failing service is "not known" here, the storage check says so
        return None
    return None


def _from_database(path: Path) -> OutboxSummary | None:
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        for query in ("SELECT COUNT(*), MIN(created_s) FROM ratings WHERE state = 'pending'",
                      "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL"):
            try:
                count, oldest = db.execute(query).fetchone()
            except sqlite3.Error:   # no such table or column (another schema, or not created yet)
                continue
            return OutboxSummary(int(count), _epoch(oldest), "database", _parked_in(db))
        return None
    finally:
        db.close()


def _parked_in(db: sqlite3.Connection) -> int:
    try:
        return int(db.execute("SELECT COUNT(*) FROM ratings WHERE state = 'parked'").fetchone()[0])
    except sqlite3.Error:   # another schema
        return 0


def _epoch(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return datetime.fromisoformat(str(value)).timestamp()
    except ValueError:
        return None


@dataclass(frozen=True)
class Resent:
    """Unsent ratings before and after a resend (None: not known). str(): the English for the
    audit log; the screen says the counts in the chosen language (diag.resend.counts)."""
    before: int | None = None
    after: int | None = None

    def __str__(self) -> str:
        return "" if self.before is None else f"{self.before} unsent before, {self.after} after"


def resend_now(ratings: Any, wait_s: float = 10.0, poll_s: float = 0.25,
               sleep: Callable[[float], None] = time.sleep,
               monotonic: Callable[[], float] = time.monotonic) -> Resent:
    """Asks the ratings service to upload its outbox at once and waits (up to wait_s, on the
    caller's worker thread) until it is empty; returns the counts before and after. Raises
    LookupError when this build's ratings service is not running or cannot upload on demand."""
    action = next((getattr(ratings, name) for name in ("upload_now", "resend_now", "flush")
                   if callable(getattr(ratings, name, None))), None)
    if action is None:
        raise LookupError("the ratings service is not running or cannot upload on demand")
    before = _count(ratings)
    action()
    if before is None:
        return Resent()
    after, deadline = before, monotonic() + wait_s
    while after and monotonic() < deadline:
        sleep(poll_s)
        after = _count(ratings)
    return Resent(before, after)


def _count(ratings: Any) -> int | None:
    summary = _from_service(ratings)
    return None if summary is None else summary.unsent


def parked_ratings(ratings: Any) -> list:
    """The parked ratings of a running ratings service (ParkedRating: key, application_no,
    attempts, reason, parked_at), or [] when there is no service or it cannot say."""
    if ratings is None or not callable(getattr(ratings, "parked", None)):
        return []
    return list(ratings.parked())


def retry_parked(ratings: Any, key: str, audit: Any) -> str:
    """Queues a parked rating again (the uploader sends it at once) and audits it; returns the
    办件编号. Raises LookupError when it is not parked (any more) or there is no ratings service."""
    return _decide(ratings, key, audit, "retry_parked", "retry parked rating")


def discard_parked(ratings: Any, key: str, audit: Any) -> str:
    """Deletes a parked rating for good and audits it; returns the 办件编号. Raises LookupError
    when it is not parked (any more) or there is no ratings service."""
    return _decide(ratings, key, audit, "discard_parked", "discard parked rating")


def _decide(ratings: Any, key: str, audit: Any, method: str, action: str) -> str:
    act = getattr(ratings, method, None)
    if not callable(act):
        audit.record(action, "failed", f"rating {key}: the ratings service is not running")
        raise LookupError("the ratings service is not running")
    try:
        found = act(key)
    except Exception as exc:
        audit.record(action, "failed", f"rating {key}: {type(exc).__name__}: {exc}")
        raise
    if found is None:
        audit.record(action, "failed", f"rating {key}: not parked (any more)")
        raise LookupError("this rating is not parked any more")
    audit.record(action, "ok", f"rating {key}, 办件 {found.application_no}, {found.attempts} attempt(s): "
                               f"{found.reason}")
    return found.application_no
