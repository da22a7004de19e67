"""The uploader: a background thread that drains the rating outbox to the platform.

A row is confirmed only when the platform acknowledges its idempotency key (a first 201, or the
200 "replayed" answer to a resend). What happens otherwise depends on whose problem it is:

- The platform cannot be reached (no network, timeout, call deadline, TLS, busy) or refuses the
  terminal's own credentials: nothing is wrong with the row. The pass stops and the uploader
  waits, doubling the wait from upload_interval_s up to upload_backoff_max_s; no row is charged
  an attempt.
- The platform answered, but not with an acknowledgement (5xx, a reply that cannot be read): the
  row may be what it chokes on. The row alone waits (its own doubling wait) and the rows behind
  it go on. After [ratings] max_attempts such failures, with other ratings confirmed meanwhile,
  it is parked with its reason for a technician (diagnostics: retry or discard). Three such
  failures in a row with nothing confirmed between end the pass like an outage.
- A refusal about the rating itself (duplicate_rating, application_not_found, invalid_request)
  will not change by resending: the row becomes rejected, with the platform's code.

Pending rows are simply picked up again after a restart: the key makes a resend harmless.
Logs name a rating by its key and 办件编号 only, never the evaluator.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from ...masking import mask_text
from ...platform import models as wire
from ...platform.errors import PlatformRejected, PlatformUnavailable
from .records import RecordedRating
from .sealing import SealBroken
from .store import Outgoing, RatingStore

log = logging.getLogger(__name__)

BATCH = 100
PURGE_EVERY_S = 3600.0
OPTIONS_EVERY_S = 3600.0
# PlatformUnavailable reasons that say nothing about the rating sent: the platform was not reached.
UNREACHED = frozenset({"connect", "timeout", "deadline", "tls", "busy"})
FAILURES_ENDING_A_PASS = 3      # row failures in a row, nothing confirmed between: likely the platform


class RatingUploader:
    def __init__(self, outbox: RatingStore, client, *, interval_s: float, backoff_max_s: float,
                 retention_days: float, max_attempts: int = 10, on_change: Callable[[], None] = lambda: None,
                 refresh_options: Callable[[], object] | None = None, clock: Callable[[], float] = time.monotonic):
        self.outbox = outbox
        self.client = client
        self.interval_s = interval_s
        self.backoff_max_s = backoff_max_s
        self.retention_days = retention_days
        self.max_attempts = max_attempts
        self._on_change = on_change
        self._refresh_options = refresh_options
        self._clock = clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = 0                  # consecutive failed attempts (0: the last one worked)
        self.last_error = ""
        self._last_purge = float("-inf")
        self._last_options = float("-inf")

    def start(self) -> "RatingUploader":
        self._thread = threading.Thread(target=self._run, name="rating-uploader", daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        """Try now (a new rating was stored, or the platform is back)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def next_wait_s(self) -> float:
        return self.backoff_s(self.failures)

    def backoff_s(self, failures: int) -> float:
        """The wait after `failures` failures in a row: the interval, doubled each time, at most backoff_max_s."""
        if failures <= 0:
            return self.interval_s
        return min(self.backoff_max_s, self.interval_s * 2 ** (failures - 1))

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._housekeeping()
                self.drain()
            except Exception:   # a bug or a broken disk must not end uploading for good
                log.exception("rating upload pass failed")
                self.failures += 1
            self._wake.wait(self.next_wait_s())
            self._wake.clear()

    def _housekeeping(self) -> None:
        now = self._clock()
        if self._refresh_options is not None and now - self._last_options >= OPTIONS_EVERY_S:
            self._last_options = now
            self._refresh_options()
        if now - self._last_purge >= PURGE_EVERY_S:
            self._last_purge = now
            purged = self.outbox.purge(self.retention_days)
            if purged:
                log.info("%d ratings past the retention of %g days: confirmed ones deleted, refused ones' "
                         "evaluators erased", purged, self.retention_days)

    def drain(self) -> int:
        """Sends the due ratings until none is left or the platform cannot be reached; a row that
        fails waits on its own and the others go on. Returns how many were confirmed. A pass in
        which rows failed and none went through counts as a failure of the platform (the wait
        between passes grows). The evaluators of the confirmed ones leave the disk after each
        batch (one checkpoint per batch, not per row)."""
        confirmed = failed = failed_in_a_row = 0
        tried: set[str] = set()        # each row once per pass, whatever its state becomes
        try:
            while not self._stop.is_set():
                batch = [o for o in self.outbox.due(BATCH) if o.key not in tried]
                if not batch:
                    break
                for outgoing in batch:
                    if self._stop.is_set():
                        return confirmed
                    tried.add(outgoing.key)
                    outcome = self._send(outgoing)
                    if outcome == "unreached":
                        return confirmed
                    if outcome in ("failed", "parked"):
                        failed += 1
                        failed_in_a_row += 1
                        if failed_in_a_row >= FAILURES_ENDING_A_PASS:
                            break
                        continue
                    failed_in_a_row = 0
                    confirmed += outcome == "confirmed"
                self.outbox.checkpoint()
                self._on_change()
                if failed_in_a_row >= FAILURES_ENDING_A_PASS:
                    break
            if failed and not confirmed:
                self.failures += 1
            return confirmed
        finally:
            self.outbox.checkpoint()
            if tried:
                self._on_change()

    def submission(self, outgoing: Outgoing) -> wire.RatingSubmission:
        """The request body of a pending rating (the same on every resend). Raises SealBroken."""
        return submission_of(self.outbox.recorded(outgoing))

    def _send(self, outgoing: Outgoing) -> str:
        try:
            recorded = self.outbox.recorded(outgoing)
            if recorded.rating.item_code is None:
                application = self.client.application(outgoing.application_no)
                recorded = recorded.with_item(application.item_code, application.department_code)
                self.outbox.set_item(recorded)
            ack = self.client.submit_rating(submission_of(recorded))
        except SealBroken as exc:
            log.error("rating %s (办件 %s) cannot be read: %s; kept as unreadable",
                      outgoing.key, outgoing.application_no, exc)
            self.outbox.mark_unreadable(outgoing.key, str(exc))
            return "unreadable"
        except PlatformRejected as exc:
            if exc.is_credentials:
                return self._unreached(outgoing, exc)
            level = logging.INFO if exc.code == "duplicate_rating" else logging.ERROR
            log.log(level, "rating %s (办件 %s) refused by the platform: %s; kept as rejected",
                    outgoing.key, outgoing.application_no, exc.code)
            self.outbox.reject(outgoing.key, exc.code)
            return "rejected"
        except PlatformUnavailable as exc:
            if exc.reason in UNREACHED:
                return self._unreached(outgoing, exc)
            return self._failed(outgoing, exc)
        except Exception as exc:   # InvalidResponse, anything unexpected about this row
            return self._failed(outgoing, exc)
        self.outbox.confirm(outgoing.key, ack.rating_id)
        self.failures = 0
        self.last_error = ""
        log.debug("rating %s confirmed as %s%s", outgoing.key, ack.rating_id, " (replayed)" if ack.replayed else "")
        return "confirmed"

    def _unreached(self, outgoing: Outgoing, exc: BaseException) -> str:
        """The platform was not reached (or refuses the terminal): everyone waits, no row is charged."""
        self.failures += 1
        self.last_error = _described(exc)
        self.outbox.note_failure(outgoing.key, self.last_error)
        log.warning("rating upload failed (%s); %d pending ratings wait, next try in %.1f s",
                    self.last_error, self.outbox.counts()["pending"], self.next_wait_s())
        return "unreached"

    def _failed(self, outgoing: Outgoing, exc: BaseException) -> str:
        """The platform answered this row with no acknowledgement: the row waits on its own."""
        self.last_error = _described(exc)
        attempts = outgoing.attempts + 1
        wait_s = self.backoff_s(attempts)
        if self.outbox.fail(outgoing.key, self.last_error, retry_in_s=wait_s, max_attempts=self.max_attempts):
            log.error("rating %s (办件 %s) parked after %d failed attempts (%s): a technician retries or "
                      "discards it in diagnostics", outgoing.key, outgoing.application_no, attempts, self.last_error)
            return "parked"
        log.warning("rating upload failed for %s (办件 %s): %s; attempt %d, this rating retries in %.1f s, "
                    "the others go on", outgoing.key, outgoing.application_no, self.last_error, attempts, wait_s)
        return "failed"


def _described(exc: BaseException) -> str:
    """A failure as the row keeps it and diagnostics shows it: type and text, masked, at most 200 characters."""
    return mask_text(type(exc).__name__ + (f": {exc}" if str(exc) else ""))[:200]


def submission_of(recorded: RecordedRating) -> wire.RatingSubmission:
    """A recorded rating as the platform client takes it; the client writes the JSON body."""
    rating, who = recorded.rating, recorded.rating.evaluator
    return wire.RatingSubmission(
        idempotency_key=recorded.key, application_no=rating.application_no, item_code=rating.item_code,
        level=rating.level, code=recorded.code, channel=recorded.channel, region_code=recorded.region_code,
        terminal_id=recorded.terminal_id,
        evaluator=wire.Evaluator(name=who.name, id_number=who.id_number, id_type=who.id_type,
                                 user_type=who.user_type, mobile=who.mobile),
        rated_at=recorded.rated_at, rating_count=recorded.rating_count, reason_codes=rating.reason_codes,
        comment=rating.comment, anonymous=rating.anonymous, department_code=rating.department_code,
        options_version=recorded.options_version)
