"""The print job journal on real SQLite files, across a SIGKILL of the process that was printing."""
from __future__ import annotations

from dataclasses import replace

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kiosk.config.printer import PrinterSettings
from kiosk.devices.printer import PrintJournal, PrintService
from kiosk.services.documents import SAMPLES
from kiosk.threads import ManualDelivery
from kiosk.sim.printer_sim import start_virtual_printer

ROOT = Path(__file__).resolve().parents[2]
APPLICATION_NO = "150626-20261125-000123"

CHILD = """
import sys, time
from kiosk.config.printer import PrinterSettings
from kiosk.devices.printer import PrintService
from kiosk.services.documents import SAMPLES
from kiosk.threads import ManualDelivery
db, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
svc = PrintService(PrinterSettings(timeout_s=60, status_timeout_s=0.5, host=host, port=port), db, ManualDelivery())
svc.submit(SAMPLES["receipt"](), print, print)
time.sleep(120)
"""


def _state(db: Path, job_id: int) -> str | None:
    if not db.exists():
        return None
    con = sqlite3.connect(str(db), timeout=1)
    try:
        row = con.execute("SELECT state FROM print_jobs WHERE id=?", (job_id,)).fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        con.close()
    return row[0] if row else None


def _copies(printer) -> tuple[int, int]:
    """(unmarked, marked 补打) slips of the sample application the printer produced."""
    mine = [j for j in printer.jobs if APPLICATION_NO in j.text]
    marked = sum(1 for j in mine if j.lines and j.lines[0] == "【补打】")
    return len(mine) - marked, marked


def _run_reprint(svc: PrintService, job_id: int):
    results = []
    svc.reprint(job_id, results.append, results.append)
    for _ in range(100):
        if svc._deliver.drain(wait=0.1):
            break
    return results[0]


def test_journal_is_wal_with_full_sync(tmp_path):
    j = PrintJournal(tmp_path / "j.db")
    mode = j._db.execute("PRAGMA journal_mode").fetchone()[0]
    sync = j._db.execute("PRAGMA synchronous").fetchone()[0]
    j.close()
    assert mode == "wal" and sync == 2


def test_a_queued_job_left_by_a_crash_becomes_uncertain_on_restart(tmp_path):
    j = PrintJournal(tmp_path / "j.db")
    job_id = j.add(SAMPLES["rating"]())
    j._db.close()  # no clean shutdown
    j2 = PrintJournal(tmp_path / "j.db")
    assert j2.recovered == [job_id]
    assert j2.get(job_id).state == "uncertain"
    assert j2.document(job_id) == SAMPLES["rating"]()
    j2.close()


def test_old_documents_are_erased_but_the_rows_stay(tmp_path):
    now = [1_000_000.0]
    j = PrintJournal(tmp_path / "j.db", clock=lambda: now[0])
    job_id = j.add(SAMPLES["receipt"]())
    j.mark(job_id, "printed")
    j.close()
    now[0] += 8 * 86400
    j2 = PrintJournal(tmp_path / "j.db", clock=lambda: now[0], retention_days=7)
    assert j2.get(job_id).state == "printed" and j2.document(job_id) is None
    j2.close()


def test_job_killed_mid_send_is_offered_as_a_marked_reprint_and_never_printed_twice_unmarked(tmp_path):
    db = tmp_path / "data" / "print_journal.db"
    printer = start_virtual_printer(tmp_path / "slips")
    try:
        printer.set_fault(drain_bytes_per_s=100)  # the receipt takes ~6 s to drain: the child is mid-job
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), printer.host, str(printer.port)],
                                 cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 20
            while _state(db, 1) != "sending":
                assert time.monotonic() < deadline, "the child never started sending"
                assert child.poll() is None, "the child died on its own"
                time.sleep(0.05)
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(10) == -signal.SIGKILL
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        printer.clear_faults()
        assert printer.wait_idle(10)  # the printer has taken in whatever reached it
        before = _copies(printer)
        assert before[1] == 0 and before[0] <= 1

        settings = PrinterSettings(timeout_s=2, status_timeout_s=0.3)
        svc = PrintService(replace(settings, host=printer.host, port=printer.port), db, ManualDelivery())
        try:
            assert svc.journal.recovered == [1]
            assert [e.id for e in svc.pending_reprints()] == [1]
            assert svc.journal.get(1).state == "uncertain"
        finally:
            svc.close()
        assert _copies(printer) == before  # a restart prints nothing by itself

        svc = PrintService(replace(settings, host=printer.host, port=printer.port), db, ManualDelivery())
        try:
            assert svc.journal.recovered == []  # already settled as uncertain
            outcome = _run_reprint(svc, 1)
            assert outcome.reprint and outcome.message_key == "printer.done_reprint"
            assert svc.pending_reprints() == []
            assert svc.journal.get(1).state == "reprinted"
        finally:
            svc.close()

        svc = PrintService(replace(settings, host=printer.host, port=printer.port), db, ManualDelivery())
        try:
            assert svc.pending_reprints() == []
        finally:
            svc.close()
        unmarked, marked = _copies(printer)
        assert marked == 1
        assert unmarked == before[0] <= 1
    finally:
        printer.stop()
