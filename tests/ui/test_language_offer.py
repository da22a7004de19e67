"""The home screen's language button leads only to languages offered to citizens: the installed
Mongolian catalogue is not complete, so the button goes between Chinese and English and never to
Chinese screens under a Mongolian label (the threshold itself: tests/unit/test_po_catalogues.py)."""
from __future__ import annotations

import pytest

from kiosk.i18n.offer import coverage

pytestmark = pytest.mark.ui


def test_the_language_button_never_leads_to_an_incomplete_catalogue(make_kiosk):
    done, total = coverage("mn")
    assert done < total                      # the bureau's translation has not arrived
    kiosk = make_kiosk()
    home = kiosk.app.screen_manager.get_screen("home")
    visited = []
    for _ in range(4):
        kiosk.tap(home.ids.language_button)
        kiosk.settle()
        visited.append(kiosk.app.lang)
    assert visited == ["en", "zh_CN", "en", "zh_CN"]


def test_the_lowest_threshold_still_never_offers_an_empty_catalogue(make_kiosk):
    assert coverage("mn")[0] == 0
    kiosk = make_kiosk(i18n={"offer_at": 0.5})
    assert kiosk.app.next_language() == "en"
    kiosk.app.toggle_language()
    assert kiosk.app.next_language() == "zh_CN"
