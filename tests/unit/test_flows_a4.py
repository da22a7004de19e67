"""Which printer a paper goes to, and an A4 job's stages and outcome as the screens show them
(kiosk.flows.a4), without a window. The A4 part here is a real A4PrintService pointed at a
closed port on 127.0.0.1 (it is never asked anything): readiness is what the flows decide."""
from __future__ import annotations

import pytest

from kiosk.devices.a4printer.errors import A4JobAborted, A4PaperJam, A4PaperOut, A4ReprintNotAvailable
from kiosk.devices.a4printer.service import A4PrintService
from kiosk.flows import a4, certificates
from kiosk.platform.errors import InvalidResponse
from kiosk.services.parts import Parts
from tests.conftest import config_with
from tests.unit.flow_data import MESSAGES, card, certificate, services


class Receipts:
    """Stands where the receipt printer's part is looked up; only its presence matters here."""


@pytest.fixture
def a4_part(default_config, tmp_path):
    settings = config_with(default_config, a4printer={"uri": "ipp://127.0.0.1:9/ipp/print"}).a4printer
    service = A4PrintService(settings, tmp_path / "a4_journal.db", lambda f: f())
    yield service
    service.close()


@pytest.fixture
def bundle(default_config, a4_part):
    s = services(default_config, Parts(printer=Receipts(), a4printer=a4_part))
    yield s
    s.session.wipe()
    s.work.shutdown()


def test_certificates_go_to_a4_where_there_is_one_and_to_the_slip_where_there_is_none(bundle):
    assert a4.certificate_printer(bundle) == a4.A4 and certificates.unavailable_key(bundle) == "a4printer.unavailable_here"
    bundle.config = config_with(bundle.config, a4printer={"installed": False})
    assert a4.certificate_printer(bundle) == a4.RECEIPT
    assert certificates.unavailable_key(bundle) == "printer.unavailable_here"


def test_a_certificate_prints_only_while_its_printer_can(bundle):
    bundle.session.set_identity(card("bateer"))
    bundle.parts.platform = object()      # present; never called by can_print
    assert certificates.can_print(bundle, certificate())
    bundle.out_of_order.add("printer")    # the receipt printer's state is not the copy's business
    assert certificates.can_print(bundle, certificate())
    bundle.out_of_order.add("a4printer")  # no fallback to a slip nobody could hand in
    assert not certificates.can_print(bundle, certificate()) and not certificates.printer_ready(bundle)


def test_the_citizen_chooses_the_paper_only_while_both_printers_can_print(bundle):
    assert a4.receipt_printers(bundle) == (a4.RECEIPT, a4.A4) and a4.receipt_choice_needed(bundle)
    bundle.out_of_order.add("a4printer")
    assert a4.receipt_printers(bundle) == (a4.RECEIPT,) and not a4.receipt_choice_needed(bundle)
    bundle.out_of_order = {"printer"}
    assert a4.receipt_printers(bundle) == (a4.A4,)
    bundle.out_of_order = set()
    bundle.config = config_with(bundle.config, a4printer={"installed": False})
    assert a4.receipt_printers(bundle) == (a4.RECEIPT,)


def test_what_takes_the_a4_printer_out_of_service():
    assert a4.out_of_service(A4PaperOut()) and a4.out_of_service(A4PaperJam())
    assert not a4.out_of_service(A4JobAborted()) and not a4.out_of_service(A4ReprintNotAvailable())
    assert not a4.out_of_service(InvalidResponse("content_base64", "not a PDF"))


def test_stages_fill_the_bar_in_order_and_count_pages():
    views = [a4.stage_view("laying_out"), a4.stage_view("sending"), a4.stage_view("accepted"),
             a4.stage_view("printing", 2, 1), a4.stage_view("printing", 2, 2)]
    shares = [v.share for v in views]
    assert shares == sorted(shares) and shares[-1] == 1.0 and len(set(shares)) == 5
    page = views[3]
    assert MESSAGES.text(page.message_key, **dict(page.values)) == "正在打印，已打印1页，共2页"
    assert MESSAGES.text(views[1].message_key) == "正在发送到A4打印机，请稍候"


def test_a_failed_job_offers_reprint_only_when_uncertain_and_the_printer_can_print(bundle):
    shown = []
    job = a4.A4Job(bundle, shown.append)
    refused = A4PaperOut("media-empty")           # refused before sending: nothing printed, no 补打
    refused.job_id = 3
    job.failed(refused)
    assert shown[-1].state == a4.FAILED and shown[-1].message_key == "a4printer.error.paper_out"
    assert not shown[-1].reprint_offered and not shown[-1].reprint_later

    uncertain = A4PaperJam("jam after page 1", nothing_printed=False)
    uncertain.job_id, uncertain.reprint_offered = 4, True
    bundle.out_of_order.add("a4printer")
    job.failed(uncertain)
    assert job.reprint_job == 4 and shown[-1].reprint_later and not shown[-1].reprint_offered
    bundle.out_of_order.discard("a4printer")
    job.printer_changed()                          # the printer is back: 补打 is offered
    assert shown[-1].reprint_offered and not shown[-1].reprint_later

    job.laying_out()                               # a new print: the earlier 补打 is not offered again
    assert job.reprint_job == 0 and shown[-1].state == a4.PRINTING and not job.start_reprint()


def test_without_the_a4_part_nothing_is_sent_and_the_screen_says_where_to_go(default_config):
    s = services(default_config)
    shown = []
    job = a4.A4Job(s, shown.append)
    from kiosk.devices.a4printer.document import A4Document
    job.start(A4Document("receipt", b"%PDF-1.7\n", 1))
    assert shown[-1].state == a4.FAILED and shown[-1].message_key == "a4printer.error.offline"
    s.work.shutdown()
