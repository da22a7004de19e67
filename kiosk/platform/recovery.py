"""Noticing that the platform is back, soon: while the status says offline, ask it again after
2 s, then 4, 8 ... at most 60 s between two asks.

Nothing else asks while the platform is out of order: its tiles are hidden, so no citizen call
can bring the status back, and the health round comes only every heartbeat interval (5 min on a
terminal). The ask is one signed call (server time); the client reports its outcome to the
status like any call's, so a success turns the status online and its listeners (the home
screen's banner and tiles) hear it. A short first step shows a short outage's end within
seconds; the doubling keeps a long outage from being hammered.

    recovery = RecoveryProbe(status, client.server_time).start()
    recovery.stop()

`schedule(delay_s, fn) -> cancel` is injectable: threading timers by default, a hand-moved
clock in tests, so the backoff is tested without waiting.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from .status import PlatformState, PlatformStatus

log = logging.getLogger(__name__)

FIRST_STEP_S = 2.0
MAX_STEP_S = 60.0

Cancel = Callable[[], None]
Schedule = Callable[[float, Callable[[], None]], Cancel]


def timer_schedule(delay_s: float, fn: Callable[[], None]) -> Cancel:
    """fn() on its own thread after delay_s (the ask blocks for up to the client's worst case)."""
    timer = threading.Timer(delay_s, fn)
    timer.name = "platform recovery"
    timer.daemon = True
    timer.start()
    return timer.cancel


class RecoveryProbe:
    def __init__(self, status: PlatformStatus, ask: Callable[[], object], *, first_s: float = FIRST_STEP_S,
                 max_s: float = MAX_STEP_S, schedule: Schedule = timer_schedule):
        self._status = status
        self._ask = ask
        self._first_s = first_s
        self._max_s = max_s
        self._schedule = schedule
        self._lock = threading.Lock()
        self._next_s = first_s
        self._pending: Cancel | None = None
        self._stopped = False
        self._remove_listener: Callable[[], None] | None = None
        self.asks = 0

    @property
    def next_step_s(self) -> float:
        """The wait before the next ask while the platform stays out."""
        with self._lock:
            return self._next_s

    def start(self) -> RecoveryProbe:
        self._remove_listener = self._status.add_listener(self._changed)
        if self._status.offline:
            self._arm()
        return self

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            pending, self._pending = self._pending, None
        if pending is not None:
            pending()
        if self._remove_listener is not None:
            self._remove_listener()

    def _changed(self, _state: PlatformState) -> None:
        # The status now, not the event's: events may arrive late through the UI thread.
        if self._status.offline:
            self._arm()
        else:
            self._disarm()

    def _arm(self) -> None:
        with self._lock:
            if self._stopped or self._pending is not None:
                return
            delay = self._next_s
            self._pending = self._schedule(delay, self._probe)

    def _disarm(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, None
            self._next_s = self._first_s
        if pending is not None:
            pending()

    def _probe(self) -> None:
        with self._lock:
            self._pending = None
            if self._stopped:
                return
        self.asks += 1
        try:
            self._ask()
        except Exception as exc:   # noqa: BLE001 - the client has reported it to the status already
            log.debug("platform still out: %s", type(exc).__name__)
        if self._status.offline:
            with self._lock:
                self._next_s = min(self._next_s * 2, self._max_s)
            self._arm()
        else:
            self._disarm()
