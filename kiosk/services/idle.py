"""The idle timer: no touch for `timeout` seconds -> a countdown of `countdown` seconds ->
expiry (the app wipes the session and returns home).

A plain class driven by an injectable clock, so tests run it without a window and without
waiting. The app calls `touch()` on every touch and key, `tick()` from a Clock event, and
schedules the next tick at `seconds_until_change()` so an idle terminal does no work.
"""
from __future__ import annotations

import enum
import time
from typing import Callable


ELDER_TIME_FACTOR = 2    # 长辈模式 doubles every time limit (适老化: more time to read and to act)


def idle_limits(ui, elder: bool) -> tuple[float, float]:
    """(idle timeout, countdown) in seconds for [ui] settings `ui`. In 长辈模式 both are doubled;
    the idle timeout is [ui] elder_idle_timeout_s when the bureau set that longer still."""
    if not elder:
        return ui.idle_timeout_s, ui.countdown_s
    return (max(ui.elder_idle_timeout_s, ui.idle_timeout_s * ELDER_TIME_FACTOR),
            ui.countdown_s * ELDER_TIME_FACTOR)


class IdleState(enum.Enum):
    ACTIVE = "active"
    COUNTDOWN = "countdown"
    EXPIRED = "expired"
    STOPPED = "stopped"


class IdleTimer:
    def __init__(self, timeout: float, countdown: float, clock: Callable[[], float] = time.monotonic):
        if timeout <= 0 or countdown <= 0:
            raise ValueError("timeout and countdown must be positive")
        self._clock = clock
        self.timeout = timeout
        self.countdown = countdown
        self._last_touch = clock()
        self._running = False
        self._expired = False

    @property
    def clock(self) -> Callable[[], float]:
        """The clock it counts with (a ManualClock in tests and the soak); the rest pacing shares it."""
        return self._clock

    def start(self) -> None:
        """Begins watching (when a citizen starts using the terminal)."""
        self._running = True
        self._expired = False
        self._last_touch = self._clock()

    def stop(self) -> None:
        """Stops watching (back at a pristine home screen: nothing to reset)."""
        self._running = False
        self._expired = False

    def touch(self) -> None:
        """A touch or key press: the citizen is still there. Ignored once expired."""
        if self._running and not self._expired:
            self._last_touch = self._clock()

    def keep_going(self) -> None:
        """The countdown's 继续 button."""
        self.touch()

    def set_timeout(self, timeout: float) -> None:
        """Elder mode changes the timeout; the time already idle counts against the new one."""
        self.timeout = timeout

    def set_limits(self, timeout: float, countdown: float) -> None:
        """Both limits at once (长辈模式 on or off, idle_limits); the time already idle counts against them."""
        if timeout <= 0 or countdown <= 0:
            raise ValueError("timeout and countdown must be positive")
        self.timeout, self.countdown = timeout, countdown

    @property
    def state(self) -> IdleState:
        if not self._running:
            return IdleState.STOPPED
        if self._expired:
            return IdleState.EXPIRED
        idle = self._clock() - self._last_touch
        if idle < self.timeout:
            return IdleState.ACTIVE
        if idle < self.timeout + self.countdown:
            return IdleState.COUNTDOWN
        return IdleState.EXPIRED

    def tick(self) -> IdleState:
        state = self.state
        if state is IdleState.EXPIRED:
            self._expired = True
        return state

    def seconds_left(self) -> float:
        """Seconds left in the countdown (the whole countdown while still active)."""
        if not self._running:
            return self.countdown
        idle = self._clock() - self._last_touch
        return max(0.0, min(self.countdown, self.timeout + self.countdown - idle))

    def seconds_until_change(self) -> float:
        """When the next tick could see something new: the countdown start, or the next whole second of it."""
        state = self.state
        if state is IdleState.ACTIVE:
            return self.timeout - (self._clock() - self._last_touch)
        if state is IdleState.COUNTDOWN:
            left = self.seconds_left()
            fraction = left - int(left)
            return fraction if fraction > 1e-3 else min(1.0, left) or 0.0
        return 0.0
