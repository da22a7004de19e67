"""Background work: blocking calls (serial, printer, HTTP) run on worker threads and their
results come back on the UI thread.

`deliver` is how a callback reaches the UI thread. The app passes one built on the Kivy
Clock; tests pass `ManualDelivery` and drain it themselves, so nothing here needs a window.
A job has a timeout (its callback fires with WorkTimeout; a late result is dropped) and a
scope: `cancel_scope("session")` drops every pending callback of the citizen's session when
the session is wiped, so no result about one person ever reaches the screen of the next.

Jobs run in lanes, each with its own workers: LOCAL (the default) for the terminal's own work
(devices, storage, the technicians' PIN), PLATFORM for calls to the platform. A platform that
answers slowly or not at all fills only its own lane; the PIN check, a print or the rating
store's fsync still find a worker. A platform job waiting for a free platform worker keeps its
timeout running, so it is answered WorkTimeout in time rather than queued without end.
"""
from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

log = logging.getLogger(__name__)

Deliver = Callable[[Callable[[], None]], None]

LOCAL = "local"
PLATFORM = "platform"
# A citizen's flow asks the platform one thing at a time; the rest are a few stragglers a
# session wipe left running until their deadline. The uploader and heartbeat have threads of their own.
PLATFORM_WORKERS = 3


class WorkTimeout(Exception):
    """The job did not finish within its timeout."""

    def __init__(self, name: str, timeout: float):
        super().__init__(f"{name} did not finish within {timeout:g} s")
        self.name = name
        self.timeout = timeout


@dataclass(eq=False)
class Job:
    """Handle of one background job, passed to the work function too.

    The function may check `cancelled` between steps and call `progress(fraction, note)`.
    """
    name: str
    scope: str
    timeout: float
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)
    _settled: threading.Event = field(default_factory=threading.Event, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _progress_cb: Callable[[float, str], None] | None = field(default=None, repr=False)
    _deliver: Deliver | None = field(default=None, repr=False)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        return self._settled.is_set()

    def cancel(self) -> None:
        """Drops the job's callbacks; the work itself stops at its next check or its own timeout."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Waits until the job's outcome is decided (result, error, timeout or cancel). For tests and CLIs."""
        return self._settled.wait(timeout)

    def progress(self, fraction: float, note: str = "") -> None:
        cb, deliver = self._progress_cb, self._deliver
        if cb is None or deliver is None or self.cancelled or self.done:
            return
        deliver(lambda: None if self.cancelled else cb(fraction, note))

    def _settle(self) -> bool:
        """True exactly once: for whichever of result, error or timeout comes first."""
        with self._lock:
            if self._settled.is_set():
                return False
            self._settled.set()
            return True


class BackgroundWork:
    """Runs blocking functions off the UI thread; see the module docstring."""

    def __init__(self, deliver: Deliver, max_workers: int = 4,
                 timer_factory: Callable[[float, Callable[[], None]], Any] = threading.Timer,
                 lanes: Mapping[str, int] | None = None):
        """`max_workers` is the LOCAL lane's size; `lanes` sets others ({PLATFORM: 3} unless given)."""
        self._deliver = deliver
        sizes = {LOCAL: max_workers, PLATFORM: PLATFORM_WORKERS, **(lanes or {})}
        self._pools = {lane: ThreadPoolExecutor(max_workers=size, thread_name_prefix=f"kiosk-{lane}")
                       for lane, size in sizes.items()}
        self._timer_factory = timer_factory
        self._jobs: set[Job] = set()
        self._lock = threading.Lock()

    def submit(self, fn: Callable[[Job], Any], *, name: str, timeout: float,
               on_result: Callable[[Any], None], on_error: Callable[[BaseException], None],
               on_progress: Callable[[float, str], None] | None = None,
               scope: str = "session", lane: str = LOCAL) -> Job:
        """Runs fn(job) on a worker of `lane` (LOCAL unless it calls the platform: PLATFORM)."""
        pool = self._pools.get(lane)
        if pool is None:
            raise ValueError(f"no lane {lane!r}; one of {', '.join(self._pools)}")
        job = Job(name=name, scope=scope, timeout=timeout, _progress_cb=on_progress, _deliver=self._deliver)
        with self._lock:
            self._jobs.add(job)

        def finish(callback: Callable[[], None]) -> None:
            if not job._settle():
                return
            with self._lock:
                self._jobs.discard(job)
            if job.cancelled:
                return
            self._deliver(lambda: None if job.cancelled else callback())

        def run() -> None:
            if job.cancelled:
                finish(lambda: None)
                return
            try:
                result = fn(job)
            except BaseException as exc:  # noqa: BLE001 - every failure reaches on_error
                log.info("background job %s failed: %s", name, type(exc).__name__)
                finish(lambda error=exc: on_error(error))
            else:
                finish(lambda: on_result(result))
            finally:
                timer.cancel()

        def expire() -> None:
            log.warning("background job %s timed out after %gs", name, timeout)
            finish(lambda: on_error(WorkTimeout(name, timeout)))

        timer = self._timer_factory(timeout, expire)
        timer.daemon = True
        timer.start()
        pool.submit(run)
        return job

    def cancel_scope(self, scope: str) -> int:
        """Cancels every unsettled job of `scope`; returns how many."""
        with self._lock:
            jobs = [j for j in self._jobs if j.scope == scope]
            for j in jobs:
                self._jobs.discard(j)
        for j in jobs:
            j.cancel()
            j._settle()
        return len(jobs)

    def pending(self, scope: str | None = None) -> int:
        with self._lock:
            return sum(1 for j in self._jobs if scope is None or j.scope == scope)

    def shutdown(self) -> None:
        self.cancel_scope("session")
        for pool in self._pools.values():
            pool.shutdown(wait=False, cancel_futures=True)


class ManualDelivery:
    """A `deliver` for tests and command lines: callbacks queue up until `drain()` runs them."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Callable[[], None]] = queue.Queue()

    def __call__(self, callback: Callable[[], None]) -> None:
        self._queue.put(callback)

    def drain(self, wait: float = 0.0) -> int:
        """Runs queued callbacks; waits up to `wait` seconds for the first one. Returns how many ran."""
        ran = 0
        try:
            cb = self._queue.get(timeout=wait) if wait > 0 else self._queue.get_nowait()
        except queue.Empty:
            return 0
        while True:
            cb()
            ran += 1
            try:
                cb = self._queue.get_nowait()
            except queue.Empty:
                return ran


def kivy_delivery(callback: Callable[[], None]) -> None:
    """Delivers onto the Kivy main thread through the Clock (safe to call from any thread)."""
    from kivy.clock import Clock
    Clock.schedule_once(lambda _dt: callback(), 0)
