"""The rating outbox: SQLite in WAL mode with synchronous=FULL, one row per rating.

`add()` returns only after the row's transaction is committed and the WAL fsynced, so a rating
whose thanks screen appeared survives a power cut. Every row carries its idempotency key (uuid4,
made inside that transaction); the uploader sends the same key and the same body however often
it resends, so the platform records it once.

States:   pending -> confirmed (the platform acknowledged the key; the sealed evaluator is erased)
                  -> rejected  (the platform refused it for good: duplicate_rating, unknown 办件 ...)
                  -> unreadable (the sealed evaluator does not open: damaged or another key file)
                  -> parked    (its sends kept failing while others went through; see fail())
          parked  -> pending   (a technician retries it in diagnostics)
                  -> deleted   (a technician discards it in diagnostics)
Confirmed rows are purged after retention_days; rejected and unreadable rows are kept for a
technician (diagnostics counts them), never silently dropped.

Each pending row has its own schedule (next_attempt_s): a row whose send failed waits on its own
while the rows behind it go, so one rating the platform keeps refusing never holds up the others.

Rows keep their evaluator sealed (sealing.py) and only as long as it is needed: a confirmed row
loses it at once, a refused or unreadable one after retention_days. The file is opened through
kiosk/databases.py (0600, WAL, synchronous=FULL, secure_delete, a WAL size limit), so an erased
value is overwritten in the page that held it; `checkpoint()` then folds the WAL into the database
and truncates it, so no older copy of the page stays behind in ratings.db-wal. The uploader calls
it after each batch, not per row: one checkpoint costs a few fsyncs.

A database file SQLite cannot read (not a database, malformed) is renamed
`ratings.db.corrupt-YYYYmmddTHHMMSS` together with its -wal/-shm files, an ERROR is logged naming
it, and a new database is started (kiosk/databases.py).
"""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from ...databases import connect, is_corruption, move_aside, open_database
from ...platform.models import CHINA_TZ
from .domain import Evaluator, Rating, broken_rule, may_rate
from .records import (AlreadyRated, InvalidRating, ParkedRating, PreviousRating, RatingStoreError, RecordedRating,
                      StoredRating)
from .schema import STATES, prepare
from .sealing import SealBroken, Sealer

log = logging.getLogger(__name__)

# Rows that count as "this person rated this 办件": everything but a refusal, except the refusal
# that says the platform has such a rating already.
_COUNTS_AS_RATED = "(state != 'rejected' OR error = 'duplicate_rating')"
WHAT = "ratings database"           # how the log names the file
BUSY_MS = 10_000
CHECKPOINT_BUSY_MS = 1_000          # a reader in the way: try again after the next batch instead


@dataclass(frozen=True)
class Outgoing:
    """A pending row as the uploader needs it; `recorded()` unseals the evaluator for the send."""
    key: str
    application_no: str
    fields: dict
    sealed_evaluator: bytes | None
    attempts: int


class RatingStore:
    def __init__(self, path: Path, sealer: Sealer, *, clock: Callable[[], float] = time.time):
        self.path = Path(path)
        self._sealer = sealer
        self._clock = clock
        self._lock = threading.RLock()
        self.moved_aside: list[Path] = []      # unreadable database files set aside (for diagnostics)
        self._erased = False                   # values erased since the WAL was last truncated
        self._conn = self._open()

    # ---- opening, and what to do with a file SQLite cannot read --------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            conn, aside = open_database(self.path, self._setup, what=WHAT, timeout=BUSY_MS / 1000)
        except (sqlite3.Error, OSError) as exc:
            raise RatingStoreError(f"ratings database {self.path} cannot be opened: {exc}") from exc
        if aside is not None:
            self.moved_aside.append(aside)
        return conn

    def _setup(self, conn: sqlite3.Connection) -> None:
        prepare(conn, self.path.name)
        self._check_key(conn)

    def _check_key(self, conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT value FROM meta WHERE name = 'key_fingerprint'").fetchone()
        if row is None:
            conn.execute("INSERT INTO meta(name, value) VALUES ('key_fingerprint', ?)", (self._sealer.fingerprint,))
        elif row[0] != self._sealer.fingerprint:
            pending = conn.execute("SELECT COUNT(*) FROM ratings WHERE state = 'pending'").fetchone()[0]
            log.error("ratings key file does not match %s: %d pending ratings were sealed under another key "
                      "and will show as unreadable (restore the original ratings.key to upload them)",
                      self.path.name, pending)
            conn.execute("UPDATE meta SET value = ? WHERE name = 'key_fingerprint'", (self._sealer.fingerprint,))

    def _recover(self, error: BaseException) -> None:
        """The open database turned out corrupt while in use: set it aside, start a new one."""
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self.moved_aside.append(move_aside(self.path, error, what=WHAT))
            self._conn = connect(self.path, self._setup, timeout=BUSY_MS / 1000)

    def _guarded(self, action: Callable[[sqlite3.Connection], Any]) -> Any:
        """Runs `action` under the lock; a corrupt database is set aside once and the action retried."""
        for attempt in (1, 2):
            with self._lock:
                try:
                    return action(self._conn)
                except BaseException as exc:
                    if self._conn.in_transaction:
                        try:
                            self._conn.execute("ROLLBACK")
                        except sqlite3.Error:
                            pass
                    if not isinstance(exc, sqlite3.DatabaseError):
                        raise
                    if attempt == 1 and is_corruption(exc):
                        self._recover(exc)
                        continue
                    raise RatingStoreError(f"ratings database {self.path.name}: {exc}") from exc
        raise AssertionError("unreachable")  # pragma: no cover

    # ---- writing a rating ---------------------------------------------------------------------

    def add(self, rating: Rating, *, code: str, channel: str, region_code: str, terminal_id: str,
            options_version: str | None = None, max_ratings: int = 1,
            allowed_reasons: frozenset[str] | None = None) -> StoredRating:
        """Stores one rating durably and returns it with its idempotency key. Raises AlreadyRated
        (一次一评) or RatingStoreError (nothing stored)."""
        problem = broken_rule(rating, allowed_reasons)
        if problem is not None:
            raise InvalidRating(problem)
        token = self._sealer.token(rating.evaluator.id_number)
        sealed = self._sealer.seal(_evaluator_json(rating.evaluator))
        rated_at = datetime.fromtimestamp(self._clock(), CHINA_TZ).replace(microsecond=0)

        def write(conn: sqlite3.Connection) -> StoredRating:
            conn.execute("BEGIN IMMEDIATE")
            rows = conn.execute(
                f"SELECT rating_count, fields, state FROM ratings WHERE application_no = ? AND evaluator_token = ?"
                f" AND {_COUNTS_AS_RATED} ORDER BY rating_count", (rating.application_no, token)).fetchall()
            if not may_rate(len(rows), max_ratings):
                conn.execute("ROLLBACK")
                raise AlreadyRated(_previous(rows[-1]))
            recorded = RecordedRating(
                key=str(uuid.uuid4()), rating=rating, code=code, channel=channel, region_code=region_code,
                terminal_id=terminal_id, rated_at=rated_at, rating_count=1 + max((r[0] for r in rows), default=0),
                options_version=options_version)
            conn.execute(
                "INSERT INTO ratings(key, application_no, evaluator_token, rating_count, fields, evaluator, state,"
                " created_s) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
                (recorded.key, rating.application_no, token, recorded.rating_count,
                 json.dumps(_fields_of(recorded), ensure_ascii=False), sealed, self._clock()))
            conn.execute("COMMIT")   # synchronous=FULL: the WAL is fsynced before this returns
            return StoredRating(key=recorded.key, application_no=rating.application_no, level=rating.level,
                                code=code, rated_at=rated_at, rating_count=recorded.rating_count, state="pending",
                                reason_codes=tuple(rating.reason_codes), item_code=rating.item_code)

        return self._guarded(write)

    def previous(self, application_no: str, id_number: str) -> list[PreviousRating]:
        """This person's earlier ratings of this 办件 that count for 一次一评, oldest first."""
        token = self._sealer.token(id_number)
        rows = self._guarded(lambda conn: conn.execute(
            f"SELECT rating_count, fields, state FROM ratings WHERE application_no = ? AND evaluator_token = ?"
            f" AND {_COUNTS_AS_RATED} ORDER BY rating_count", (application_no, token)).fetchall())
        return [_previous(r) for r in rows]

    # ---- the uploader's side --------------------------------------------------------------------

    def due(self, limit: int = 100) -> list[Outgoing]:
        """Pending rows whose time has come: never-failed ones first (oldest first), then those
        waiting after a failure, in the order their wait ends."""
        rows = self._guarded(lambda conn: conn.execute(
            "SELECT key, application_no, fields, evaluator, attempts FROM ratings WHERE state = 'pending'"
            " AND next_attempt_s <= ? ORDER BY next_attempt_s, created_s LIMIT ?", (self._clock(), limit)).fetchall())
        return [Outgoing(key=r[0], application_no=r[1], fields=json.loads(r[2]), sealed_evaluator=r[3],
                         attempts=r[4]) for r in rows]

    def recorded(self, outgoing: Outgoing) -> RecordedRating:
        """The rating of a pending row, evaluator unsealed, to send (the same on every resend).
        Raises SealBroken."""
        if outgoing.sealed_evaluator is None:
            raise SealBroken("no evaluator stored")
        evaluator = _evaluator_from(self._sealer.open(outgoing.sealed_evaluator))
        return _recorded(outgoing.key, outgoing.fields, evaluator)

    def set_item(self, recorded: RecordedRating) -> None:
        """Keeps the 事项 looked up for a rating typed in offline (before its first send)."""
        self._update("UPDATE ratings SET fields = ? WHERE key = ?",
                     (json.dumps(_fields_of(recorded), ensure_ascii=False), recorded.key))

    def confirm(self, key: str, rating_id: str) -> None:
        """The platform has the rating. The evaluator goes to nobody but the platform: once it has
        it, the terminal forgets it (gone from the disk at the next checkpoint())."""
        self._erasing("UPDATE ratings SET state = 'confirmed', rating_id = ?, confirmed_s = ?, evaluator = NULL,"
                      " error = '' WHERE key = ? AND state = 'pending'", (rating_id, self._clock(), key))

    def reject(self, key: str, code: str) -> None:
        self._update("UPDATE ratings SET state = 'rejected', error = ?, attempts = attempts + 1, settled_s = ?"
                     " WHERE key = ?", (code, self._clock(), key))

    def mark_unreadable(self, key: str, why: str) -> None:
        self._update("UPDATE ratings SET state = 'unreadable', error = ?, settled_s = ? WHERE key = ?",
                     (why, self._clock(), key))

    def note_failure(self, key: str, error: str) -> None:
        """The platform could not be reached for this row: not the row's fault, nothing counted."""
        self._update("UPDATE ratings SET error = ? WHERE key = ?", (error, key))

    def fail(self, key: str, error: str, *, retry_in_s: float, max_attempts: int) -> bool:
        """This row's send failed although the platform answered (5xx, a reply that cannot be
        read): one more attempt counted, the next one in retry_in_s. Returns True when the row is
        parked instead: max_attempts reached AND the platform confirmed another rating since this
        row began failing. Without that evidence (the platform refuses every rating alike) the
        row keeps waiting: an outage of the platform parks nothing."""
        def write(conn: sqlite3.Connection) -> bool:
            now = self._clock()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE ratings SET attempts = attempts + 1, error = ?, next_attempt_s = ?,"
                         " failing_since_s = COALESCE(failing_since_s, ?) WHERE key = ? AND state = 'pending'",
                         (error, now + retry_in_s, now, key))
            parked = conn.execute(
                "UPDATE ratings SET state = 'parked', settled_s = ? WHERE key = ? AND state = 'pending'"
                " AND attempts >= ? AND failing_since_s < (SELECT MAX(confirmed_s) FROM ratings"
                " WHERE state = 'confirmed')", (now, key, max_attempts)).rowcount
            conn.execute("COMMIT")
            return parked > 0

        return self._guarded(write)

    # ---- parked rows, for a technician ------------------------------------------------------------

    def parked(self) -> list[ParkedRating]:
        rows = self._guarded(lambda conn: conn.execute(
            "SELECT key, application_no, attempts, error, settled_s FROM ratings WHERE state = 'parked'"
            " ORDER BY settled_s, created_s").fetchall())
        return [ParkedRating(key=r[0], application_no=r[1], attempts=r[2], reason=r[3], parked_at=r[4])
                for r in rows]

    def retry(self, key: str) -> ParkedRating | None:
        """A parked row goes back to pending with a fresh count, to be sent at once; the row as it
        was parked, or None when no such parked row exists."""
        return self._leave_parking(key, self._update, "UPDATE ratings SET state = 'pending', attempts = 0,"
                                   " next_attempt_s = 0, failing_since_s = NULL, settled_s = NULL, error = ''"
                                   " WHERE key = ? AND state = 'parked'")

    def discard(self, key: str) -> ParkedRating | None:
        """Deletes a parked row (its evaluator overwritten and checkpointed away); the row as it
        was parked, or None when no such parked row exists."""
        gone = self._leave_parking(key, self._erasing, "DELETE FROM ratings WHERE key = ? AND state = 'parked'")
        if gone is not None:
            self.checkpoint()
        return gone

    def _leave_parking(self, key: str, change: Callable[[str, tuple], int], sql: str) -> ParkedRating | None:
        with self._lock:
            found = next((p for p in self.parked() if p.key == key), None)
            if found is not None:
                change(sql, (key,))
            return found

    def purge(self, retention_days: float) -> int:
        """Deletes confirmed rows older than retention_days and erases the evaluator of rows refused
        or unreadable for that long (the row stays for diagnostics and 一次一评), then checkpoints.
        Returns how many rows were deleted or erased."""
        cutoff = self._clock() - retention_days * 86400
        done = self._erasing("DELETE FROM ratings WHERE state = 'confirmed' AND confirmed_s < ?", (cutoff,))
        done += self._erasing("UPDATE ratings SET evaluator = NULL WHERE state IN ('rejected', 'unreadable')"
                              " AND evaluator IS NOT NULL AND settled_s < ?", (cutoff,))
        self.checkpoint()
        return done

    def checkpoint(self) -> bool:
        """Once values were erased: copies the WAL into the database and truncates it, so the old
        copies of their pages leave the disk. False when a reader kept it from finishing (the next
        call tries again)."""
        def truncate(conn: sqlite3.Connection) -> bool:
            conn.execute(f"PRAGMA busy_timeout = {CHECKPOINT_BUSY_MS}")
            try:
                return conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
            finally:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")

        with self._lock:
            if not self._erased:
                return True
            done = self._guarded(truncate)
            self._erased = not done
        if not done:
            log.info("ratings database checkpoint postponed: another reader holds it")
        return done

    def _erasing(self, sql: str, params: tuple) -> int:
        with self._lock:
            changed = self._update(sql, params)
            self._erased = self._erased or changed > 0
            return changed

    def _update(self, sql: str, params: tuple) -> int:
        return self._guarded(lambda conn: conn.execute(sql, params).rowcount)

    # ---- reading ---------------------------------------------------------------------------------

    def get(self, key: str) -> StoredRating | None:
        row = self._guarded(lambda conn: conn.execute(
            "SELECT key, fields, state, rating_id, error FROM ratings WHERE key = ?", (key,)).fetchone())
        if row is None:
            return None
        f = json.loads(row[1])
        return StoredRating(key=row[0], application_no=f["application_no"], level=f["level"], code=f["code"],
                            rated_at=datetime.fromisoformat(f["rated_at"]), rating_count=f["rating_count"],
                            state=row[2], reason_codes=tuple(f["reason_codes"]), item_code=f["item_code"],
                            rating_id=row[3], error=row[4])

    def counts(self) -> dict[str, int]:
        rows = self._guarded(lambda conn: conn.execute(
            "SELECT state, COUNT(*) FROM ratings GROUP BY state").fetchall())
        counts = dict.fromkeys(STATES, 0)
        counts.update({state: n for state, n in rows})
        return counts

    def pending_summary(self) -> tuple[int, float | None]:
        """(pending count, created_s of the oldest pending) for diagnostics."""
        count, oldest = self._guarded(lambda conn: conn.execute(
            "SELECT COUNT(*), MIN(created_s) FROM ratings WHERE state = 'pending'").fetchone())
        return int(count), oldest

    def keys(self, state: str | None = None) -> list[str]:
        sql, params = ("SELECT key FROM ratings", ()) if state is None else \
            ("SELECT key FROM ratings WHERE state = ?", (state,))
        return [r[0] for r in self._guarded(lambda conn: conn.execute(sql, params).fetchall())]

    # ---- the platform's rating options, cached with their version --------------------------------

    def cached_options(self) -> dict | None:
        row = self._guarded(lambda conn: conn.execute("SELECT body FROM rating_options WHERE id = 1").fetchone())
        return json.loads(row[0]) if row else None

    def cache_options(self, body: dict) -> None:
        self._update("INSERT INTO rating_options(id, version, body, fetched_s) VALUES (1, ?, ?, ?)"
                     " ON CONFLICT(id) DO UPDATE SET version = excluded.version, body = excluded.body,"
                     " fetched_s = excluded.fetched_s",
                     (body["version"], json.dumps(body, ensure_ascii=False), self._clock()))

    def close(self) -> None:
        with self._lock:
            try:
                self.checkpoint()
            except RatingStoreError as exc:
                log.warning("ratings database not checkpointed at close: %s", exc)
            self._conn.close()


# The row's `fields` column: the rating and what the terminal fixed when storing it, as JSON,
# with the keys every release has written (rows a terminal still holds from before read back).
def _fields_of(recorded: RecordedRating) -> dict[str, Any]:
    rating = recorded.rating
    return {
        "application_no": rating.application_no, "item_code": rating.item_code,
        "department_code": rating.department_code, "level": rating.level, "code": recorded.code,
        "reason_codes": list(rating.reason_codes), "comment": rating.comment, "channel": recorded.channel,
        "region_code": recorded.region_code, "terminal_id": recorded.terminal_id,
        "rated_at": recorded.rated_at.isoformat(), "rating_count": recorded.rating_count,
        "anonymous": rating.anonymous, "options_version": recorded.options_version,
        "service_name": rating.service_name,
    }


def _recorded(key: str, f: dict[str, Any], evaluator: Evaluator) -> RecordedRating:
    rating = Rating(application_no=f["application_no"], level=f["level"], evaluator=evaluator,
                    item_code=f.get("item_code"), department_code=f.get("department_code"),
                    reason_codes=tuple(f.get("reason_codes", ())), comment=f.get("comment", ""),
                    anonymous=f.get("anonymous", False), service_name=f.get("service_name", ""))
    return RecordedRating(key=key, rating=rating, code=f["code"], channel=f["channel"], region_code=f["region_code"],
                          terminal_id=f["terminal_id"], rated_at=datetime.fromisoformat(f["rated_at"]),
                          rating_count=f["rating_count"], options_version=f.get("options_version"))


# The sealed evaluator: JSON with these keys (the same in every release, so old rows still open).
def _evaluator_json(evaluator: Evaluator) -> bytes:
    who: dict[str, Any] = {"name": evaluator.name, "id_type": evaluator.id_type, "id_number": evaluator.id_number,
                           "user_type": evaluator.user_type}
    if evaluator.mobile:
        who["mobile"] = evaluator.mobile
    return json.dumps(who, ensure_ascii=False).encode()


def _evaluator_from(data: bytes) -> Evaluator:
    who = json.loads(data)
    return Evaluator(name=who["name"], id_number=who["id_number"], id_type=who["id_type"],
                     user_type=who["user_type"], mobile=who.get("mobile"))


def _previous(row: tuple) -> PreviousRating:
    count, fields, state = row
    if state == "rejected":   # duplicate_rating: the platform has one; it did not say when
        return PreviousRating(rated_at=None, rating_count=count, source="platform")
    return PreviousRating(rated_at=datetime.fromisoformat(json.loads(fields)["rated_at"]), rating_count=count,
                          source="terminal")

