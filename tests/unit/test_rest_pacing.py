"""The kiosk at rest (kiosk/ui/rest.py): fewer frames and slower card polls after a quiet spell
on the home screen, full pace again at the first touch or card."""
from __future__ import annotations

import inspect

from kiosk.testing.clock import ManualClock
from kiosk.ui.rest import RestPacing


class Recorder:
    def __init__(self):
        self.fps = 60.0
        self.poll = 0.04
        self.changes = []

    def set_fps(self, fps):
        previous, self.fps = self.fps, fps
        self.changes.append(("fps", fps))
        return previous

    def set_poll(self, seconds):
        self.poll = seconds
        self.changes.append(("poll", seconds))


def pacing(clock, parts, may_rest=lambda: True):
    return RestPacing(rest_after_s=20, rest_fps=10, rest_poll_s=0.1, active_poll_s=0.04,
                      set_fps=parts.set_fps, set_poll=parts.set_poll, may_rest=may_rest, now=clock)


def test_rests_only_after_the_quiet_spell_and_wakes_at_the_first_activity():
    clock, parts = ManualClock(), Recorder()
    rest = pacing(clock, parts)
    clock.advance(19.5)
    rest.check()
    assert not rest.resting and parts.changes == []
    clock.advance(1)
    rest.check()
    assert rest.resting and (parts.fps, parts.poll) == (10, 0.1)
    rest.check()                       # resting already: nothing set twice
    assert parts.changes == [("fps", 10), ("poll", 0.1)]
    rest.activity()
    assert not rest.resting and (parts.fps, parts.poll) == (60.0, 0.04)
    clock.advance(10)
    rest.check()                       # the quiet spell counts again from the last activity
    assert not rest.resting
    assert rest.rests == 1


def test_activity_keeps_it_awake_and_it_rests_only_where_allowed():
    clock, parts = ManualClock(), Recorder()
    at_home = [False]
    rest = pacing(clock, parts, may_rest=lambda: at_home[0])
    clock.advance(60)
    rest.check()
    assert not rest.resting            # a citizen reading a guide page is not at rest
    at_home[0] = True
    rest.check()
    assert rest.resting
    for _ in range(3):
        rest.activity()
    assert parts.changes.count(("fps", 60.0)) == 1


def test_kivy_still_reads_the_frame_rate_it_is_given():
    """set_frame_rate writes Clock._max_fps: Kivy's idle() must read that on every frame."""
    from kivy.clock import Clock, ClockBaseBehavior

    from kiosk.ui.rest import set_frame_rate

    assert "self._max_fps" in inspect.getsource(ClockBaseBehavior.idle)
    previous = set_frame_rate(7)
    try:
        assert Clock._max_fps == 7.0
    finally:
        set_frame_rate(previous)
