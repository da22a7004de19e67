"""A citizen who rated already is told so, and when, on the levels screen; in English with
长辈模式 that sentence is the longest the screen holds. The layout check (the tour's) must find
it whole on every panel, portrait and landscape."""
from __future__ import annotations

import pytest

from kiosk.testing.layout_check import check_layout
from tests.ui.test_rating_flow import current, pick_first_application, start_rating_by_card

pytestmark = pytest.mark.ui


@pytest.mark.parametrize("size", [(540, 960), (1920, 1080)], ids=["portrait", "landscape"])
def test_already_rated_in_english_with_elder_mode_fits_its_column(make_kiosk, size):
    kiosk = make_kiosk(start_devices=True, ui={"allow_exit": False, "width": size[0], "height": size[1]},
                       ratings={"upload_interval_s": 0.2, "upload_backoff_max_s": 0.5})
    assert kiosk.wait_until(lambda: kiosk.services.parts.ratings.options() is not None, timeout=10)
    app = kiosk.app
    app.set_language("en")
    app.elder = True
    kiosk.settle()
    start_rating_by_card(kiosk)
    pick_first_application(kiosk)
    kiosk.tap(kiosk.screen.button_for("非常满意"))
    assert kiosk.wait_until(lambda: kiosk.app.screen_manager.current == "rating_comment", timeout=5)
    kiosk.tap(kiosk.screen.ids.next)                       # no comment
    assert kiosk.wait_until(lambda: current(kiosk) == "rating_confirm", timeout=5)
    kiosk.tap(kiosk.screen.ids.submit)
    assert kiosk.wait_until(lambda: current(kiosk) == "rating_thanks", timeout=10)
    kiosk.simulated.reader.lift()
    kiosk.tap(kiosk.screen.ids.done)
    assert kiosk.wait_until(lambda: current(kiosk) == "home", timeout=5)
    app.set_language("en")                                  # the session's end went back to Chinese
    app.elder = True                                        # and turned 长辈模式 off
    kiosk.settle()

    start_rating_by_card(kiosk)
    pick_first_application(kiosk)
    levels = kiosk.screen
    assert levels.already.startswith("You rated this application on ")
    kiosk.settle()
    problems = check_layout(kiosk.window)
    assert not problems, "\n".join(map(str, problems))
