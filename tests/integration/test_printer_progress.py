"""A job's stages, as the printing screen shows them: through the real print service and the
virtual printer over TCP on 127.0.0.1."""
from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.config.printer import PrinterSettings
from kiosk.devices.printer import PaperOut, PrintService
from kiosk.devices.printer.service import CHECKING, CONFIRMING, SENDING
from kiosk.services.documents import SAMPLES
from kiosk.sim.printer_sim import start_virtual_printer
from kiosk.threads import ManualDelivery

FAST = PrinterSettings(timeout_s=1.0, status_timeout_s=0.3)


@pytest.fixture
def printer(tmp_path):
    vp = start_virtual_printer(tmp_path / "slips")
    yield vp
    vp.stop()


@pytest.fixture
def service(printer, tmp_path):
    svc = PrintService(replace(FAST, host=printer.host, port=printer.port), tmp_path / "print_journal.db",
                       ManualDelivery())
    yield svc
    svc.close()


def run(service, submit):
    """Everything the callbacks heard, in order, until the job's outcome."""
    heard = []
    submit(lambda outcome: heard.append(outcome), lambda error: heard.append(error), heard.append)
    for _ in range(100):
        service._deliver.drain(wait=0.1)
        if heard and not hasattr(heard[-1], "stage"):
            break
    return heard[:-1], heard[-1]


def test_a_job_reports_checking_sending_and_confirming_before_its_outcome(service, printer):
    document = SAMPLES["receipt"]()
    stages, outcome = run(service, lambda done, failed, progress: service.submit(document, done, failed, progress))
    assert [p.stage for p in stages] == [CHECKING, SENDING, CONFIRMING]
    size = len(service.encode(document))
    assert {p.size_bytes for p in stages} == {size} and {p.job_id for p in stages} == {outcome.job_id}
    assert [p.share for p in stages] == sorted(p.share for p in stages) and all(0 < p.share < 1 for p in stages)
    assert outcome.size_bytes == size
    assert [p.message_key for p in stages] == ["printer.stage.checking", "printer.stage.sending",
                                               "printer.stage.confirming"]


def test_a_job_refused_before_sending_stops_after_checking(service, printer):
    printer.set_state(paper="out")
    stages, error = run(service, lambda done, failed, progress: service.submit(SAMPLES["receipt"](), done, failed,
                                                                                 progress))
    assert [p.stage for p in stages] == [CHECKING]
    assert isinstance(error, PaperOut) and printer.jobs == []


def test_without_a_progress_callback_a_job_prints_as_before(service, printer):
    results = []
    service.submit(SAMPLES["receipt"](), results.append, results.append)
    for _ in range(100):
        if service._deliver.drain(wait=0.1):
            break
    assert len(results) == 1 and results[0].message_key == "printer.done"
