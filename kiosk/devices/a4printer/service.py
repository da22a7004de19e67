"""A4PrintService: the one worker that owns the A4 printer, as PrintService owns the receipt printer.

    service = A4PrintService(config.a4printer, data_dir / "a4_journal.db", deliver)
    job_id = service.submit(document, on_done, on_error, on_progress)   # returns at once; callbacks via deliver
    service.status()                                                   # blocking, for diagnostics
    service.pending_reprints(); service.reprint(job_id, ...); service.dismiss(job_id)
    service.close()

A job: journal "queued" (on the caller's thread, so it is on disk before submit returns) ->
printer state before (paper out, jam, door open, no toner, stopped: refused with a typed error,
nothing sent) -> journal "sending" -> Print-Job (the printer accepts it and names its job-id) ->
the job followed with Get-Job-Attributes and the printer's state until completed, aborted or
canceled, within [a4printer] job_timeout_s -> state after -> "printed"; or "uncertain" when the
printer stopped the job (jam, paper, door, toner for stall_s), aborted it, did not finish it in
time, counted fewer pages than sent, or could not be asked any more. A job given up is cancelled
at the printer, so a certificate copy never comes out later for nobody to take; it waits in
pending_reprints() for a 补打 copy. Nothing is ever retried unmarked.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Callable

from ...threads import Deliver
from . import ipp
from .address import printer_address
from .client import IppClient
from .document import A4Document
from .errors import (A4JobAborted, A4JobRefused, A4JobTimeout, A4PrinterClosed, A4PrinterConfigError,
                     A4PrinterDisconnected, A4PrinterError, A4PrinterTimeout, A4ReprintNotAvailable)
from .journal import A4Journal, A4JournalEntry
from .reprint_stamp import stamp_reprint
from .status import JOB_ATTRIBUTES, PRINTER_ATTRIBUTES, A4PrinterStatus, JobState, job_state, printer_status

log = logging.getLogger(__name__)

PDF_FORMATS = ("application/pdf", "application/octet-stream")


@dataclass(frozen=True)
class A4Progress:
    """Where a job stands, for the progress screen: sending | accepted | printing."""
    job_id: int
    stage: str
    pages: int
    pages_printed: int | None = None


@dataclass(frozen=True)
class A4PrintOutcome:
    job_id: int
    kind: str
    reprint: bool
    pages: int                       # in the document
    pages_printed: int | None        # as the printer counted them; None when it does not count
    size_bytes: int
    printer_job_id: int
    status_after: A4PrinterStatus | None
    accepted_after_s: float          # from submit() to the printer's job-id
    finished_after_s: float          # from submit() to "completed"

    @property
    def message_key(self) -> str:
        return "a4printer.done_reprint" if self.reprint else "a4printer.done"


class A4PrintService:
    def __init__(self, settings, journal_path, deliver: Deliver, *,
                 client_factory: Callable[[], IppClient] | None = None, clock=time.time,
                 monotonic=time.monotonic):
        self.settings = settings
        self.address = printer_address(settings.uri)
        self._deliver = deliver
        self._clock = clock
        self._monotonic = monotonic
        self._client = (client_factory or (lambda: IppClient(self.address, settings.request_timeout_s)))()
        self.journal = A4Journal(journal_path, clock=clock)
        if self.journal.recovered:
            log.warning("A4 jobs %s were interrupted; offered as 补打 reprints", self.journal.recovered)
        self._tasks: queue.Queue = queue.Queue()
        self._reprinting: set[int] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._stopping = threading.Event()
        self.last_status: A4PrinterStatus | None = None
        self._last_status_at = float("-inf")
        self._printing = threading.Event()
        self._thread = threading.Thread(target=self._work, name="a4printer", daemon=True)
        self._thread.start()

    # --- API for the app ------------------------------------------------------------------------
    def submit(self, document: A4Document, on_done: Callable[[A4PrintOutcome], None],
               on_error: Callable[[A4PrinterError], None],
               on_progress: Callable[[A4Progress], None] | None = None) -> int:
        """Queues one document; returns its journal id. on_done(A4PrintOutcome) or on_error(A4PrinterError)."""
        self._check_open()
        job_id = self.journal.add(document)
        self._tasks.put(("print", job_id, document, None, on_done, on_error, on_progress, self._monotonic()))
        return job_id

    def reprint(self, job_id: int, on_done: Callable[[A4PrintOutcome], None],
                on_error: Callable[[A4PrinterError], None], when: str | None = None,
                on_progress: Callable[[A4Progress], None] | None = None) -> int:
        """Prints an uncertain job again, stamped 补打 on every page. Raises A4ReprintNotAvailable at
        once when the job is not waiting for a reprint (or its copy was erased)."""
        self._check_open()
        started = self._monotonic()
        entry = self.journal.get(job_id)
        document = self.journal.document(job_id)
        with self._lock:
            if entry is None or entry.state != "uncertain" or document is None or job_id in self._reprinting:
                raise A4ReprintNotAvailable(f"A4 job {job_id} is not waiting for a reprint")
            self._reprinting.add(job_id)
        try:
            marked = stamp_reprint(document, when or time.strftime("%Y-%m-%d %H:%M", time.localtime(self._clock())))
            new_id = self.journal.add(marked, reprint_of=job_id)
        except Exception:
            self._release(job_id)
            raise
        self._tasks.put(("print", new_id, marked, job_id, on_done, on_error, on_progress, started))
        return new_id

    def pending_reprints(self, max_age_s: float | None = None) -> list[A4JournalEntry]:
        """Jobs whose outcome is unknown, oldest first (without those with a reprint queued). A
        citizen is offered only their own job (the job_id of the error just shown, or jobs younger
        than their session via max_age_s); older ones are for the technician."""
        with self._lock:
            busy = set(self._reprinting)
        cutoff = None if max_age_s is None else self._clock() - max_age_s
        return [e for e in self.journal.uncertain()
                if e.id not in busy and (cutoff is None or e.created_at >= cutoff)]

    def dismiss(self, job_id: int) -> None:
        """The reprint is declined: the job is no longer offered and its copy is erased."""
        entry = self.journal.get(job_id)
        if entry is None or entry.state != "uncertain":
            raise A4ReprintNotAvailable(f"A4 job {job_id} is not waiting for a reprint")
        self.journal.mark(job_id, "dismissed", "reprint declined")

    def status(self, timeout: float | None = None) -> A4PrinterStatus:
        """Blocking state query through the worker (never beside a running job's own queries).
        Raises the typed error (A4PrinterUnreachable, A4PrinterTimeout ...) when it cannot be asked."""
        self._check_open()
        fresh = self._fresh_status()
        if fresh is not None:
            return fresh
        box: dict = {}
        done = threading.Event()
        self._tasks.put(("status", box, done))
        wait = timeout if timeout is not None else self.settings.request_timeout_s * 2 + 5
        if not done.wait(wait):
            raise A4PrinterTimeout("the state query is still waiting behind a print job")
        if "error" in box:
            raise box["error"]
        return box["status"]

    def request_status(self, on_done: Callable[[A4PrinterStatus], None],
                       on_error: Callable[[A4PrinterError], None]) -> None:
        """status() for the UI: runs on the worker, answers via deliver."""
        self._check_open()
        fresh = self._fresh_status()
        if fresh is not None:
            self._deliver(lambda: on_done(fresh))
            return
        self._tasks.put(("status_cb", on_done, on_error))

    def close(self, timeout: float = 5.0) -> None:
        """Stops the worker; a job being followed is left uncertain (offered as 补打 at the next
        start), queued jobs fail with A4PrinterClosed."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._stopping.set()
        self._tasks.put(("stop",))
        self._thread.join(timeout)
        if not self._thread.is_alive():
            self._client.close()
            self.journal.close()

    # --- worker --------------------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise A4PrinterClosed("the A4 print service is closed")

    def _work(self) -> None:
        while True:
            task = self._tasks.get()
            kind = task[0]
            if kind == "stop":
                self._drain_after_stop()
                return
            if kind == "print" and self._stopping.is_set():
                self._refuse_after_stop(task)
                continue
            try:
                if kind == "print":
                    self._printing.set()
                    try:
                        self._print(*task[1:])
                    finally:
                        self._printing.clear()
                    self.journal.purge_if_due()
                elif kind == "status":
                    _k, box, done = task
                    try:
                        box["status"] = self._read_status()
                    except A4PrinterError as e:
                        box["error"] = e
                    done.set()
                elif kind == "status_cb":
                    _k, on_done, on_error = task
                    try:
                        st = self._read_status()
                    except A4PrinterError as e:
                        self._deliver(lambda e=e: on_error(e))
                    else:
                        self._deliver(lambda st=st: on_done(st))
            except Exception:  # noqa: BLE001 - the worker must survive anything
                log.exception("A4 printer worker: unexpected failure")

    def _drain_after_stop(self) -> None:
        while True:
            try:
                task = self._tasks.get_nowait()
            except queue.Empty:
                return
            if task[0] == "print":
                self._refuse_after_stop(task)
            elif task[0] == "status":
                task[1]["error"] = A4PrinterClosed("closed")
                task[2].set()

    def _refuse_after_stop(self, task: tuple) -> None:
        _k, job_id, _doc, original, _done, on_error, _progress, _started = task
        self.journal.mark(job_id, "failed", "service closed before sending")
        err = A4PrinterClosed("the A4 print service closed before this job was sent")
        err.job_id = job_id
        self._release(original)
        self._deliver(lambda e=err: on_error(e))

    def _fresh_status(self) -> A4PrinterStatus | None:
        """While a job is followed the worker reads the printer's state at every poll; a question
        then gets that answer at once instead of waiting behind the job (or timing out, which
        would take a printing printer out of order)."""
        if not self._printing.is_set():
            return None
        age = self._monotonic() - self._last_status_at
        return self.last_status if age <= max(5.0, 4 * self.settings.poll_interval_s) else None

    def _read_status(self) -> A4PrinterStatus:
        status = printer_status(self._client.get_printer_attributes(PRINTER_ATTRIBUTES))
        self.last_status, self._last_status_at = status, self._monotonic()
        return status

    def _release(self, original: int | None) -> None:
        if original is not None:
            with self._lock:
                self._reprinting.discard(original)

    def _print(self, job_id: int, document: A4Document, original: int | None, on_done: Callable,
               on_error: Callable, on_progress: Callable | None, started: float) -> None:
        s = self.settings

        def progress(stage: str, printed: int | None = None) -> None:
            if on_progress is not None:
                p = A4Progress(job_id, stage, document.pages, printed)
                self._deliver(lambda: on_progress(p))

        def fail(err: A4PrinterError, state: str, **journal) -> None:
            err.job_id = job_id
            err.reprint_offered = state == "uncertain"
            err.nothing_printed = state == "failed"
            self.journal.mark(job_id, state, f"{type(err).__name__}: {err.detail}", **journal)
            if original is not None and state == "uncertain":
                self.journal.settle_reprint(original, job_id)
            self._release(original)
            log.warning("A4 job %s %s: %s: %s", job_id, state, type(err).__name__, err.detail)
            self._deliver(lambda: on_error(err))

        # 1. the printer's state before: refused jobs send nothing
        try:
            before = self._read_status()
        except A4PrinterError as err:
            fail(err, "failed")
            return
        refusal = before.refusal()
        if refusal is not None:
            refusal.status = before
            fail(refusal, "failed")
            return
        if before.formats and not any(f in before.formats for f in PDF_FORMATS):
            fail(A4PrinterConfigError(f"the printer takes {', '.join(before.formats)}, not PDF"), "failed")
            return

        # 2. the job, once
        self.journal.mark(job_id, "sending")
        progress("sending")
        try:
            printer_job = self._client.print_job(document.pdf, job_name=f"kiosk-{document.kind}-{job_id}",
                                                 media=s.media)
        except A4PrinterError as err:
            certain = isinstance(err, (A4JobRefused, A4PrinterConfigError)) or not getattr(err, "request_sent", True)
            fail(err, "failed" if certain else "uncertain")
            return
        accepted_after = self._monotonic() - started
        self.journal.mark(job_id, "sending", "accepted", printer_job_id=printer_job)
        progress("accepted")

        # 3. followed to its end
        final, error = self._follow(printer_job, document, progress)
        if error is not None:
            error.pages_printed = final.pages_printed if final is not None else None
            fail(error, "uncertain", pages_printed=error.pages_printed, printer_job_id=printer_job)
            return
        assert final is not None
        printed = final.pages_printed
        if final.state != ipp.JOB_COMPLETED:
            err = A4JobAborted(f"job {printer_job} {final.name}"
                               + (f": {', '.join(final.reasons)}" if final.reasons else "")
                               + (f" ({final.message})" if final.message else ""))
            err.pages_printed = printed
            fail(err, "uncertain", pages_printed=printed, printer_job_id=printer_job)
            return
        if printed is not None and printed < document.pages:
            err = A4JobAborted(f"job {printer_job} completed with {printed} of {document.pages} pages counted")
            err.pages_printed = printed
            fail(err, "uncertain", pages_printed=printed, printer_job_id=printer_job)
            return

        # 4. the state after: a warning (toner low) is for the technician, the job is done
        try:
            after = self._read_status()
        except A4PrinterError as err:
            log.info("A4 printer state after job %s not read: %s", job_id, err.detail)
            after = None
        self.journal.mark(job_id, "printed", "completed", pages_printed=printed, printer_job_id=printer_job)
        if original is not None:
            self.journal.settle_reprint(original, job_id)
        self._release(original)
        outcome = A4PrintOutcome(job_id, document.kind, document.reprint, document.pages, printed, len(document.pdf),
                                 printer_job, after, accepted_after, self._monotonic() - started)
        self._deliver(lambda: on_done(outcome))

    def _follow(self, printer_job: int, document: A4Document,
                progress: Callable[[str, int | None], None]) -> tuple[JobState | None, A4PrinterError | None]:
        """(the job's last state, None) once it ended; (last state or None, error) when given up,
        after cancelling it at the printer."""
        s = self.settings
        deadline = self._monotonic() + s.job_timeout_s
        stalled_since: float | None = None
        silent_since: float | None = None
        last: JobState | None = None
        shown: int | None = None
        while True:
            if self._stopping.wait(s.poll_interval_s):
                return last, A4PrinterClosed("the kiosk stopped while the job was printing")
            now = self._monotonic()
            try:
                last = job_state(self._client.get_job_attributes(printer_job, JOB_ATTRIBUTES), printer_job)
                silent_since = None
            except A4PrinterError as err:
                silent_since = silent_since or now
                if now - silent_since >= s.stall_s or now >= deadline:
                    return last, _uncertain(A4PrinterDisconnected, f"the printer stopped answering about job "
                                                                  f"{printer_job}: {err.detail}")
                continue
            if last.ended:
                return last, None
            if last.pages_printed != shown and last.pages_printed is not None:
                shown = last.pages_printed
                progress("printing", shown)
            try:
                status = self._read_status()
            except A4PrinterError:
                status = None
            refusal = status.refusal() if status is not None else None
            stopped_job = last.state == ipp.JOB_STOPPED
            if refusal is not None or stopped_job:
                stalled_since = stalled_since or now
                if now - stalled_since >= s.stall_s:
                    self._cancel(printer_job)
                    if refusal is None:
                        refusal = A4JobAborted(f"job {printer_job} processing-stopped"
                                               + (f": {', '.join(last.reasons)}" if last.reasons else ""))
                    refusal.status = status
                    refusal.nothing_printed = False
                    refusal.detail = f"job {printer_job} stopped for {s.stall_s:g} s: {refusal.detail}"
                    refusal.args = (refusal.detail,)
                    return last, refusal
            else:
                stalled_since = None
            if now >= deadline:
                self._cancel(printer_job)
                return last, A4JobTimeout(f"job {printer_job} still {last.name} after {s.job_timeout_s:g} s")

    def _cancel(self, printer_job: int) -> None:
        try:
            reply = self._client.cancel_job(printer_job)
            log.info("A4 job %s cancelled at the printer: %s", printer_job, reply.status_name)
        except A4PrinterError as err:
            log.warning("A4 job %s could not be cancelled at the printer: %s", printer_job, err.detail)


def _uncertain(cls: type[A4PrinterError], detail: str) -> A4PrinterError:
    return cls(detail, nothing_printed=False)
