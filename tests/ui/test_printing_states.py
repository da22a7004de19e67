"""Printing as the citizen sees it: the job's real stages and its outcome; 补打 offered only while
the printer can print; the certificate list's 打印 gone, with the reason, while it cannot."""
from __future__ import annotations

import re

import pytest

from kiosk.screens import build_screen

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(live_kiosk_without_a4):
    # The receipt printer's own behaviour, on a terminal without an A4 printer (no choice of
    # paper before 打印回执; the certificate's slip): tests/ui/test_a4_flow.py has the A4 side.
    return live_kiosk_without_a4


def open_first_application(kiosk, person="bateer"):
    app = kiosk.app
    kiosk.tap(kiosk.screen.tile_for("status"))
    kiosk.simulated.reader.place(person)
    assert kiosk.wait_until(lambda: app.screen_manager.current == "status_list", timeout=10)
    rows = app.screen_manager.current_screen.ids.rows
    assert kiosk.wait_until(lambda: len(rows.children) > 0, timeout=10)
    kiosk.tap(rows.children[-1])
    assert app.screen_manager.current == "status_detail"
    return app.screen_manager.current_screen


def printing_screen(kiosk):
    manager = kiosk.app.screen_manager
    if not manager.has_screen("printing"):
        manager.add_widget(build_screen("printing"))
    return manager.get_screen("printing")


def test_printing_shows_each_stage_of_the_job_then_the_outcome(kiosk):
    detail = open_first_application(kiosk)
    printing = printing_screen(kiosk)
    seen = []
    printing.bind(stage=lambda screen, stage: stage and seen.append((stage, screen.progress, screen.message)))
    kiosk.tap(detail.ids.print_receipt)
    assert kiosk.wait_until(lambda: printing.outcome, timeout=15)
    assert [stage for stage, _, _ in seen] == ["checking", "sending", "confirming"]
    shares = [share for _, share, _ in seen]
    assert shares == sorted(shares) and len(set(shares)) == 3 and 0 < shares[0] and shares[-1] < 1
    assert seen[0][2] == "正在检查打印机，请稍候"
    assert re.fullmatch(r"正在发送打印内容（\d+( B|\.\d KB)），请稍候", seen[1][2]), seen[1][2]
    assert seen[2][2] == "正在打印，等待打印机确认完成"
    assert printing.outcome == "done" and printing.progress == 1.0
    assert printing.message == "打印完成，请取走打印件"


def test_after_the_paper_runs_out_mid_job_reprint_waits_for_the_printer(kiosk):
    app, printer = kiosk.app, kiosk.simulated.printer
    detail = open_first_application(kiosk)
    printer.set_fault(paper_out_after=200)        # the roll ends during the job: its outcome is uncertain
    kiosk.tap(detail.ids.print_receipt)
    printing = printing_screen(kiosk)
    assert kiosk.wait_until(lambda: printing.outcome == "failed", timeout=15)
    assert printing.reprint_job and not app.printer_ready
    # Not offered while the paper is out: it would fail again. The screen says where to go.
    assert not printing.reprint_offered
    assert printing.ids.reprint.opacity == 0 and printing.ids.reprint.disabled
    assert "缺纸" in printing.message and "综合受理窗口" in printing.message
    assert "打印机恢复后，可在此补打" in printing.message and "是否补打" not in printing.message
    printing.reprint()
    kiosk.pump(5)
    assert printing.outcome == "failed" and len(printer.jobs) <= 1
    # A new roll: once the printer says it can print, 补打 appears by itself and prints marked.
    printer.set_state(paper="ok")
    app._check_printer()
    # A wait, not a timing: on a busy machine this one query may time out, and the app asks
    # again after PRINTER_RECHECK_S (15 s).
    assert kiosk.wait_until(lambda: printing.reprint_offered, timeout=30)
    assert printing.ids.reprint.opacity == 1 and not printing.ids.reprint.disabled
    assert "是否补打" in printing.message
    jobs_before = len(printer.jobs)
    kiosk.tap(printing.ids.reprint)
    assert kiosk.wait_until(lambda: printing.outcome == "done", timeout=15), printing.message
    assert printing.message == "补打完成，请取走打印件"
    assert printer.wait_for_jobs(jobs_before + 1, timeout=5) and "补打" in printer.jobs[-1].text


def test_the_certificate_list_hides_print_and_says_why_while_the_printer_is_out(kiosk):
    app, printer, health = kiosk.app, kiosk.simulated.printer, kiosk.services.health
    kiosk.tap(kiosk.screen.tile_for("certificates"))
    kiosk.simulated.reader.place("bateer")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "cert_list", timeout=10)
    screen = app.screen_manager.current_screen
    assert kiosk.wait_until(lambda: len(screen.ids.rows.children) > 0, timeout=10), screen.message
    row = next(r for r in screen.ids.rows.children if r.printable)
    assert "打印" in kiosk.all_texts() and not row.disabled and screen.printer_notice == ""
    printer.set_state(paper="out")
    health.check_now()
    assert kiosk.wait_until(lambda: not app.printer_ready, timeout=15)
    kiosk.pump(3)
    assert row.disabled and "打印" not in [t for t in kiosk.all_texts() if t == "打印"]
    assert "打印机暂停服务" in screen.ids.printer_notice.text and "综合受理窗口" in screen.ids.printer_notice.text
    kiosk.tap(row)
    assert app.screen_manager.current == "cert_list" and printer.jobs == []
    printer.set_state(paper="ok")
    health.check_now()
    assert kiosk.wait_until(lambda: app.printer_ready, timeout=15)
    kiosk.pump(3)
    assert not row.disabled and screen.printer_notice == ""
    kiosk.tap(row)
    printing = printing_screen(kiosk)
    assert kiosk.wait_until(lambda: printing.outcome == "done", timeout=15), printing.message
