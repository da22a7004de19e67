"""证照打印 decisions: only the card holder, only a valid certificate, the printout's content."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.devices.printer.document import Field, QrCode, Text
from kiosk.flows import certificates
from kiosk.platform.models import CHINA_TZ, CertificatePrintData
from kiosk.session import CitizenSession
from tests.unit.flow_data import MESSAGES, card, certificate, services


@pytest.fixture
def bundle(default_config):
    s = services(default_config)
    yield s
    s.session.wipe()
    s.work.shutdown()


def print_data(valid_until: date | None = None) -> CertificatePrintData:
    return CertificatePrintData(
        certificate_id="C-1", type_name="个体工商户营业执照", number="92150626MA0N2X8Q4K", holder_name="巴特尔",
        holder_id_masked="150626********3015", issuer="乌审旗市场监督管理局", issued_on=date(2021, 3, 15),
        valid_until=valid_until, fields=(), verification_code="7Q4K-2M9X-81PA",
        verification_url="https://verify.example.invalid/c?c=7Q4K", generated_at=datetime(2026, 11, 25, tzinfo=CHINA_TZ))


def test_only_a_card_read_at_the_terminal_is_a_holder():
    session = CitizenSession()
    session.application_number = "1506260000010001"     # a typed number never unlocks certificates
    assert certificates.holder(session) is None
    session.set_identity(card("bateer"))
    assert certificates.holder(session).id_number == "150626195803123015"
    session.wipe()


def test_list_row_shows_issuer_and_status_and_whether_it_prints():
    valid, revoked = certificates.view_of(certificate(), MESSAGES), certificates.view_of(certificate("revoked"), MESSAGES)
    assert (valid.type_name, valid.detail, valid.printable) == ("个体工商户营业执照", "乌审旗市场监督管理局  有效", True)
    assert (revoked.detail, revoked.printable) == ("乌审旗市场监督管理局  已注销", False)


def test_without_a_holder_the_flow_starts_again_and_nothing_is_asked(bundle):
    asked = []
    assert not certificates.look_up(bundle, asked.append, asked.append)
    assert not certificates.fetch_printout(bundle, certificate(), asked.append, asked.append)
    assert asked == []


def test_nothing_prints_without_a_printer_or_for_an_invalid_certificate(bundle):
    asked = []
    bundle.session.set_identity(card("bateer"))
    assert not certificates.can_print(bundle, certificate())            # no parts started
    assert not certificates.can_print(bundle, certificate("expired"))
    assert not certificates.look_up(bundle, asked.append, asked.append)  # no platform: start again
    assert asked == []


def test_printout_masks_the_holder_and_carries_the_verification_code(default_config):
    document = certificates.printout(print_data(), default_config.terminal)
    printed = {b.label: b.value for b in document.blocks if isinstance(b, Field)}
    texts = [b.text for b in document.blocks if isinstance(b, Text)]
    assert printed["持证人"] == "巴*尔" and printed["有效期"] == "2021-03-15 至 长期"
    assert "核验码：7Q4K-2M9X-81PA" in texts and "仅供查验" in texts
    assert next(b for b in document.blocks if isinstance(b, QrCode)).payload == "https://verify.example.invalid/c?c=7Q4K"
    assert printed["终端编号"] == default_config.terminal.terminal_id
    dated = certificates.printout(print_data(date(2031, 3, 14)), default_config.terminal)
    assert {b.label: b.value for b in dated.blocks if isinstance(b, Field)}["有效期"] == "2021-03-15 至 2031-03-14"
