"""The top bar with a title too long for its row (the pseudo-Mongolian locale beside its long
button words): the title gets the row to itself, every button goes to the row below, nothing
overflows; the next citizen's Chinese title has the buttons beside it again."""
from __future__ import annotations

import pytest

from kiosk.i18n.pseudo import PSEUDO_LANGUAGE
from kiosk.testing.layout_check import check_layout
from kiosk.testing.tour_mongolian import ProofCatalogue

pytestmark = pytest.mark.ui


def top_bar(kiosk):
    return next(w for w in kiosk.app.screen_manager.current_screen.walk() if type(w).__name__ == "TopBar")


def bar_problems(kiosk) -> list:
    return [p for p in check_layout(kiosk.window) if "TopBar" in str(p)]


def test_a_title_too_long_beside_the_buttons_gets_the_row_to_itself(kiosk):
    app, services = kiosk.app, kiosk.services
    real = services.catalogue
    services.catalogue = ProofCatalogue(real)
    try:
        app.set_language(PSEUDO_LANGUAGE)
        kiosk.settle()
        kiosk.tap(kiosk.screen.tile_for("status"))
        kiosk.settle()
        bar = top_bar(kiosk)
        assert bar_problems(kiosk) == []
        assert bar.crowded
        assert [type(w).__name__ for w in bar.ids.bar.children] == ["TopBarTitle"]
        assert bar.ids.home_button.parent == bar.ids.tools_row
        assert bar.ids.tools_row.height > 0 and bar.ids.tools_row.opacity == 1
    finally:
        services.catalogue = real
    app.set_language("zh_CN")
    app.go_home()
    kiosk.settle()
    kiosk.tap(kiosk.screen.tile_for("status"))
    kiosk.settle()
    bar = top_bar(kiosk)
    assert bar.title == "办件进度查询"
    assert not bar.crowded
    assert bar.ids.home_button.parent == bar.ids.bar and bar.ids.mute_button.parent == bar.ids.bar
    assert bar.ids.tools_row.height == 0
    assert bar_problems(kiosk) == []
