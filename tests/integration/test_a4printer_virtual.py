"""Every state and fault of the virtual A4 printer, through the real A4 print service over IPP on
127.0.0.1: each printer state gives its own message, and nothing is lost (the journal keeps an
uncertain job's copy, offered as 补打, stamped on every page)."""
from __future__ import annotations

import time
from dataclasses import replace

import pytest

from kiosk.config.a4printer import A4PrinterSettings
from kiosk.devices.a4printer import (A4DoorOpen, A4JobAborted, A4JobTimeout, A4PaperJam, A4PaperOut,
                                     A4PrinterClosed, A4PrinterDisconnected, A4PrinterOffline, A4PrinterTimeout,
                                     A4PrinterUnreachable, A4PrintOutcome, A4PrintService, A4ReprintNotAvailable,
                                     A4TonerEmpty)
from kiosk.devices.a4printer.journal import A4Journal
from kiosk.i18n import Catalogue
from kiosk.services.documents.a4_samples import sample_a4
from kiosk.services.documents.certificate_copy import CopyFooter, certificate_copy
from kiosk.sim.a4printer_sim import start_virtual_a4_printer
from kiosk.sim.certificate_pdf import certificate_pdf, sample_print_data
from kiosk.threads import ManualDelivery
from tests.integration.a4_tools import text

FAST = A4PrinterSettings(request_timeout_s=1.0, job_timeout_s=8.0, stall_s=0.4, poll_interval_s=0.02)
ZH = Catalogue("zh_CN")


@pytest.fixture(scope="module")
def copy():
    data = sample_print_data()
    return certificate_copy(certificate_pdf(data), CopyFooter("SIM-150626-01", data["verification_code"],
                                                              data["verification_url"]), summary=data["type_name"])


@pytest.fixture
def printer(tmp_path):
    vp = start_virtual_a4_printer(tmp_path / "prints", page_s=0.05)
    yield vp
    vp.stop()


def make_service(printer, tmp_path, **changes) -> A4PrintService:
    return A4PrintService(replace(FAST, uri=printer.uri, **changes), tmp_path / "data" / "a4_journal.db",
                          ManualDelivery())


@pytest.fixture
def service(printer, tmp_path):
    svc = make_service(printer, tmp_path)
    yield svc
    svc.close()


def run(service: A4PrintService, document=None, *, reprint_of: int | None = None, on_progress=None, timeout=20.0):
    """Submits (or reprints) and returns (job_id, outcome or error, progress) once it is delivered."""
    results, progress = [], []

    def seen(p):
        progress.append(p)
        if on_progress:
            on_progress(p)
    if reprint_of is None:
        job_id = service.submit(document, results.append, results.append, seen)
    else:
        job_id = service.reprint(reprint_of, results.append, results.append, "2026-11-25 10:30", seen)
    deadline = time.monotonic() + timeout
    while not results and time.monotonic() < deadline:
        service._deliver.drain(wait=0.05)
    assert len(results) == 1, "no outcome delivered"
    return job_id, results[0], progress


def says(error) -> str:
    return ZH.text(error.message_key, window="综合受理窗口", hotline="12345")


def test_a_ready_printer_prints_and_keeps_exactly_what_was_sent(service, printer, copy):
    job_id, outcome, progress = run(service, copy)
    assert isinstance(outcome, A4PrintOutcome), outcome
    assert outcome.pages == outcome.pages_printed == 2 and outcome.status_after.refusal() is None
    assert [p.stage for p in progress][:2] == ["sending", "accepted"]
    (job,) = printer.jobs
    assert job.pdf_path.read_bytes() == copy.pdf
    assert [p.name for p in job.png_paths] == ["a4-0001-1.png", "a4-0001-2.png"]
    assert all(p.stat().st_size > 1000 for p in job.png_paths)
    entry = service.journal.get(job_id)
    assert (entry.state, entry.pages_printed, entry.printer_job_id) == ("printed", 2, job.id)
    assert service.journal.stored_documents() == 0        # a certificate in clear is not kept once printed
    assert ZH.text(outcome.message_key) == "打印完成，请取走打印件"


@pytest.mark.parametrize("state, error, words", [
    ({"paper": "out"}, A4PaperOut, "A4打印机缺纸，暂时无法打印证照。请到综合受理窗口打印"),
    ({"jam": True}, A4PaperJam, "A4打印机卡纸"),
    ({"door_open": True}, A4DoorOpen, "A4打印机舱门未关好"),
    ({"toner": "empty"}, A4TonerEmpty, "A4打印机墨粉用完"),
    ({"offline": True}, A4PrinterOffline, "A4打印机暂停服务"),
])
def test_a_printer_that_cannot_print_refuses_before_anything_is_sent(service, printer, state, error, words):
    printer.set_state(**state)
    job_id, err, _ = run(service, sample_a4("receipt"))
    assert type(err) is error and err.for_technician and err.nothing_printed and not err.reprint_offered
    assert says(err).startswith(words)
    assert "Print-Job" not in printer.requests and not printer.jobs
    assert service.journal.get(job_id).state == "failed" and service.pending_reprints() == []
    assert err.status is not None and err.status.state == "stopped"


def test_toner_low_prints_and_tells_the_technician(service, printer):
    printer.set_state(toner="low", paper="low")
    _job, outcome, _ = run(service, sample_a4("receipt"))
    assert isinstance(outcome, A4PrintOutcome)
    assert outcome.status_after.toner == "low" and outcome.status_after.paper == "low"
    assert outcome.status_after.warnings() == ["media-low", "toner-low"]


@pytest.mark.parametrize("state, error", [({"paper": "out"}, A4PaperOut), ({"door_open": True}, A4DoorOpen),
                                          ({"toner": "empty"}, A4TonerEmpty)])
def test_a_job_stopped_mid_way_is_cancelled_and_offered_as_a_reprint(service, printer, copy, state, error):
    printer.page_s = 0.3

    def stop_the_printer(progress):
        if progress.stage == "accepted":
            printer.set_state(**state)
    job_id, err, _ = run(service, copy, on_progress=stop_the_printer)
    assert type(err) is error and err.reprint_offered and not err.nothing_printed
    assert says(err).startswith("A4打印机")
    (job,) = printer.jobs
    assert job.state == 7                                   # cancelled at the printer: nothing comes out later
    assert [e.id for e in service.pending_reprints()] == [job_id]
    assert service.journal.get(job_id).state == "uncertain"


def test_a_jam_after_the_first_page_loses_nothing_and_the_reprint_is_marked(service, printer, copy):
    printer.set_fault(jam_after_pages=1)
    job_id, err, _ = run(service, copy)
    assert type(err) is A4PaperJam and err.reprint_offered and err.pages_printed == 1
    assert says(err).startswith("A4打印机卡纸，暂时无法打印证照")
    entry = service.journal.get(job_id)
    assert (entry.state, entry.pages_printed) == ("uncertain", 1)
    printer.clear()
    new_id, outcome, _ = run(service, reprint_of=job_id)
    assert isinstance(outcome, A4PrintOutcome) and outcome.reprint
    assert ZH.text(outcome.message_key) == "补打完成，请取走打印件"
    received = printer.jobs[-1].pdf_path.read_bytes()
    for page in (1, 2):
        assert "【补打】" in text(received, page) and "2026-11-25 10:30" in text(received, page)
    assert service.journal.get(job_id).state == "reprinted"
    assert service.journal.get(new_id).reprint_of == job_id and service.pending_reprints() == []
    assert service.journal.stored_documents() == 0
    with pytest.raises(A4ReprintNotAvailable):
        service.reprint(job_id, print, print)


def test_a_printer_that_aborts_the_job_leaves_it_uncertain(service, printer):
    printer.set_fault(abort_next=True)
    job_id, err, _ = run(service, sample_a4("receipt"))
    assert type(err) is A4JobAborted and err.reprint_offered and "aborted" in err.detail
    assert [e.id for e in service.pending_reprints()] == [job_id]


def test_a_job_that_never_ends_is_cancelled_at_the_deadline(printer, tmp_path):
    svc = make_service(printer, tmp_path, job_timeout_s=5.0, request_timeout_s=1.0)
    try:
        printer.set_fault(lose_next=True)
        started = time.monotonic()
        job_id, err, _ = run(svc, sample_a4("receipt"))
        assert type(err) is A4JobTimeout and err.reprint_offered
        assert 5.0 <= time.monotonic() - started < 9.0
        assert printer.jobs[0].state == 7 and svc.journal.get(job_id).state == "uncertain"
    finally:
        svc.close()


def test_an_unplugged_printer_is_unreachable_and_nothing_is_offered(service, printer):
    printer.unplug()
    job_id, err, _ = run(service, sample_a4("receipt"))
    assert type(err) is A4PrinterUnreachable and err.nothing_printed and not err.reprint_offered
    assert says(err).startswith("无法连接A4打印机")
    assert service.journal.get(job_id).state == "failed"


def test_a_printer_switched_off_mid_job_leaves_it_uncertain(service, printer, copy):
    printer.page_s = 0.5

    def switch_off(progress):
        if progress.stage == "accepted":
            printer.unplug()
    job_id, err, _ = run(service, copy, on_progress=switch_off)
    assert type(err) is A4PrinterDisconnected and err.reprint_offered
    assert service.journal.get(job_id).state == "uncertain"


def test_a_printer_that_does_not_answer_times_out_before_sending(service, printer):
    printer.set_fault(hang=True)
    try:
        job_id, err, _ = run(service, sample_a4("receipt"))
    finally:
        printer.set_fault(hang=False)
    assert type(err) is A4PrinterTimeout and err.nothing_printed
    assert service.journal.get(job_id).state == "failed"


def test_status_reads_the_printer_through_the_worker(service, printer):
    printer.set_state(toner="low")
    status = service.status(timeout=5)
    assert status.state == "idle" and status.toner == "low" and status.make_and_model.startswith("Kiosk virtual")
    printer.unplug()
    with pytest.raises(A4PrinterUnreachable):
        service.status(timeout=5)


def test_status_during_a_long_job_answers_at_once_from_the_job_s_own_polling(service, printer, copy):
    printer.page_s = 3.0
    results = []
    service.submit(copy, results.append, results.append)
    assert printer.wait_for_jobs(1, ended=False)
    time.sleep(0.3)
    started = time.monotonic()
    status = service.status(timeout=2)
    assert time.monotonic() - started < 0.5 and status.state == "processing"
    printer.page_s = 0.0


def test_an_uncertain_copy_is_kept_sealed_and_erased_when_declined(service, printer, copy, tmp_path):
    printer.set_fault(abort_next=True)
    job_id, _err, _ = run(service, copy)
    raw = b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir() if p.name.startswith("a4_journal.db"))
    assert b"%PDF" not in raw and copy.pdf[200:260] not in raw
    assert (tmp_path / "data" / "a4_journal.key").stat().st_mode & 0o777 == 0o600
    service.dismiss(job_id)
    assert service.pending_reprints() == [] and service.journal.stored_documents() == 0


def test_a_job_interrupted_by_a_crash_is_offered_after_the_restart(printer, tmp_path):
    path = tmp_path / "data" / "a4_journal.db"
    journal = A4Journal(path)
    job_id = journal.add(sample_a4("receipt"))
    journal.mark(job_id, "sending")
    journal.close()                                          # the terminal stops here
    svc = make_service(printer, tmp_path)
    try:
        assert [e.id for e in svc.pending_reprints()] == [job_id]
        _new, outcome, _ = run(svc, reprint_of=job_id)
        assert isinstance(outcome, A4PrintOutcome) and outcome.reprint
    finally:
        svc.close()


def test_jobs_still_queued_at_close_fail_without_being_sent(printer, tmp_path):
    svc = make_service(printer, tmp_path)
    printer.page_s = 5.0
    errors = []
    document = sample_a4("receipt")
    first = svc.submit(document, errors.append, errors.append)
    second = svc.submit(document, errors.append, errors.append)
    assert printer.wait_for_jobs(1, ended=False)
    svc.close()
    svc._deliver.drain()
    assert {type(e) for e in errors} == {A4PrinterClosed}
    assert len(errors) == 2 and {e.job_id for e in errors} == {first, second}
    journal = A4Journal(tmp_path / "data" / "a4_journal.db")
    assert journal.get(first).state == "uncertain" and journal.get(second).state == "failed"
    journal.close()
