"""PrintService: the one worker that owns the printer.

    service = PrintService(config.printer, data_dir / "print_journal.db", deliver)
    job_id = service.submit(document, on_done, on_error, on_progress)   # returns at once; callbacks via deliver
    service.status()                                            # blocking, for diagnostics
    service.pending_reprints(); service.reprint(job_id, on_done, on_error); service.dismiss(job_id)
    service.close()

A job: journal "queued" (on the caller's thread, so it is on disk before submit returns) ->
connect -> status before (paper out, cover open ... refuse with a typed error, nothing sent) ->
journal "sending" -> the whole job in one write -> status after -> "printed"; or "uncertain" when
the link broke or the printer did not confirm, in which case the error says `reprint_offered` and
the job waits in pending_reprints() for a 补打 copy. Nothing is ever retried unmarked.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Callable

from ...counters import count_print_job
from ...threads import Deliver
from .document import PrintDocument
from .encoder import EncoderOptions, EscPosEncoder
from .errors import PrinterClosed, PrinterError, PrinterNotResponding, PrinterTimeout, ReprintNotAvailable
from .journal import JournalEntry, PrintJournal
from .profile import PrinterProfile
from .status import Condition, PrinterStatus
from .transport import build_transport

log = logging.getLogger(__name__)

OK_AFTER = (Condition.READY, Condition.PAPER_NEAR_END, Condition.NOT_SUPPORTED)


# The stages of a job an on_progress callback hears, in order, with the share of the job done
# when each begins (for a progress bar): the printer asked whether it can print, the job's bytes
# sent, the printer's confirmation awaited. A job refused before sending stops after the first.
CHECKING, SENDING, CONFIRMING = "checking", "sending", "confirming"
STAGE_SHARE = {CHECKING: 0.1, SENDING: 0.35, CONFIRMING: 0.7}


@dataclass(frozen=True)
class PrintProgress:
    job_id: int
    stage: str              # CHECKING | SENDING | CONFIRMING
    size_bytes: int         # the job's size once encoded

    @property
    def share(self) -> float:
        return STAGE_SHARE[self.stage]

    @property
    def message_key(self) -> str:
        return f"printer.stage.{self.stage}"


@dataclass(frozen=True)
class PrintOutcome:
    job_id: int
    kind: str
    reprint: bool
    size_bytes: int
    status_after: PrinterStatus

    @property
    def message_key(self) -> str:
        if self.status_after.condition is Condition.PAPER_NEAR_END:
            return "printer.done_paper_near_end"
        return "printer.done_reprint" if self.reprint else "printer.done"


def _print_encoder_options(settings) -> EncoderOptions:
    return EncoderOptions(encoding=settings.encoding, chinese_mode=getattr(settings, "chinese_mode", True))


class PrintService:
    def __init__(self, settings, journal_path, deliver: Deliver, *,
                 transport_factory: Callable[[], object] | None = None,
                 profile: PrinterProfile | None = None, clock=time.time):
        self.settings = settings
        self.profile = profile or PrinterProfile.from_settings(settings)
        self.encoder = EscPosEncoder(self.profile, _print_encoder_options(settings))
        self._deliver = deliver
        self._clock = clock
        self._factory = transport_factory or (lambda: build_transport(settings))
        self._transport = None
        self.journal = PrintJournal(journal_path, clock=clock)
        if self.journal.recovered:
            log.warning("print jobs %s were interrupted; offered as 补打 reprints", self.journal.recovered)
        self._tasks: queue.Queue = queue.Queue()
        self._reprinting: set[int] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._work, name="printer", daemon=True)
        self._thread.start()

    # --- API for the app ------------------------------------------------------------------------
    def submit(self, document: PrintDocument, on_done: Callable[[PrintOutcome], None],
               on_error: Callable[[PrinterError], None],
               on_progress: Callable[[PrintProgress], None] | None = None) -> int:
        """Queues one document; returns its journal id. on_done(PrintOutcome) or on_error(PrinterError);
        on_progress(PrintProgress) at each stage before that, when given."""
        self._check_open()
        job_id = self.journal.add(document)
        self._tasks.put(("print", job_id, document, None, on_done, on_error, on_progress))
        return job_id

    def reprint(self, job_id: int, on_done: Callable[[PrintOutcome], None],
                on_error: Callable[[PrinterError], None], when: str | None = None,
                on_progress: Callable[[PrintProgress], None] | None = None) -> int:
        """Prints an uncertain job again, marked 补打. Raises ReprintNotAvailable at once if the job
        is not waiting for a reprint (already reprinted, dismissed, printed, or a reprint is queued)."""
        self._check_open()
        entry = self.journal.get(job_id)
        document = self.journal.document(job_id)
        with self._lock:
            if entry is None or entry.state != "uncertain" or document is None or job_id in self._reprinting:
                raise ReprintNotAvailable(f"job {job_id} is not waiting for a reprint")
            self._reprinting.add(job_id)
        marked = document.marked_reprint(when or time.strftime("%Y-%m-%d %H:%M", time.localtime(self._clock())))
        new_id = self.journal.add(marked, reprint_of=job_id)
        self._tasks.put(("print", new_id, marked, job_id, on_done, on_error, on_progress))
        return new_id

    def pending_reprints(self, max_age_s: float | None = None) -> list[JournalEntry]:
        """Jobs whose outcome is unknown, oldest first (excluding those with a reprint queued).

        A citizen should only be offered their own job (the job_id of the error they just saw, or
        jobs younger than their session via max_age_s); older ones are for the technician."""
        with self._lock:
            busy = set(self._reprinting)
        cutoff = None if max_age_s is None else self._clock() - max_age_s
        return [e for e in self.journal.uncertain()
                if e.id not in busy and (cutoff is None or e.created_at >= cutoff)]

    def dismiss(self, job_id: int) -> None:
        """The citizen or technician declines the reprint: the job is no longer offered."""
        entry = self.journal.get(job_id)
        if entry is None or entry.state != "uncertain":
            raise ReprintNotAvailable(f"job {job_id} is not waiting for a reprint")
        self.journal.mark(job_id, "dismissed", "reprint declined")

    def status(self, timeout: float | None = None) -> PrinterStatus:
        """Blocking status query through the worker (never beside a running job). Raises the typed
        transport error (PrinterUnreachable, PrinterTimeout ...) when the printer cannot be reached."""
        self._check_open()
        box: dict = {}
        done = threading.Event()
        self._tasks.put(("status", box, done))
        wait = timeout if timeout is not None else self.settings.timeout_s * 3 + 5
        if not done.wait(wait):
            raise PrinterNotResponding("status query still waiting behind a print job")
        if "error" in box:
            raise box["error"]
        return box["status"]

    def request_status(self, on_done: Callable[[PrinterStatus], None], on_error: Callable[[PrinterError], None]) -> None:
        """status() for the UI: runs on the worker, answers via deliver."""
        self._check_open()
        self._tasks.put(("status_cb", on_done, on_error))

    def encode(self, document: PrintDocument) -> bytes:
        """The exact bytes a job would send (previews, tests, `kiosk print`)."""
        return self.encoder.encode(document)

    def close(self, timeout: float = 5.0) -> None:
        """Stops the worker after the job in progress; queued jobs fail with PrinterClosed."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._tasks.put(("stop",))
        self._thread.join(timeout)
        self.journal.close()

    # --- worker --------------------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise PrinterClosed("the print service is closed")

    def _work(self) -> None:
        stopping = False
        while True:
            task = self._tasks.get()
            kind = task[0]
            if kind == "stop":
                stopping = True
                self._drain_after_stop()
                break
            try:
                if kind == "print":
                    self._print(*task[1:])
                    self.journal.purge_if_due()
                elif kind == "status":
                    _k, box, done = task
                    try:
                        box["status"] = self._read_status_now()
                    except PrinterError as e:
                        box["error"] = e
                    done.set()
                elif kind == "status_cb":
                    _k, on_done, on_error = task
                    try:
                        st = self._read_status_now()
                    except PrinterError as e:
                        self._deliver(lambda e=e: on_error(e))
                    else:
                        self._deliver(lambda st=st: on_done(st))
            except Exception:  # noqa: BLE001 - the worker must survive anything
                log.exception("printer worker: unexpected failure")
        if self._transport is not None:
            self._transport.disconnect()
        assert stopping

    def _drain_after_stop(self) -> None:
        while True:
            try:
                task = self._tasks.get_nowait()
            except queue.Empty:
                return
            if task[0] == "print":
                _k, job_id, _doc, original, _on_done, on_error, _on_progress = task
                self.journal.mark(job_id, "failed", "service closed before sending")
                err = PrinterClosed("the print service closed before this job was sent")
                err.job_id = job_id
                self._release(original)
                self._deliver(lambda e=err: on_error(e))
            elif task[0] == "status":
                task[1]["error"] = PrinterClosed("closed")
                task[2].set()

    def _get_transport(self):
        if self._transport is None:
            self._transport = self._factory()
        return self._transport

    def _read_status_now(self) -> PrinterStatus:
        transport = self._get_transport()
        transport.connect()
        try:
            return transport.read_status(self._status_timeout())
        finally:
            transport.disconnect()

    def _status_timeout(self) -> float:
        return float(getattr(self.settings, "status_timeout_s", 1.0))

    def _release(self, original: int | None) -> None:
        if original is not None:
            with self._lock:
                self._reprinting.discard(original)

    def _print(self, job_id: int, document: PrintDocument, original: int | None,
               on_done: Callable, on_error: Callable, on_progress: Callable | None = None) -> None:
        def stage(name: str, size: int) -> None:
            if on_progress is not None:
                progress = PrintProgress(job_id, name, size)
                self._deliver(lambda: on_progress(progress))

        def fail(err: PrinterError, state: str) -> None:
            err.job_id = job_id
            err.reprint_offered = state == "uncertain"
            if state == "uncertain":
                err.nothing_printed = False
            self.journal.mark(job_id, state, f"{type(err).__name__}: {err.detail}"[:300])
            if state == "uncertain" and original is not None:
                self.journal.settle_reprint(original, job_id)
            self._release(original)
            log.warning("print job %s %s: %s", job_id, state, type(err).__name__)
            count_print_job(state)
            self._deliver(lambda: on_error(err))

        try:
            data = self.encoder.encode(document)
            stage(CHECKING, len(data))
            transport = self._get_transport()
            transport.connect()
        except PrinterError as err:
            fail(err, "failed")
            return
        except Exception as exc:  # noqa: BLE001 - e.g. a document that cannot be encoded
            fail(PrinterError(f"{type(exc).__name__}: {exc}"), "failed")
            return
        try:
            require = getattr(self.settings, "require_status", True)
            try:
                before = transport.read_status(self._status_timeout())
            except PrinterError as err:
                fail(err, "failed")
                return
            refusal = before.refusal()
            if refusal is not None and not (before.condition is Condition.UNKNOWN and not require):
                refusal.status = before
                fail(refusal, "failed")
                return
            self.journal.mark(job_id, "sending", size_bytes=len(data))
            stage(SENDING, len(data))
            try:
                transport.send(data)  # the whole job, once
                stage(CONFIRMING, len(data))
                after = transport.read_status(max(self._status_timeout(), float(self.settings.timeout_s)))
            except PrinterError as err:
                fail(err, "uncertain")
                return
            if after.condition not in OK_AFTER and not (after.condition is Condition.UNKNOWN and not require):
                # no (sane) answer after the job: the printer is busy, stalled or gone - we cannot tell
                err = (PrinterTimeout("no status confirmation after the job", nothing_printed=False)
                       if after.condition is Condition.UNKNOWN else after.refusal())
                err.status = after
                fail(err, "uncertain")
                return
            self.journal.mark(job_id, "printed")
            count_print_job("printed")
            if original is not None:
                self.journal.settle_reprint(original, job_id)
            self._release(original)
            outcome = PrintOutcome(job_id, document.kind, document.reprint, len(data), after)
            self._deliver(lambda: on_done(outcome))
        finally:
            transport.disconnect()
