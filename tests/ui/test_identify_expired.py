"""An expired card at the identify step: refused with what to do, never "身份证读取成功"."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui


def test_a_residence_permit_past_its_validity_is_refused_and_the_flow_stays(live_kiosk):
    kiosk, app, reader = live_kiosk, live_kiosk.app, live_kiosk.simulated.reader
    kiosk.tap(kiosk.screen.tile_for("status"))
    screen = app.screen_manager.get_screen("identify")
    reader.place("chan")                    # 港澳台居民居住证, valid to 2025-01-10
    assert kiosk.wait_until(lambda: screen.masked_name == "陈*明", timeout=10)
    assert screen.message_key == "reader.card_expired"
    texts = kiosk.all_texts()
    assert "证件已超过有效期限，请到综合受理窗口办理" in texts and "身份证读取成功" not in texts
    kiosk.wait_until(lambda: False, timeout=2.0)          # longer than an accepted card is shown
    assert app.screen_manager.current == "identify"
    # another, valid card goes on as usual
    reader.lift()
    reader.place("bateer")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "status_list", timeout=10)
