"""办件进度查询 in the real app: card or keypad, list, detail; against the platform simulator."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(live_kiosk_without_a4):
    # The receipt printer's own behaviour, on a terminal without an A4 printer (no choice of
    # paper before 打印回执; the certificate's slip): tests/ui/test_a4_flow.py has the A4 side.
    return live_kiosk_without_a4


def start_status_flow(kiosk):
    kiosk.tap(kiosk.screen.tile_for("status"))
    assert kiosk.app.screen_manager.current == "identify"


def test_by_card_lists_the_holders_applications_with_overdue_marks(kiosk):
    app = kiosk.app
    start_status_flow(kiosk)
    kiosk.simulated.reader.place("bateer")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "status_list", timeout=10)
    screen = app.screen_manager.current_screen
    assert kiosk.wait_until(lambda: len(screen.ids.rows.children) >= 3, timeout=10), screen.message
    rows = screen.ids.rows.children
    assert any(r.overdue.startswith("已超期") for r in rows)
    assert {r.status for r in rows} >= {"已办结", "已退回"}
    returned = next(r for r in rows if r.status == "已退回")
    kiosk.tap(returned)
    assert app.screen_manager.current == "status_detail"
    detail = app.screen_manager.current_screen
    assert detail.view.reason.startswith("退回原因：")
    assert "已受理" in detail.ids.timeline.text
    assert detail.ids.qr_panel.ids.qr.texture is not None


def test_by_typed_number_on_the_keypad(kiosk):
    app = kiosk.app
    start_status_flow(kiosk)
    identify = app.screen_manager.current_screen
    kiosk.tap(identify.ids.keypad_button)
    keypad = app.screen_manager.current_screen
    number = sorted(kiosk.simulated.platform.data.applications_by_no)[0]
    for digit in number:
        keypad.press(digit)
    assert keypad.ids.number.text == number
    kiosk.tap(keypad.ids.search)
    screen = app.screen_manager.current_screen
    assert kiosk.wait_until(lambda: len(screen.ids.rows.children) == 1, timeout=10), screen.message
    assert screen.ids.rows.children[0].number == number
    assert kiosk.services.session.identity is None


def test_unknown_number_says_what_to_do(kiosk):
    app = kiosk.app
    start_status_flow(kiosk)
    kiosk.tap(app.screen_manager.current_screen.ids.keypad_button)
    keypad = app.screen_manager.current_screen
    for digit in "15062620261125999999":     # well formed, but no such application
        keypad.press(digit)
    kiosk.tap(keypad.ids.search)
    screen = app.screen_manager.current_screen
    assert kiosk.wait_until(lambda: bool(screen.message), timeout=10)
    assert "未查询到该办件编号" in screen.message and "综合受理窗口" in screen.message


def test_platform_that_hangs_keeps_the_ui_responsive_and_says_what_to_do(kiosk):
    import time

    app = kiosk.app
    kiosk.simulated.platform.set_fault("hang")
    start_status_flow(kiosk)
    kiosk.simulated.reader.place("wang")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "status_list", timeout=10)
    screen = app.screen_manager.current_screen
    assert kiosk.wait_until(lambda: screen.loading, timeout=5)
    frames, start = 0, time.monotonic()
    while screen.loading and time.monotonic() - start < 15:
        kiosk.pump(1)
        frames += 1
    assert not screen.loading
    assert frames > 10  # frames kept coming while the request hung
    assert "12345" in screen.message and "蒙速办" in screen.message
    kiosk.simulated.platform.clear_faults()
    kiosk.tap(screen.ids.retry)
    assert kiosk.wait_until(lambda: len(screen.ids.rows.children) > 0, timeout=10)


def open_first_application(kiosk, person="bateer"):
    app = kiosk.app
    start_status_flow(kiosk)
    kiosk.simulated.reader.place(person)
    assert kiosk.wait_until(lambda: app.screen_manager.current == "status_list", timeout=10)
    rows = app.screen_manager.current_screen.ids.rows
    assert kiosk.wait_until(lambda: len(rows.children) > 0, timeout=10)
    row = rows.children[-1]
    kiosk.tap(row)
    assert app.screen_manager.current == "status_detail"
    return row.number


def test_print_receipt_reaches_the_printer_with_the_application_number(kiosk):
    app = kiosk.app
    number = open_first_application(kiosk)
    detail = app.screen_manager.current_screen
    assert app.printer_ready and detail.ids.print_receipt.opacity == 1
    kiosk.tap(detail.ids.print_receipt)
    printing = app.screen_manager.get_screen("printing")
    assert app.screen_manager.current == "printing"
    assert kiosk.wait_until(lambda: not printing.busy, timeout=15)
    assert printing.message == "打印完成，请取走打印件"
    printer = kiosk.simulated.printer
    assert printer.wait_for_jobs(1, timeout=5)
    text = printer.jobs[-1].text
    assert number in text and "办件回执" in text and "巴*尔" in text and "巴特尔" not in text


def test_paper_out_refuses_to_print_and_says_what_to_do_then_recovers(kiosk):
    app = kiosk.app
    printer = kiosk.simulated.printer
    open_first_application(kiosk)
    # The paper runs out while the citizen reads the detail (set earlier, a health round may take the
    # printer out of service before the tap, and the button is gone: another test covers that).
    printer.set_state(paper="out")
    kiosk.tap(app.screen_manager.current_screen.ids.print_receipt)
    printing = app.screen_manager.get_screen("printing")
    assert kiosk.wait_until(lambda: not printing.busy, timeout=15)
    assert "缺纸" in printing.message and "综合受理窗口" in printing.message and "蒙速办" in printing.message
    assert printer.jobs == []
    assert "printer" in kiosk.services.out_of_order and not app.printer_ready
    assert "打印机" in app.banner
    printer.set_state(paper="ok")
    app._check_printer()
    # A wait, not a timing: a machine busy with other work answers the check later.
    assert kiosk.wait_until(lambda: "printer" not in kiosk.services.out_of_order, timeout=30)
    assert app.printer_ready and app.banner == ""


def test_offline_platform_shows_the_fallback_banner_and_clears_by_itself(kiosk):
    app, sim = kiosk.app, kiosk.simulated.platform
    sim.set_fault("error500")
    start_status_flow(kiosk)
    kiosk.tap(app.screen_manager.current_screen.ids.keypad_button)
    keypad = app.screen_manager.current_screen
    for digit in sorted(sim.data.applications_by_no)[0]:
        keypad.press(digit)
    kiosk.tap(keypad.ids.search)
    assert kiosk.wait_until(lambda: "platform" in kiosk.services.out_of_order, timeout=10)
    assert "网络查询" in app.banner and "12345" in app.banner and "蒙速办" in app.banner
    sim.clear_faults()
    screen = app.screen_manager.current_screen
    kiosk.tap(screen.ids.retry)
    assert kiosk.wait_until(lambda: "platform" not in kiosk.services.out_of_order, timeout=10)
    assert app.banner == ""


def test_help_asks_the_hall_for_staff_once(kiosk):
    app, sim = kiosk.app, kiosk.simulated.platform
    kiosk.tap(kiosk.screen.tile_for("help"))
    screen = app.screen_manager.current_screen
    kiosk.tap(screen.ids.call_staff)
    assert kiosk.wait_until(lambda: screen.sent, timeout=10), screen.message
    assert screen.message.startswith("已通知工作人员，请稍候")
    kiosk.tap(screen.ids.call_staff)
    kiosk.pump(5)
    assert len(sim.help_requests) == 1
    assert sim.help_requests[0]["kind"] == "call_staff"


def test_receipt_tile_leads_to_the_same_lookup_under_its_own_title(kiosk):
    app, sim = kiosk.app, kiosk.simulated.platform
    kiosk.tap(kiosk.screen.tile_for("receipts"))
    kiosk.tap(app.screen_manager.current_screen.ids.keypad_button)
    keypad = app.screen_manager.current_screen
    assert "回执打印" in kiosk.all_texts()
    number = sorted(sim.data.applications_by_no)[0]
    for digit in number:
        keypad.press(digit)
    kiosk.tap(keypad.ids.search)
    rows = app.screen_manager.current_screen.ids.rows
    assert kiosk.wait_until(lambda: len(rows.children) == 1, timeout=10)
    kiosk.tap(rows.children[0])
    kiosk.tap(app.screen_manager.current_screen.ids.print_receipt)
    printing = app.screen_manager.get_screen("printing")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "printing" and not printing.busy, timeout=15)
    assert kiosk.simulated.printer.wait_for_jobs(1, timeout=5)
    assert number in kiosk.simulated.printer.jobs[-1].text
