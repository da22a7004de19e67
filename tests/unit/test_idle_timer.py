"""The idle timer, driven by a hand-moved clock: no window, no waiting."""
import pytest

from kiosk.testing.clock import ManualClock
from kiosk.services.idle import IdleState, IdleTimer


@pytest.fixture
def clock():
    return ManualClock()


def started(clock, timeout=60, countdown=20):
    timer = IdleTimer(timeout, countdown, clock=clock)
    timer.start()
    return timer


def test_stopped_until_started(clock):
    timer = IdleTimer(60, 20, clock=clock)
    clock.advance(1000)
    assert timer.tick() is IdleState.STOPPED


def test_active_then_countdown_then_expired(clock):
    timer = started(clock)
    clock.advance(59.9)
    assert timer.tick() is IdleState.ACTIVE
    clock.advance(0.2)
    assert timer.tick() is IdleState.COUNTDOWN
    assert timer.seconds_left() == pytest.approx(19.9)
    clock.advance(19.8)
    assert timer.tick() is IdleState.COUNTDOWN
    clock.advance(0.2)
    assert timer.tick() is IdleState.EXPIRED


def test_touch_restarts_the_wait(clock):
    timer = started(clock)
    clock.advance(50)
    timer.touch()
    clock.advance(50)
    assert timer.tick() is IdleState.ACTIVE


def test_keep_going_leaves_the_countdown(clock):
    timer = started(clock)
    clock.advance(65)
    assert timer.tick() is IdleState.COUNTDOWN
    timer.keep_going()
    assert timer.tick() is IdleState.ACTIVE
    assert timer.seconds_until_change() == pytest.approx(60)


def test_expiry_is_final_until_restarted(clock):
    timer = started(clock)
    clock.advance(100)
    assert timer.tick() is IdleState.EXPIRED
    timer.touch()  # a touch after expiry does not bring the old session back
    assert timer.tick() is IdleState.EXPIRED
    timer.start()
    assert timer.tick() is IdleState.ACTIVE


def test_longer_timeout_in_elder_mode_counts_time_already_idle(clock):
    timer = started(clock, timeout=60)
    clock.advance(70)
    timer.set_timeout(150)
    assert timer.tick() is IdleState.ACTIVE
    clock.advance(81)
    assert timer.tick() is IdleState.COUNTDOWN


def test_stop_resets(clock):
    timer = started(clock)
    clock.advance(100)
    timer.tick()
    timer.stop()
    assert timer.tick() is IdleState.STOPPED


def test_next_change_lands_on_whole_seconds_of_the_countdown(clock):
    timer = started(clock, timeout=10, countdown=5)
    assert timer.seconds_until_change() == pytest.approx(10)
    clock.advance(10.25)
    assert timer.seconds_until_change() == pytest.approx(0.75)


def test_rejects_nonsense():
    with pytest.raises(ValueError):
        IdleTimer(0, 5)
