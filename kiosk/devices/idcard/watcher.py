"""The card watcher: polls the reader on its own thread and posts events to the UI thread.

Events go to a ReaderListener (kiosk/devices/idcard/events.py, where they are declared), each
posted through `deliver`, so the listener runs on the UI thread.

Polling is cheap: find card is 10 bytes out and 11 back (about 2 ms of wire time at 115200),
so it runs every `poll_interval_s` (default 40 ms) and a placement is picked up within one
interval, instead of the once-a-second loop of vendor SDKs. While a read card lies on the
reader, find card answers 80 like an empty reader does, so the watcher then polls the
appended-address command, which succeeds only while that card is still there.
Stopping is prompt: stop() cancels the command in flight and wakes every wait.
"""
from __future__ import annotations

import logging
import queue
import threading
from typing import Any, Callable

from ...counters import count_card_read, count_reader_fault
from ...threads import Deliver
from .card import load_photo_decoder, register_photo_decoder
from .events import ReaderListener
from .errors import CardReadFailed, PortVanished, ReaderError, SamFault
from .reader import Cancelled, IdCardReader

log = logging.getLogger(__name__)

IDLE, CARD_ON, AWAIT_LIFT = "idle", "card on reader", "waiting for the card to be lifted"


class CardWatcher:
    def __init__(self, reader: IdCardReader, deliver: Deliver, listener: ReaderListener, *,
                 poll_interval_s: float = 0.04, reopen_backoff_s: float = 0.5,
                 reopen_backoff_max_s: float = 10.0, fault_after_failures: int = 3):
        self.reader = reader
        self._deliver = deliver
        self.listener = listener
        self.poll_interval_s = poll_interval_s
        self.reopen_backoff_s = reopen_backoff_s
        self.reopen_backoff_max_s = reopen_backoff_max_s
        self.fault_after_failures = fault_after_failures
        self._stop = threading.Event()
        self._requests: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self.phase = IDLE
        self.faulty: ReaderError | None = None
        self.reads = 0

    @classmethod
    def from_settings(cls, settings, deliver: Deliver, listener: ReaderListener) -> "CardWatcher":
        """Builds the reader and watcher from [reader] settings (whatever device settings.port names)."""
        if settings.photo_decoder:
            register_photo_decoder(load_photo_decoder(settings.photo_decoder))
        reader = IdCardReader(settings.port, settings.baud, command_timeout_s=settings.command_timeout_s,
                              read_timeout_s=settings.read_timeout_s, probe_timeout_s=settings.probe_timeout_s,
                              probe_baud=settings.probe_baud, read_fingerprint=settings.read_fingerprint)
        return cls(reader, deliver, listener, poll_interval_s=settings.poll_interval_s,
                   reopen_backoff_s=settings.reopen_backoff_s, reopen_backoff_max_s=settings.reopen_backoff_max_s,
                   fault_after_failures=settings.fault_after_failures)

    # ---- lifecycle ----------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("watcher already started")
        self._thread = threading.Thread(target=self._run, name="idcard-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stops polling: the command in flight is abandoned at once, the port is closed."""
        self._stop.set()
        self.reader.cancel()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        self.reader.dispose()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ---- events -------------------------------------------------------------------------
    def _post(self, event: Callable[..., None], *args) -> None:
        if not self._stop.is_set():
            self._deliver(lambda: event(*args))

    def _fault(self, error: ReaderError) -> None:
        if self.faulty is None:
            log.warning("ID card reader fault: %s: %s", type(error).__name__, error)
            self.faulty = error
            count_reader_fault()
            self._post(self.listener.on_reader_fault, error)

    # ---- the loop -----------------------------------------------------------------------
    def _run(self) -> None:
        backoff = self.reopen_backoff_s
        failures = 0
        try:
            while not self._stop.is_set():
                if not self.reader.is_open:
                    try:
                        self.reader.open()
                    except Cancelled:
                        return
                    except ReaderError as exc:   # not found, not responding, vanished, SAM failure
                        self.reader.close()
                        self._fault(exc)
                        if self._stop.wait(backoff):
                            return
                        backoff = min(backoff * 2, self.reopen_backoff_max_s)
                        continue
                    backoff, failures = self.reopen_backoff_s, 0
                    if self.faulty is not None:
                        log.info("ID card reader works again")
                    self.faulty = None
                    self._post(self.listener.on_reader_ready)
                self._run_requests()
                try:
                    wait = self._step()
                    failures = 0
                except Cancelled:
                    return
                except (PortVanished, SamFault) as exc:
                    self.reader.close()
                    self._fault(exc)
                    continue
                except ReaderError as exc:   # timeout, damaged frame, rejected command
                    failures += 1
                    log.info("ID card reader poll failed (%d in a row): %s", failures, type(exc).__name__)
                    if failures >= self.fault_after_failures:
                        # Reopen: the reader may have been reset to another rate; probing finds it.
                        self.reader.close()
                        self._fault(exc)
                        continue
                    wait = True
                if wait and self._stop.wait(self.poll_interval_s):
                    return
        finally:
            self.reader.close()

    # ---- other work on the reader, between two polls ----------------------------------------
    def call_on_reader(self, fn: Callable[[IdCardReader], Any], timeout: float = 3.0) -> Any:
        """Runs fn(reader) on the watcher's thread before its next poll and returns its result.

        The port has one owner: diagnostics (SAM ID, SAM status) ask through here instead of
        opening it a second time. Raises TimeoutError when the watcher is not polling (stopped,
        or the reader closed after a fault), or whatever fn raised.
        """
        box: dict = {}
        done = threading.Event()
        self._requests.put((fn, box, done))
        if not done.wait(timeout):
            raise TimeoutError("the card watcher did not take the request (reader not polling)")
        if "error" in box:
            raise box["error"]
        return box["value"]

    def _run_requests(self) -> None:
        while True:
            try:
                fn, box, done = self._requests.get_nowait()
            except queue.Empty:
                return
            try:
                box["value"] = fn(self.reader)
            except BaseException as exc:  # noqa: BLE001 - handed to the asking thread
                box["error"] = exc
            done.set()

    def _step(self) -> bool:
        """One poll; returns whether to wait a poll interval before the next."""
        if self.phase == CARD_ON:
            if self.reader.card_still_present():
                return True
            self.phase = IDLE
            self._post(self.listener.on_card_removed)
            return False   # look for the next card at once
        chip = self.reader.find_card()
        if self.phase == AWAIT_LIFT:
            if chip is None:
                self.phase = IDLE
                self._post(self.listener.on_card_removed)
            return True
        if chip is None:
            return True
        self._post(self.listener.on_card_detected)
        try:
            card = self.reader.read_card(chip)
        except CardReadFailed as exc:
            self._read_failed(exc)
            return True
        except (PortVanished, SamFault, Cancelled):
            raise
        except ReaderError as exc:   # the line failed in the middle of a read (after retries)
            self._read_failed(exc)
            raise
        self.reads += 1
        count_card_read("read")
        self.phase = CARD_ON
        self._post(self.listener.on_card_placed, card)
        return True

    def _read_failed(self, exc: ReaderError) -> None:
        log.info("card read failed: %s: %s", type(exc).__name__, exc)
        self.phase = AWAIT_LIFT
        count_card_read("failed")
        self._post(self.listener.on_read_failed, exc)
