"""The print job journal: every job, persistently, so no outcome is ever lost or guessed.

SQLite in WAL mode with synchronous=FULL: a state change is on disk before the next step runs
(the row says "sending" before the first byte leaves). States:

    queued -> sending -> printed
                      -> failed      (refused or not sent: nothing reached the paper)
                      -> uncertain   (the printer went away mid-job, or did not confirm)
    uncertain -> reprinted (a 补打 copy was printed or is itself uncertain) | dismissed

On open, rows left "queued" or "sending" by a crash become "uncertain": the process died
without knowing, so the job is offered as a 补打 reprint, never sent again unmarked.
The stored document is the laid-out one (names already masked); documents of finished jobs are
erased after `retention_days`, at start and again at most once an hour while the kiosk runs.
The file is private (0600) and one SQLite cannot read is moved aside, never a reason not to print
(kiosk/databases.py).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ...databases import open_database
from .document import PrintDocument

PURGE_EVERY_S = 3600.0
STATES = ("queued", "sending", "printed", "failed", "uncertain", "reprinted", "dismissed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS print_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('queued','sending','printed','failed','uncertain','reprinted','dismissed')),
    reason TEXT NOT NULL DEFAULT '',
    reprint_of INTEGER REFERENCES print_jobs(id),
    document TEXT,
    size_bytes INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS print_jobs_state ON print_jobs(state);
"""


@dataclass(frozen=True)
class JournalEntry:
    id: int
    kind: str
    summary: str
    state: str
    reason: str
    reprint_of: int | None
    created_at: float
    updated_at: float
    size_bytes: int

    @property
    def is_reprint(self) -> bool:
        return self.reprint_of is not None


class PrintJournal:
    def __init__(self, path, *, retention_days: float = 7.0, clock=time.time):
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.Lock()
        self.retention_days = retention_days
        self._db, self.moved_aside = open_database(self.path, lambda db: db.executescript(_SCHEMA),
                                                   what="print journal", timeout=5.0)
        self.recovered = self._recover()
        self._purged_at = float("-inf")
        self.purge_if_due()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- writes (each one committed before it returns) -------------------------------------------
    def add(self, document: PrintDocument, *, reprint_of: int | None = None) -> int:
        now = self._clock()
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO print_jobs (kind, summary, state, reprint_of, document, created_at, updated_at)"
                " VALUES (?, ?, 'queued', ?, ?, ?, ?)",
                (document.kind, document.summary, reprint_of, document.to_json(), now, now))
            return int(cur.lastrowid)

    def mark(self, job_id: int, state: str, reason: str = "", size_bytes: int | None = None) -> None:
        if state not in STATES:
            raise ValueError(state)
        with self._lock:
            if size_bytes is None:
                self._db.execute("UPDATE print_jobs SET state=?, reason=?, updated_at=? WHERE id=?",
                                 (state, reason, self._clock(), job_id))
            else:
                self._db.execute("UPDATE print_jobs SET state=?, reason=?, size_bytes=?, updated_at=? WHERE id=?",
                                 (state, reason, size_bytes, self._clock(), job_id))

    def settle_reprint(self, original_id: int, reprint_id: int) -> None:
        """The 补打 copy has left (printed or itself uncertain): the original is no longer offered."""
        with self._lock:
            self._db.execute("UPDATE print_jobs SET state='reprinted', reason=?, updated_at=?"
                             " WHERE id=? AND state='uncertain'", (f"reprint {reprint_id}", self._clock(), original_id))

    # --- reads ------------------------------------------------------------------------------------
    def get(self, job_id: int) -> JournalEntry | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM print_jobs WHERE id=?", (job_id,)).fetchone()
        return _entry(row) if row else None

    def document(self, job_id: int) -> PrintDocument | None:
        with self._lock:
            row = self._db.execute("SELECT document FROM print_jobs WHERE id=?", (job_id,)).fetchone()
        return PrintDocument.from_json(row[0]) if row and row[0] else None

    def uncertain(self) -> list[JournalEntry]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM print_jobs WHERE state='uncertain'"
                                    " AND document IS NOT NULL ORDER BY id").fetchall()
        return [_entry(r) for r in rows]

    def entries(self, limit: int = 50) -> list[JournalEntry]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM print_jobs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [_entry(r) for r in rows]

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT state, COUNT(*) FROM print_jobs GROUP BY state").fetchall()
        return {state: n for state, n in rows}

    # --- housekeeping -------------------------------------------------------------------------------
    def _recover(self) -> list[int]:
        with self._lock:
            ids = [r[0] for r in self._db.execute(
                "SELECT id FROM print_jobs WHERE state IN ('queued','sending') ORDER BY id").fetchall()]
            if ids:
                self._db.execute("UPDATE print_jobs SET state='uncertain',"
                                 " reason='interrupted: the terminal stopped before the outcome was known',"
                                 " updated_at=? WHERE state IN ('queued','sending')", (self._clock(),))
        return ids

    def purge_if_due(self) -> None:
        """Finished jobs keep their row (counts, audit) but not their document; checked after every
        job, done at most once an hour."""
        now = self._clock()
        if now - self._purged_at < PURGE_EVERY_S:
            return
        self._purged_at = now
        cutoff = now - self.retention_days * 86400
        with self._lock:
            self._db.execute("UPDATE print_jobs SET document=NULL WHERE document IS NOT NULL AND updated_at < ?"
                             " AND state IN ('printed','failed','reprinted','dismissed','uncertain')", (cutoff,))


_COLUMNS = "id, kind, summary, state, reason, reprint_of, created_at, updated_at, size_bytes"


def _entry(row) -> JournalEntry:
    return JournalEntry(id=row[0], kind=row[1], summary=row[2], state=row[3], reason=row[4], reprint_of=row[5],
                        created_at=row[6], updated_at=row[7], size_bytes=row[8])
