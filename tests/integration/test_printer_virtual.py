"""Every status and fault of the virtual printer, through the real print service over TCP on 127.0.0.1."""
from __future__ import annotations

from dataclasses import replace

import socket

import pytest

from kiosk.config.printer import PrinterSettings
from kiosk.devices.printer import (Condition, CoverOpen, CutterError, PaperOut, PrinterDisconnected,
                                   PrinterHardwareError, PrinterNotResponding, PrintService,
                                   PrinterTimeout, PrinterUnreachable, ReprintNotAvailable)
from kiosk.devices.printer.status import Paper
from kiosk.i18n import Catalogue
from kiosk.services.documents import SAMPLES
from kiosk.threads import ManualDelivery
from kiosk.sim.printer_sim import start_virtual_printer

FAST = PrinterSettings(timeout_s=1.0, status_timeout_s=0.3)


@pytest.fixture
def printer(tmp_path):
    vp = start_virtual_printer(tmp_path / "slips")
    yield vp
    vp.stop()


@pytest.fixture
def service(printer, tmp_path):
    svc = PrintService(replace(FAST, host=printer.host, port=printer.port), tmp_path / "print_journal.db", ManualDelivery())
    yield svc
    svc.close()


def run(service: PrintService, document=None, reprint_of: int | None = None):
    """Submits (or reprints) and returns (job_id, outcome or error) once the callback is delivered."""
    results = []
    if reprint_of is None:
        job_id = service.submit(document or SAMPLES["receipt"](), results.append, results.append)
    else:
        job_id = service.reprint(reprint_of, results.append, results.append)
    deliver: ManualDelivery = service._deliver
    for _ in range(100):
        if deliver.drain(wait=0.1):
            break
    assert len(results) == 1
    return job_id, results[0]


def test_the_server_listens_on_loopback_only(printer):
    assert printer.host == "127.0.0.1"
    with pytest.raises(ValueError):
        from kiosk.sim.printer_sim import VirtualPrinter
        VirtualPrinter("/tmp", host="0.0.0.0")


def test_ready_printer_prints_and_the_slip_reads_back(service, printer):
    job_id, outcome = run(service)
    assert outcome.job_id == job_id and outcome.message_key == "printer.done" and not outcome.reprint
    assert printer.wait_for_jobs(1)
    job = printer.jobs[0]
    assert job.lines[0] == "乌审旗政务服务中心" and job.cut and job.complete
    assert job.png and job.png.endswith(".png")
    assert service.journal.get(job_id).state == "printed"
    # status was asked before and after the job
    assert printer.status_queries == [1, 2, 3, 4, 1, 2, 3, 4]


@pytest.mark.parametrize("state, condition, paper", [
    ({}, Condition.READY, Paper.OK),
    ({"paper": "near_end"}, Condition.PAPER_NEAR_END, Paper.NEAR_END),
    ({"paper": "out"}, Condition.PAPER_OUT, Paper.OUT),
    ({"cover_open": True}, Condition.COVER_OPEN, Paper.OK),
    ({"cutter_error": True}, Condition.CUTTER_ERROR, Paper.OK),
    ({"unrecoverable_error": True}, Condition.UNRECOVERABLE_ERROR, Paper.OK),
])
def test_status_over_tcp(service, printer, state, condition, paper):
    printer.set_state(**state)
    status = service.status()
    assert status.condition is condition and status.paper is paper


@pytest.mark.parametrize("fault", ["silent", "garbled"])
def test_no_or_garbled_status_reply_is_unknown_never_ok(service, printer, fault):
    printer.set_fault(status=fault)
    status = service.status()
    assert status.condition is Condition.UNKNOWN and not status.can_print


def test_paper_near_end_prints_and_says_so(service, printer):
    printer.set_state(paper="near_end")
    _id, outcome = run(service)
    assert outcome.message_key == "printer.done_paper_near_end"
    assert printer.wait_for_jobs(1)


@pytest.mark.parametrize("state, error, key", [
    ({"paper": "out"}, PaperOut, "printer.error.paper_out"),
    ({"cover_open": True}, CoverOpen, "printer.error.cover_open"),
    ({"cutter_error": True}, CutterError, "printer.error.cutter"),
    ({"unrecoverable_error": True}, PrinterHardwareError, "printer.error.hardware"),
])
def test_a_job_is_refused_before_sending_with_a_message_the_citizen_can_act_on(service, printer, state, error, key):
    printer.set_state(**state)
    job_id, err = run(service)
    assert type(err) is error and err.message_key == key
    assert err.nothing_printed and not err.reprint_offered and err.job_id == job_id
    assert service.journal.get(job_id).state == "failed"
    assert printer.status_queries == [1, 2, 3, 4]  # asked, then nothing was sent
    assert printer.jobs == [] and printer.discarded_bytes == 0
    assert service.pending_reprints() == []


def test_paper_out_message_tells_the_citizen_where_to_go():
    text = Catalogue("zh_CN").text("printer.error.paper_out", window="综合受理窗口", hotline="12345")
    assert "缺纸" in text and "综合受理窗口" in text and "蒙速办" in text


def test_a_silent_printer_refuses_the_job_as_not_responding(service, printer):
    printer.set_fault(status="silent")
    _id, err = run(service)
    assert type(err) is PrinterNotResponding and err.nothing_printed
    assert printer.jobs == []


def test_a_silent_printer_prints_when_status_is_not_required(printer, tmp_path):
    settings = PrinterSettings(timeout_s=1.0, status_timeout_s=0.2, require_status=False)
    svc = PrintService(replace(settings, host=printer.host, port=printer.port), tmp_path / "j.db", ManualDelivery())
    try:
        printer.set_fault(status="silent")
        _id, outcome = run(svc)
        assert outcome.job_id == _id
        assert printer.wait_for_jobs(1)
    finally:
        svc.close()


def test_connection_refused_is_unreachable_and_nothing_is_uncertain(tmp_path):
    with socket.socket() as s:  # a port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    svc = PrintService(replace(FAST, host="127.0.0.1", port=port), tmp_path / "j.db", ManualDelivery())
    try:
        job_id, err = run(svc)
        assert type(err) is PrinterUnreachable and err.message_key == "printer.error.unreachable"
        assert svc.journal.get(job_id).state == "failed" and svc.pending_reprints() == []
        with pytest.raises(PrinterUnreachable):
            svc.status()
    finally:
        svc.close()


def test_disconnect_mid_job_makes_it_uncertain_and_the_reprint_is_marked(service, printer):
    printer.set_fault(disconnect_after=60)
    job_id, err = run(service)
    assert type(err) is PrinterDisconnected and err.message_key == "printer.error.disconnected"
    assert err.reprint_offered and not err.nothing_printed
    assert printer.wait_for_jobs(1)
    assert not printer.jobs[0].complete  # the torn part that did print
    assert [e.id for e in service.pending_reprints()] == [job_id]

    new_id, outcome = run(service, reprint_of=job_id)
    assert outcome.reprint and outcome.message_key == "printer.done_reprint"
    assert printer.wait_for_jobs(2)
    assert printer.jobs[1].lines[0] == "【补打】" and printer.jobs[1].complete
    assert service.journal.get(job_id).state == "reprinted"
    assert service.journal.get(new_id).reprint_of == job_id
    assert service.pending_reprints() == []
    with pytest.raises(ReprintNotAvailable):
        service.reprint(job_id, print, print)


def test_paper_running_out_mid_job_is_uncertain_not_printed(service, printer):
    printer.set_fault(paper_out_after=200)
    job_id, err = run(service)
    assert type(err) is PaperOut and err.reprint_offered
    assert service.journal.get(job_id).state == "uncertain"
    # the reprint is refused while the paper is out, and stays offered
    _new, err2 = run(service, reprint_of=job_id)
    assert type(err2) is PaperOut and err2.nothing_printed
    assert [e.id for e in service.pending_reprints()] == [job_id]
    printer.set_state(paper="ok")
    _new, outcome = run(service, reprint_of=job_id)
    assert outcome.reprint
    assert service.pending_reprints() == []


def test_slow_drain_within_the_timeout_prints(service, printer):
    printer.set_fault(drain_bytes_per_s=4000)
    _id, outcome = run(service, SAMPLES["rating"]())
    assert outcome.size_bytes < 1000
    assert printer.wait_for_jobs(1)


def test_slow_drain_beyond_the_timeout_is_an_uncertain_timeout(service, printer):
    printer.set_fault(drain_bytes_per_s=200)  # a 600-byte receipt takes 3 s, the timeout is 1 s
    job_id, err = run(service)
    assert type(err) is PrinterTimeout and err.message_key == "printer.error.timeout"
    assert err.reprint_offered
    assert service.journal.get(job_id).state == "uncertain"


def test_dismissed_reprint_is_no_longer_offered(service, printer):
    printer.set_fault(disconnect_after=30)
    job_id, _err = run(service)
    service.dismiss(job_id)
    assert service.pending_reprints() == []
    with pytest.raises(ReprintNotAvailable):
        service.reprint(job_id, print, print)


def test_a_second_reprint_request_while_one_is_queued_is_refused(service, printer):
    printer.set_fault(disconnect_after=30)
    job_id, _err = run(service)
    printer.set_fault(drain_bytes_per_s=3000)
    results = []
    service.reprint(job_id, results.append, results.append)
    with pytest.raises(ReprintNotAvailable):
        service.reprint(job_id, results.append, results.append)


def test_pending_reprints_can_be_limited_to_the_current_session(service, printer):
    printer.set_fault(disconnect_after=30)
    job_id, _err = run(service)
    assert [e.id for e in service.pending_reprints(max_age_s=600)] == [job_id]
    now = service._clock
    service._clock = lambda: now() + 3600
    assert service.pending_reprints(max_age_s=600) == []
    assert [e.id for e in service.pending_reprints()] == [job_id]
