"""证照打印 in the real app: only for the card holder, printed with its verification code."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(live_kiosk_without_a4):
    # The receipt printer's own behaviour, on a terminal without an A4 printer (no choice of
    # paper before 打印回执; the certificate's slip): tests/ui/test_a4_flow.py has the A4 side.
    return live_kiosk_without_a4


def test_holder_prints_a_certificate_with_its_verification_code(kiosk):
    app = kiosk.app
    assert app.printer_ready
    kiosk.tap(kiosk.screen.tile_for("certificates"))
    identify = app.screen_manager.current_screen
    assert identify.name == "identify" and identify.keypad_screen == ""  # no typed-number way in
    kiosk.simulated.reader.place("bateer")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "cert_list", timeout=10)
    screen = app.screen_manager.current_screen
    assert kiosk.wait_until(lambda: len(screen.ids.rows.children) > 0, timeout=10), screen.message
    row = next(r for r in screen.ids.rows.children if r.printable)
    kiosk.tap(row)
    printing = app.screen_manager.get_screen("printing")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "printing" and not printing.busy, timeout=15)
    assert printing.message == "打印完成，请取走打印件", printing.message
    printer = kiosk.simulated.printer
    assert printer.wait_for_jobs(1, timeout=5)
    text = printer.jobs[-1].text
    assert row.type_name in text and "仅供查验" in text and "核验码" in text
    assert "巴特尔" not in text and "巴*尔" in text


def test_certificate_tile_needs_the_reader(kiosk):
    reader = kiosk.simulated.reader
    reader.unplug()
    assert kiosk.wait_until(lambda: "reader" in kiosk.services.out_of_order, timeout=15)
    assert kiosk.screen.tile_for("certificates") is None
    assert kiosk.screen.tile_for("status") is not None  # the keypad still works
