"""Storage checks: free disk, integrity of every SQLite file in data_dir, the 好差评 outbox and
its parked ratings (given up on by the uploader, waiting for a technician), and the print journal
(jobs whose outcome is unknown, waiting for a 补打)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .context import DiagContext
from .outbox import OutboxSummary, parked_ratings, read_outbox
from .results import CheckResult, Hint, failure, ok, warning

MB = 1024 * 1024
DISK_FAIL_BYTES = 50 * MB       # below this SQLite writes (ratings, journal) start to fail
DISK_WARN_BYTES = 500 * MB
OUTBOX_WARN_AGE_S = 3600.0      # a rating not uploaded within an hour: the upload is stuck
OUTBOX_FAIL_AGE_S = 24 * 3600.0
DB_SUFFIXES = (".db", ".sqlite", ".sqlite3")

HINT_DISK = Hint("free disk space: remove old files under the log and output directories (du -sh var/*)",
                 "diag.hint.storage.disk")
HINT_DB = Hint("stop the kiosk, copy the file aside, and restore it from backup (or delete it to start empty)",
               "diag.hint.storage.database")
HINT_OUTBOX = Hint("ratings are waiting: check the platform checks above; use 'resend now' once it is reachable",
                   "diag.hint.storage.outbox")
HINT_JOURNAL = Hint("print jobs with unknown outcome: reprint or dismiss them from the journal",
                    "diag.hint.storage.journal")
HINT_PARKED = Hint("the platform kept failing on these ratings while others went through: on the diagnostics "
                   "screen, retry each (重试) once the platform's side is fixed, or discard it for good (放弃)",
                   "diag.hint.storage.parked")
PARKED_SHOWN = 5


def check_storage(ctx: DiagContext) -> list[CheckResult]:
    data_dir = Path(ctx.config.storage.data_dir)
    summary = read_outbox(ctx.part("ratings"), data_dir)
    return [_disk(ctx, data_dir), *_databases(ctx, data_dir), _outbox(ctx, summary), _parked(ctx, summary), _journal(ctx)]


def _disk(ctx: DiagContext, data_dir: Path) -> CheckResult:
    try:
        free = ctx.free_space(data_dir)
    except OSError as exc:
        return failure("storage.disk", f"cannot read free space: {exc}", HINT_DISK,
                       key="diag.detail.storage.disk_unreadable", values={"error": str(exc)})
    where = ctx.shown("path", str(data_dir))
    text = f"{free / MB:.0f} MB free at {where}"
    said = {"key": "diag.detail.storage.disk", "values": {"mb": f"{free / MB:.0f}", "path": where}}
    if free < DISK_FAIL_BYTES:
        return failure("storage.disk", text, HINT_DISK, **said)
    if free < DISK_WARN_BYTES:
        return warning("storage.disk", text, HINT_DISK, **said)
    return ok("storage.disk", text, **said)


def database_files(data_dir: Path) -> list[Path]:
    if not data_dir.is_dir():
        return []
    return sorted(p for p in data_dir.iterdir() if p.suffix in DB_SUFFIXES and p.is_file())


def integrity(path: Path, full: bool = False) -> str:
    """"ok" or what SQLite's integrity/quick check found. Read-only: never changes the file."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        rows = db.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
    finally:
        db.close()
    return "; ".join(str(r[0]) for r in rows[:5])


def _databases(ctx: DiagContext, data_dir: Path) -> list[CheckResult]:
    files = database_files(data_dir)
    if not files:
        where = ctx.shown("path", str(data_dir))
        return [ok("storage.database", f"no database files yet in {where}", key="diag.detail.storage.no_databases",
                   values={"path": where})]
    bad = []
    for path in files:
        try:
            found = integrity(path)
        except sqlite3.Error as exc:
            found = str(exc)
        if found != "ok":
            bad.append(f"{path.name}: {found}")
    if bad:
        return [failure("storage.database", "; ".join(bad), HINT_DB, key="diag.detail.storage.databases_bad",
                        values={"problems": "; ".join(bad)})]
    names = ", ".join(p.name for p in files)
    return [ok("storage.database", f"{len(files)} file(s) pass quick_check: {names}",
               key="diag.detail.storage.databases_ok", values={"count": len(files), "names": names})]


def _outbox(ctx: DiagContext, summary: OutboxSummary | None) -> CheckResult:
    if summary is None:
        return ok("storage.outbox", "no rating outbox in this build or not created yet",
                  key="diag.detail.storage.no_outbox")
    if summary.unsent == 0:
        return ok("storage.outbox", "no unsent ratings", key="diag.detail.storage.outbox_empty")
    text = f"{summary.unsent} unsent rating(s)"
    if summary.oldest_created_at is None:
        return warning("storage.outbox", text, HINT_OUTBOX, key="diag.detail.storage.unsent",
                       values={"count": summary.unsent})
    age = max(0.0, ctx.clock() - summary.oldest_created_at)
    text += f", oldest {_age(age)} old"
    said = {"key": "diag.detail.storage.unsent_oldest", "values": {"count": summary.unsent, "age": _age(age)}}
    if age > OUTBOX_FAIL_AGE_S:
        return failure("storage.outbox", text, HINT_OUTBOX, **said)
    if age > OUTBOX_WARN_AGE_S:
        return warning("storage.outbox", text, HINT_OUTBOX, **said)
    return ok("storage.outbox", text, **said)


def _parked(ctx: DiagContext, summary: OutboxSummary | None) -> CheckResult:
    try:
        parked = parked_ratings(ctx.part("ratings"))
    except Exception as exc:   # noqa: BLE001 - a broken store is itself the finding
        return failure("storage.parked_ratings", f"parked ratings unreadable: {exc}", HINT_DB,
                       key="diag.detail.storage.parked_unreadable", values={"error": str(exc)})
    count = len(parked) or (summary.parked if summary is not None else 0)
    if not count:
        return ok("storage.parked_ratings", "no parked ratings", key="diag.detail.storage.parked_none")
    if not parked:      # only the database file was read (kiosk diag beside a stopped kiosk): a count
        return warning("storage.parked_ratings", f"{count} parked rating(s)", HINT_PARKED,
                       key="diag.detail.storage.parked_count", values={"count": count})
    # 办件编号 ×attempts: the last failure, for the first few; the screen lists each with its buttons.
    ratings = "; ".join(f"{p.application_no} ×{p.attempts}: {p.reason}" for p in parked[:PARKED_SHOWN])
    if count > PARKED_SHOWN:
        ratings += "; ..."
    return warning("storage.parked_ratings", f"{count} parked rating(s): {ratings}", HINT_PARKED,
                   key="diag.detail.storage.parked", values={"count": count, "ratings": ratings})


def _journal(ctx: DiagContext) -> CheckResult:
    printer = ctx.part("printer")
    if printer is None:
        return ok("storage.print_journal", "print service not running: journal not read",
                  key="diag.detail.storage.journal_not_read")
    try:
        pending = printer.pending_reprints()
    except Exception as exc:   # noqa: BLE001 - a broken journal is itself the finding
        return failure("storage.print_journal", f"journal unreadable: {exc}", HINT_DB,
                       key="diag.detail.storage.journal_unreadable", values={"error": str(exc)})
    if pending:
        jobs = ", ".join(f"#{e.id} {e.kind}" for e in pending[:5])
        return warning("storage.print_journal", f"{len(pending)} job(s) with unknown outcome: {jobs}", HINT_JOURNAL,
                       key="diag.detail.storage.journal_pending", values={"count": len(pending), "jobs": jobs})
    return ok("storage.print_journal", "no jobs waiting for a reprint", key="diag.detail.storage.journal_empty")


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
