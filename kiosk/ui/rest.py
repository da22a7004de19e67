"""The kiosk at rest: the home screen draws nothing for hours, yet Kivy's loop wakes `maxfps` (60)
times a second and the card reader is asked for a card every 40 ms. Measured on the embedded
default (benchmarks/bench_rest.py) that was 2.4 % of a core for a terminal that may stand alone
in a lobby for months.

After `[ui] rest_after_s` on the home screen with no touch, no key, no card and no screen change,
the loop wakes `[ui] rest_fps` times a second and the reader is polled every
`[reader] rest_poll_interval_s`. The first touch, key or card event puts both back at once: at
rest a touch is seen within 1 / rest_fps s and a card within rest_poll_interval_s, then
everything runs at full pace (a screen change, its fade included, always runs at full pace).
"""
from __future__ import annotations

import time
from typing import Callable


def set_frame_rate(fps: float) -> float:
    """How often Kivy's loop wakes, changed at run time; returns the rate it replaces.

    Kivy reads `[graphics] maxfps` once, when its Clock is made; ClockBase.idle() reads
    `_max_fps` on every frame (kivy/clock.py), so this is the one place that writes it.
    tests/unit/test_rest_pacing.py fails if Kivy stops reading it."""
    from kivy.clock import Clock

    previous = Clock._max_fps
    Clock._max_fps = float(fps)
    return previous


class RestPacing:
    """Plain logic: `activity()` on every touch, key, card event and screen change; `check()`
    every second. The setters do the work, so a test drives it without a window."""

    def __init__(self, *, rest_after_s: float, rest_fps: float, rest_poll_s: float, active_poll_s: float,
                 set_fps: Callable[[float], float], set_poll: Callable[[float], None],
                 may_rest: Callable[[], bool], now: Callable[[], float] = time.monotonic):
        self.rest_after_s, self.rest_fps = rest_after_s, rest_fps
        self.rest_poll_s, self.active_poll_s = rest_poll_s, active_poll_s
        self._set_fps, self._set_poll, self._may_rest, self._now = set_fps, set_poll, may_rest, now
        self._active_fps: float | None = None
        self._last = now()
        self.resting = False
        self.rests = 0   # how often the kiosk went to rest (diagnostics, the benchmark)

    def activity(self, *_args) -> None:
        """Returns None, so a Window binding lets the touch go on to the widgets."""
        self._last = self._now()
        if self.resting:
            self.resting = False
            self._set_fps(self._active_fps if self._active_fps is not None else 60.0)
            self._set_poll(self.active_poll_s)

    def check(self, *_args) -> None:
        if self.resting or self._now() - self._last < self.rest_after_s or not self._may_rest():
            return
        self.resting = True
        self.rests += 1
        self._active_fps = self._set_fps(self.rest_fps)
        self._set_poll(self.rest_poll_s)
