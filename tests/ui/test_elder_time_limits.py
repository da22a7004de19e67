"""长辈模式 doubles the idle timeout and the countdown, shown and counted; the next citizen gets the usual ones."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui


def test_elder_mode_doubles_the_countdown_the_citizen_sees(kiosk, clock):
    ui = kiosk.services.config.ui
    kiosk.tap(kiosk.screen.ids.elder_button)
    kiosk.tap(kiosk.screen.tile_for("help"))
    idle = kiosk.services.idle
    assert idle.timeout >= 2 * ui.idle_timeout_s and idle.countdown == 2 * ui.countdown_s
    kiosk.advance_idle(clock, idle.timeout + 1)
    overlay = kiosk.app.overlay
    assert overlay.is_open and overlay.seconds == 2 * ui.countdown_s - 1
    kiosk.advance_idle(clock, ui.countdown_s + 1)      # the usual countdown is over; the doubled one is not
    assert overlay.is_open and kiosk.app.screen_manager.current == "help"
    kiosk.advance_idle(clock, ui.countdown_s)
    assert not overlay.is_open and kiosk.app.screen_manager.current == "home"
    assert not kiosk.app.elder
    assert (idle.timeout, idle.countdown) == (ui.idle_timeout_s, ui.countdown_s)
