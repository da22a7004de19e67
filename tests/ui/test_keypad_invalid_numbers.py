"""Both 办件编号 keypads (进度查询, 好差评): a number too short to be one is refused on the keypad
with a message saying what to do, nothing is looked up; the 好差评 keypad takes a receipt's
dashed number as the 进度查询 keypad does."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(live_kiosk):
    return live_kiosk


def current(kiosk) -> str:
    return kiosk.app.screen_manager.current


def open_keypad(kiosk, flow: str):
    kiosk.tap(kiosk.screen.tile_for(flow))
    kiosk.tap(kiosk.screen.ids.keypad_button)
    assert current(kiosk) == {"status": "status_keypad", "rating": "rating_keypad"}[flow]
    return kiosk.screen


def type_on(kiosk, keypad, text: str) -> None:
    for key in text:
        kiosk.tap(keypad.ids.dash) if key == "-" else keypad.press(key)


def test_the_status_keypad_refuses_a_number_too_short_and_says_so(kiosk):
    keypad = open_keypad(kiosk, "status")
    type_on(kiosk, keypad, "000123")
    assert not keypad.ids.search.disabled
    kiosk.tap(keypad.ids.search)
    kiosk.pump(5)
    assert current(kiosk) == "status_keypad"
    assert keypad.ids.message.text == kiosk.app.t("number.too_short")
    assert "回执" in keypad.ids.message.text
    assert kiosk.services.session.application_number in (None, "")     # nothing looked up
    keypad.press("4")                                                   # typing again clears it
    assert keypad.ids.message.text == ""


def test_the_rating_keypad_takes_a_receipts_dashed_number(kiosk):
    sim = kiosk.simulated.platform
    number = sorted(sim.data.applications_by_no)[0]                     # 1506260000010001
    dashed = f"{number[:6]}-{number[6:12]}-{number[12:]}"
    keypad = open_keypad(kiosk, "rating")
    type_on(kiosk, keypad, dashed)
    assert keypad.ids.number.text == dashed
    kiosk.tap(keypad.ids.next)
    assert kiosk.wait_until(lambda: current(kiosk) == "identify", timeout=10), (current(kiosk), keypad.message)
    kiosk.simulated.reader.place("bateer")
    assert kiosk.wait_until(lambda: current(kiosk) == "rating_levels", timeout=10)
    assert kiosk.services.session.rating_target.application_no == number
    assert kiosk.screen.item_name == sim.data.applications_by_no[number]["item_name"]


def test_the_rating_keypad_groups_twenty_digits_as_a_receipt_does(kiosk):
    keypad = open_keypad(kiosk, "rating")
    type_on(kiosk, keypad, "15062620261125000123")
    assert keypad.ids.number.text == "150626-20261125-000123"


def test_the_rating_keypad_refuses_a_number_too_short_and_says_so(kiosk):
    keypad = open_keypad(kiosk, "rating")
    type_on(kiosk, keypad, "1-2026")
    kiosk.tap(keypad.ids.next)
    kiosk.pump(5)
    assert current(kiosk) == "rating_keypad"
    assert keypad.ids.message.text == kiosk.app.t("number.too_short")
    assert kiosk.services.session.rating_target is None
