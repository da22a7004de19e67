"""The 办件编号 keypad takes what a receipt shows: the dash typed or left out, the same application found."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(live_kiosk):
    return live_kiosk


def open_keypad(kiosk):
    kiosk.tap(kiosk.screen.tile_for("status"))
    kiosk.tap(kiosk.app.screen_manager.current_screen.ids.keypad_button)
    keypad = kiosk.app.screen_manager.current_screen
    assert keypad.name == "status_keypad"
    return keypad


def type_on(kiosk, keypad, text: str) -> None:
    for key in text:
        kiosk.tap(keypad.ids.dash) if key == "-" else keypad.press(key)


def search(kiosk, keypad):
    kiosk.tap(keypad.ids.search)
    screen = kiosk.app.screen_manager.current_screen
    assert screen.name == "status_list"
    assert kiosk.wait_until(lambda: screen.ids.rows.children or screen.message, timeout=10)
    return screen


def test_a_number_typed_with_the_dashes_of_a_receipt_finds_the_application(kiosk):
    number = sorted(kiosk.simulated.platform.data.applications_by_no)[0]     # 1506260000010001
    dashed = f"{number[:6]}-{number[6:12]}-{number[12:]}"
    keypad = open_keypad(kiosk)
    type_on(kiosk, keypad, dashed)
    assert keypad.ids.number.text == dashed
    screen = search(kiosk, keypad)
    assert [row.number for row in screen.ids.rows.children] == [number], screen.message


def test_the_dash_key_types_one_dash_between_characters_only(kiosk):
    keypad = open_keypad(kiosk)
    kiosk.tap(keypad.ids.dash)
    assert keypad.number == "" and keypad.ids.search.disabled
    type_on(kiosk, keypad, "150626--2026")
    assert keypad.number == "150626-2026"


def test_twenty_digits_typed_without_dashes_show_grouped_as_the_receipt_prints_them(kiosk):
    keypad = open_keypad(kiosk)
    type_on(kiosk, keypad, "15062620261125000123")
    assert keypad.ids.number.text == "150626-20261125-000123"
    screen = search(kiosk, keypad)          # not in the sample data: the platform's answer, with the fallback
    assert "未查询到该办件编号" in screen.message
    assert kiosk.services.session.application_number == "15062620261125000123"
