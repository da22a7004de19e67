"""长辈模式 doubles every time limit: the idle timeout and the countdown after it."""
from dataclasses import replace

import pytest

from kiosk.config.ui import UiSettings
from kiosk.services.idle import IdleState, IdleTimer, idle_limits
from kiosk.testing.clock import ManualClock


def test_elder_limits_double_the_idle_timeout_and_the_countdown():
    ui = replace(UiSettings(), idle_timeout_s=60, elder_idle_timeout_s=60, countdown_s=20)
    assert idle_limits(ui, False) == (60, 20)
    assert idle_limits(ui, True) == (120, 40)


def test_a_longer_elder_timeout_set_by_the_bureau_is_kept():
    ui = replace(UiSettings(), idle_timeout_s=60, elder_idle_timeout_s=150, countdown_s=20)
    assert idle_limits(ui, True) == (150, 40)


def test_set_limits_lengthens_a_running_countdown():
    clock = ManualClock()
    timer = IdleTimer(60, 20, clock=clock)
    timer.start()
    clock.advance(75)
    assert timer.tick() is IdleState.COUNTDOWN and timer.seconds_left() == pytest.approx(5)
    timer.set_limits(60, 40)
    assert timer.seconds_left() == pytest.approx(25)
    clock.advance(24)
    assert timer.tick() is IdleState.COUNTDOWN
    clock.advance(2)
    assert timer.tick() is IdleState.EXPIRED


def test_set_limits_refuses_a_limit_that_is_not_positive():
    timer = IdleTimer(60, 20, clock=ManualClock())
    with pytest.raises(ValueError):
        timer.set_limits(60, 0)
