"""The A4 printer in diagnostics: its checks (reachable, state, paper, toner, journal) against the
virtual A4 printer in each state, the home screen's out-of-order set, the heartbeat, and the A4
test page read back with poppler and zbar."""
from __future__ import annotations

import threading
from datetime import datetime

import pytest

from kiosk.parts import open_parts_for_checks
from kiosk.services.diagnostics import DiagContext, Status, run_checks
from kiosk.services.diagnostics.a4printer_check import a4_test_page
from kiosk.services.diagnostics.health import heartbeat_of
from kiosk.services.diagnostics.runner import out_of_order
from tests.conftest import config_with
from tests.integration.a4_tools import page_sizes_mm, qr_codes, text


@pytest.fixture
def config(default_config, tmp_path):
    return config_with(default_config, a4printer={"output_dir": str(tmp_path / "prints"), "request_timeout_s": 1.0,
                                                  "sim_page_s": 0.01})


@pytest.fixture
def terminal(config):
    t = open_parts_for_checks(config, reader=False, printer=False, platform=False)
    assert not t.parts.problems, t.parts.problems
    yield t
    t.stop()


def a4_results(terminal) -> dict:
    report = run_checks(DiagContext(terminal.config, terminal.parts, in_app=False), parts=("a4printer",))
    return {r.check: r for r in report.results}


def test_a_ready_a4_printer_passes_every_check(terminal):
    results = a4_results(terminal)
    assert list(results) == ["a4printer.reachable", "a4printer.state", "a4printer.paper", "a4printer.toner",
                             "a4printer.journal"]
    assert all(r.status is Status.OK for r in results.values()), results
    assert "Kiosk virtual A4 printer" in results["a4printer.reachable"].detail
    assert "80%" in results["a4printer.toner"].detail


@pytest.mark.parametrize("state, check, hint", [
    ({"paper": "out"}, "a4printer.paper", "load A4 paper"),
    ({"jam": True}, "a4printer.state", "remove the jammed paper"),
    ({"door_open": True}, "a4printer.state", "close the A4 printer's door"),
    ({"toner": "empty"}, "a4printer.toner", "replace the toner"),
    ({"offline": True}, "a4printer.state", "off-line"),
])
def test_each_fault_fails_its_check_with_a_hint(terminal, state, check, hint):
    terminal.simulated.a4printer.set_state(**state)
    results = a4_results(terminal)
    assert results[check].status is Status.FAILURE and hint in results[check].hint
    assert results["a4printer.state"].status is Status.FAILURE
    report = run_checks(DiagContext(terminal.config, terminal.parts, in_app=False), parts=("a4printer",))
    assert out_of_order(report) == {"a4printer"}


def test_low_toner_and_paper_warn_without_taking_the_printer_out_of_order(terminal):
    terminal.simulated.a4printer.set_state(toner="low", paper="low")
    results = a4_results(terminal)
    assert results["a4printer.toner"].status is Status.WARNING and "6%" in results["a4printer.toner"].detail
    assert results["a4printer.paper"].status is Status.WARNING
    report = run_checks(DiagContext(terminal.config, terminal.parts, in_app=False), parts=("a4printer",))
    assert out_of_order(report) == set() and report.a4printer_status.toner == "low"


def test_an_unplugged_printer_is_not_reachable(terminal):
    terminal.simulated.a4printer.unplug()
    results = a4_results(terminal)
    assert results["a4printer.reachable"].status is Status.FAILURE
    assert "A4PrinterUnreachable" in results["a4printer.reachable"].detail
    assert "a4printer.journal" in results


def test_an_uncertain_job_is_named_for_the_technician(terminal):
    from kiosk.services.documents.a4_samples import sample_a4
    terminal.simulated.a4printer.set_fault(abort_next=True)
    ended = threading.Event()     # `kiosk diag` delivers on the worker's own thread
    terminal.parts.a4printer.submit(sample_a4("receipt"), lambda _o: ended.set(), lambda _e: ended.set())
    assert ended.wait(10)
    result = a4_results(terminal)["a4printer.journal"]
    assert result.status is Status.WARNING and "1 uncertain" in result.detail and "补打" in result.hint


def test_a_terminal_without_an_a4_printer_has_no_a4_checks(config):
    config = config_with(config, a4printer={"installed": False})
    t = open_parts_for_checks(config, reader=False, printer=False, platform=False)
    try:
        assert t.parts.a4printer is None and t.simulated.a4printer is None
        report = run_checks(DiagContext(t.config, t.parts, in_app=False))
        assert report.of("a4printer") == []
    finally:
        t.stop()


def test_the_heartbeat_carries_the_a4_checks(terminal):
    terminal.simulated.a4printer.set_state(paper="out")
    ctx = DiagContext(terminal.config, terminal.parts, in_app=False)
    heartbeat = heartbeat_of(run_checks(ctx), ctx)
    sent = {c.name: c.status for c in heartbeat.checks}
    assert sent["a4printer.paper"] == "fault" and sent["a4printer.reachable"] == "ok"
    assert {"a4printer.state", "a4printer.toner", "a4printer.journal"} <= set(sent)


def test_the_a4_test_page_reads_back():
    page = a4_test_page("SIM-150626-01", "乌审旗政务服务中心", "0.1.0", datetime(2026, 11, 25, 10, 0))
    assert page.pages == 1 and page_sizes_mm(page.pdf) == [(210.0, 297.0)]
    words = "".join(text(page.pdf).split())
    assert "A4打印测试页" in words and "SIM-150626-01" in words and "2026-11-2510:00:00" in words
    assert qr_codes(page.pdf, 1) == ["kiosk-a4-test:SIM-150626-01:20261125100000"]
