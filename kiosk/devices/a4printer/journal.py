"""The A4 job journal: every job, persistently, so no outcome is lost or guessed.

The receipt printer's journal mechanism (kiosk/devices/printer/journal.py) in a second private
SQLite file (kiosk/databases.py: 0600 in a 0700 folder, WAL, synchronous FULL, secure_delete,
moved aside when unreadable). The same states:

    queued -> sending -> printed
                      -> failed      (refused, or not sent: nothing came out)
                      -> uncertain   (the printer went away mid-job, stopped it, or did not finish it)
    uncertain -> reprinted (a 补打 copy was printed or is itself uncertain) | dismissed

One difference: a certificate copy is the holder's certificate in clear, so the PDF is stored
sealed (AES-256-GCM, a key of its own beside the file, 0600) and only while it may still be
needed: it is erased as soon as the job is settled (printed, failed, reprinted, dismissed), and
an uncertain job's copy after `keep_uncertain_h` hours, when its citizen is long gone.
On open, rows left queued or sending by a crash become uncertain (offered as 补打).
"""
from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ...databases import load_or_create_key, open_database
from .document import A4Document

log = logging.getLogger(__name__)

PURGE_EVERY_S = 600.0
STATES = ("queued", "sending", "printed", "failed", "uncertain", "reprinted", "dismissed")
SETTLED = ("printed", "failed", "reprinted", "dismissed")
KEY_BYTES, NONCE_BYTES = 32, 12
SEAL_VERSION = b"\x01"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS a4_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('queued','sending','printed','failed','uncertain','reprinted','dismissed')),
    reason TEXT NOT NULL DEFAULT '',
    reprint_of INTEGER REFERENCES a4_jobs(id),
    reprint INTEGER NOT NULL DEFAULT 0,
    document BLOB,
    pages INTEGER NOT NULL,
    pages_printed INTEGER,
    printer_job_id INTEGER,
    size_bytes INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS a4_jobs_state ON a4_jobs(state);
"""
_COLUMNS = "id, kind, summary, state, reason, reprint_of, pages, pages_printed, printer_job_id, size_bytes, " \
           "created_at, updated_at"


@dataclass(frozen=True)
class A4JournalEntry:
    id: int
    kind: str
    summary: str
    state: str
    reason: str
    reprint_of: int | None
    pages: int
    pages_printed: int | None
    printer_job_id: int | None
    size_bytes: int
    created_at: float
    updated_at: float

    @property
    def is_reprint(self) -> bool:
        return self.reprint_of is not None


class A4Journal:
    def __init__(self, path, *, keep_uncertain_h: float = 24.0, clock=time.time):
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.Lock()
        self.keep_uncertain_s = keep_uncertain_h * 3600
        self._aead = AESGCM(load_or_create_key(self.path.with_suffix(".key"), KEY_BYTES, what="A4 journal key"))
        self._db, self.moved_aside = open_database(self.path, lambda db: db.executescript(_SCHEMA),
                                                   what="A4 print journal", timeout=5.0)
        self.recovered = self._recover()
        self._purged_at = float("-inf")
        self.purge_if_due()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- writes (each committed before it returns) ---------------------------------------------------
    def add(self, document: A4Document, *, reprint_of: int | None = None) -> int:
        now = self._clock()
        sealed = self._seal(document.pdf)
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO a4_jobs (kind, summary, state, reprint_of, reprint, document, pages, size_bytes,"
                " created_at, updated_at) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)",
                (document.kind, document.summary, reprint_of, int(document.reprint), sealed, document.pages,
                 len(document.pdf), now, now))
            return int(cur.lastrowid)

    def mark(self, job_id: int, state: str, reason: str = "", *, pages_printed: int | None = None,
             printer_job_id: int | None = None) -> None:
        if state not in STATES:
            raise ValueError(state)
        erase = state in SETTLED
        with self._lock:
            self._db.execute(
                "UPDATE a4_jobs SET state=?, reason=?, updated_at=?,"
                " pages_printed=COALESCE(?, pages_printed), printer_job_id=COALESCE(?, printer_job_id),"
                " document=CASE WHEN ? THEN NULL ELSE document END WHERE id=?",
                (state, reason[:300], self._clock(), pages_printed, printer_job_id, int(erase), job_id))

    def settle_reprint(self, original_id: int, reprint_id: int) -> None:
        """The 补打 copy has left (printed or itself uncertain): the original is no longer offered."""
        with self._lock:
            self._db.execute("UPDATE a4_jobs SET state='reprinted', reason=?, document=NULL, updated_at=?"
                             " WHERE id=? AND state='uncertain'", (f"reprint {reprint_id}", self._clock(), original_id))

    # --- reads -----------------------------------------------------------------------------------
    def get(self, job_id: int) -> A4JournalEntry | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM a4_jobs WHERE id=?", (job_id,)).fetchone()
        return A4JournalEntry(*row) if row else None

    def document(self, job_id: int) -> A4Document | None:
        """The stored document, or None when it was erased or does not open with this key."""
        with self._lock:
            row = self._db.execute("SELECT kind, summary, document, pages, reprint FROM a4_jobs WHERE id=?",
                                   (job_id,)).fetchone()
        if not row or row[2] is None:
            return None
        pdf = self._open(row[2])
        if pdf is None:
            log.error("A4 journal: the document of job %s does not open with %s; it cannot be reprinted",
                      job_id, self.path.with_suffix(".key").name)
            return None
        return A4Document(row[0], pdf, row[3], row[1], bool(row[4]))

    def uncertain(self) -> list[A4JournalEntry]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM a4_jobs WHERE state='uncertain'"
                                    " AND document IS NOT NULL ORDER BY id").fetchall()
        return [A4JournalEntry(*r) for r in rows]

    def entries(self, limit: int = 50) -> list[A4JournalEntry]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM a4_jobs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [A4JournalEntry(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT state, COUNT(*) FROM a4_jobs GROUP BY state").fetchall()
        return {state: n for state, n in rows}

    def stored_documents(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM a4_jobs WHERE document IS NOT NULL").fetchone()[0]

    # --- housekeeping ------------------------------------------------------------------------------
    def _recover(self) -> list[int]:
        with self._lock:
            ids = [r[0] for r in self._db.execute(
                "SELECT id FROM a4_jobs WHERE state IN ('queued','sending') ORDER BY id").fetchall()]
            if ids:
                self._db.execute("UPDATE a4_jobs SET state='uncertain',"
                                 " reason='interrupted: the terminal stopped before the outcome was known',"
                                 " updated_at=? WHERE state IN ('queued','sending')", (self._clock(),))
        return ids

    def purge_if_due(self) -> None:
        """Uncertain copies older than keep_uncertain_h lose their document (the row stays)."""
        now = self._clock()
        if now - self._purged_at < PURGE_EVERY_S:
            return
        self._purged_at = now
        with self._lock:
            self._db.execute("UPDATE a4_jobs SET document=NULL WHERE document IS NOT NULL AND ("
                             "state IN ('printed','failed','reprinted','dismissed') OR updated_at < ?)",
                             (now - self.keep_uncertain_s,))

    # --- sealing ---------------------------------------------------------------------------------
    def _seal(self, plain: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return SEAL_VERSION + nonce + self._aead.encrypt(nonce, plain, SEAL_VERSION)

    def _open(self, sealed: bytes) -> bytes | None:
        if sealed[:1] != SEAL_VERSION or len(sealed) < 1 + NONCE_BYTES + 16:
            return None
        try:
            return self._aead.decrypt(sealed[1:1 + NONCE_BYTES], sealed[1 + NONCE_BYTES:], SEAL_VERSION)
        except InvalidTag:
            return None
