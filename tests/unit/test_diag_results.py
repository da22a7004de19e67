"""Check results: printer statuses turned into results, exit codes, what takes a part out of order."""
from __future__ import annotations

from kiosk.devices.printer.status import Paper, PrinterStatus
from kiosk.services.diagnostics.printer_check import paper_word, results_of
from kiosk.services.diagnostics.results import CheckResult, Status, exit_code, failure, ok, warning
from kiosk.services.diagnostics.runner import Report, out_of_order

READY = PrinterStatus(online=True, paper=Paper.OK, cover_open=False, cutter_error=False,
                      unrecoverable_error=False, recoverable_error=False)


def by_check(results: list[CheckResult]) -> dict[str, Status]:
    return {r.check: r.status for r in results}


def test_a_ready_printer_passes_every_check():
    assert set(by_check(results_of(READY)).values()) == {Status.OK}
    assert paper_word(READY) == "ok"


def test_paper_out_is_a_failure_with_a_hint():
    status = PrinterStatus(online=False, paper=Paper.OUT, cover_open=False, cutter_error=False,
                           unrecoverable_error=False, recoverable_error=False)
    results = results_of(status)
    paper = next(r for r in results if r.check == "printer.paper")
    assert paper.status is Status.FAILURE and "roll" in paper.hint
    assert by_check(results)["printer.online"] is Status.WARNING    # the cause is the paper
    assert paper_word(status) == "out"


def test_cover_open_and_cutter():
    status = PrinterStatus(online=False, paper=Paper.OK, cover_open=True, cutter_error=True,
                           unrecoverable_error=False, recoverable_error=False)
    checks = by_check(results_of(status))
    assert checks["printer.cover"] is Status.FAILURE and checks["printer.cutter"] is Status.FAILURE


def test_paper_near_end_warns():
    import dataclasses
    checks = by_check(results_of(dataclasses.replace(READY, paper=Paper.NEAR_END)))
    assert checks["printer.paper"] is Status.WARNING
    assert paper_word(dataclasses.replace(READY, paper=Paper.NEAR_END)) == "low"


def test_no_reply_is_not_taken_for_ready():
    checks = by_check(results_of(PrinterStatus()))
    assert checks["printer.paper"] is Status.FAILURE and checks["printer.online"] is Status.FAILURE


def test_exit_codes():
    assert exit_code([ok("a.b", "")]) == 0
    assert exit_code([ok("a.b", ""), warning("a.c", "", "h")]) == 1
    assert exit_code([warning("a.c", "", "h"), failure("a.d", "", "h")]) == 2
    assert exit_code([]) == 0


def test_out_of_order_takes_failures_not_warnings():
    report = Report((warning("printer.paper", "near end", "h"), ok("reader.sam", ""),
                     failure("platform.reachable", "down", "h"), failure("storage.disk", "full", "h")))
    assert out_of_order(report) == {"platform"}


def test_json_form():
    assert failure("printer.cover", "cover open", "close it").to_json() == {
        "check": "printer.cover", "status": "failure", "detail": "cover open", "hint": "close it"}
