"""The UI on the terminals' panels: 1080×1920 fills the panel as 540×960 does (density 2),
长辈模式 shows every tile without scrolling and keeps 求助 one tap away on every screen, landscape
uses the width, and the home clock shows the injected time and ticks once a minute."""
from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.platform.models import CHINA_TZ
from tests.conftest import config_with

pytestmark = pytest.mark.ui


@pytest.fixture
def panel(default_config, clock):
    from kiosk.testing.harness import HeadlessKiosk

    started = []

    def make(width: int, height: int, now=None):
        config = config_with(default_config, ui={"allow_exit": False, "width": width, "height": height})
        kiosk = HeadlessKiosk(config, clock=clock, now=now)
        started.append(kiosk)
        kiosk.settle()
        return kiosk

    yield make
    for kiosk in started:
        kiosk.close()


def rect(widget):
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, x + widget.width, y + widget.height


def test_a_1080x1920_panel_shows_the_layout_at_twice_the_size_and_the_tiles_fill_it(panel):
    from kivy.metrics import Metrics

    from kiosk.testing.layout_check import check_layout

    kiosk = panel(1080, 1920)
    assert Metrics.density == 2
    tiles = list(kiosk.screen.ids.tiles.children)
    top = max(rect(t)[3] for t in tiles)
    bottom = min(rect(t)[1] for t in tiles)
    assert (top - bottom) / kiosk.window.height > 0.6      # the tiles take most of the panel
    assert bottom < 0.15 * kiosk.window.height
    assert check_layout(kiosk.window) == []


def test_elder_mode_on_the_panel_shows_every_tile_and_help_is_one_tap_away(panel):
    from kiosk.testing.layout_check import check_layout

    kiosk = panel(1080, 1920)
    kiosk.tap(kiosk.screen.ids.elder_button)
    tiles = list(kiosk.screen.ids.tiles.children)
    assert len(tiles) == len(kiosk.app.flows) and kiosk.screen.tile_for("help") is not None
    assert all(0 <= rect(t)[1] and rect(t)[3] <= kiosk.window.height for t in tiles)
    assert check_layout(kiosk.window) == []

    kiosk.tap(kiosk.screen.tile_for("mobile"))
    top_bar = next(w for w in kiosk.screen.walk() if type(w).__name__ == "TopBar")
    assert top_bar.ids.help_button.opacity == 1 and not top_bar.ids.help_button.disabled
    kiosk.tap(top_bar.ids.help_button)
    assert kiosk.app.screen_manager.current == "help"
    kiosk.tap(kiosk.screen.ids.back)
    assert kiosk.app.screen_manager.current == "mobile"


def test_help_is_not_offered_in_the_top_bar_outside_elder_mode(panel):
    kiosk = panel(540, 960)
    kiosk.tap(kiosk.screen.tile_for("mobile"))
    top_bar = next(w for w in kiosk.screen.walk() if type(w).__name__ == "TopBar")
    assert top_bar.ids.help_button.opacity == 0 and top_bar.ids.help_button.disabled


def test_landscape_puts_the_tiles_beside_the_header(panel):
    kiosk = panel(1920, 1080)
    home = kiosk.screen
    assert kiosk.app.landscape and home.ids.tiles.cols == 2
    assert rect(home.ids.side)[2] <= rect(home.ids.tiles)[0]
    assert home.ids.switches in home.ids.side.children


def test_the_home_clock_shows_the_injected_time_and_ticks_on_the_minute(panel):
    moment = [datetime(2026, 11, 25, 10, 30, 45, tzinfo=CHINA_TZ)]
    kiosk = panel(540, 960, now=lambda: moment[0])
    home = kiosk.screen
    assert home.time_text == "10:30" and home.date_text == "2026年11月25日 星期三"
    assert home.hours_text == "办公时间：周一至周五 8:30-12:00 14:30-17:30"
    assert 15 <= home._tick.timeout <= 15.2      # the next minute, not the next frame
    moment[0] = datetime(2026, 11, 25, 10, 31, 0, tzinfo=CHINA_TZ)
    home.show_time()           # what the tick runs
    assert home.time_text == "10:31" and 60 <= home._tick.timeout <= 60.2
    kiosk.app.set_language("en")
    assert home.date_text == "Wed 25 Nov 2026" and home.hours_text.startswith("Opening hours: Mon-Fri")
