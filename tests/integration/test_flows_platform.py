"""The flows over real parts: the platform simulator over HTTP on 127.0.0.1 and the virtual printer,
results delivered as the app's UI thread would get them (drained here)."""
from __future__ import annotations

import pytest

from kiosk.devices.printer.document import Field, Text
from kiosk.flows import certificates, guide, help as help_flow, status
from kiosk.flows.context import Services
from kiosk.i18n import Catalogue as Messages
from kiosk.parts import open_parts_for_checks
from kiosk.config.platform import PlatformSettings
from kiosk.platform.client import PlatformClient
from kiosk.platform.errors import PlatformRejected
from kiosk.services.idle import IdleTimer
from kiosk.session import CitizenSession
from kiosk.threads import BackgroundWork, ManualDelivery
from tests.conftest import config_with, wait_for
from tests.unit.flow_data import card

BATEER, WANG = "150626195803123015", "150626198507064026"


@pytest.fixture
def terminal(default_config, tmp_path):
    config = config_with(default_config, printer={"output_dir": str(tmp_path / "prints")},
                         platform={"read_timeout_s": 2.0, "connect_timeout_s": 0.5, "retries": 0})
    started = open_parts_for_checks(config, reader=False)
    assert not started.parts.problems, started.parts.problems
    yield started
    started.stop()


@pytest.fixture
def delivery():
    return ManualDelivery()


@pytest.fixture
def bundle(terminal, delivery):
    services = Services(config=terminal.config, catalogue=Messages("zh_CN"), session=CitizenSession(),
                        work=BackgroundWork(delivery), idle=IdleTimer(60, 10), parts=terminal.parts)
    yield services
    services.session.wipe()
    services.work.shutdown()


def settle(delivery, got: list, count: int = 1) -> list:
    """Delivers the flow's answers (as the UI thread would) until `count` have arrived."""
    assert wait_for(lambda: delivery.drain(0.02) >= 0 and len(got) >= count), got
    return got


def test_by_card_the_holders_applications_are_kept_in_the_session(bundle, delivery):
    got: list = []
    bundle.session.set_identity(card("bateer"))
    assert status.look_up(bundle, got.append, got.append)
    (listing,) = settle(delivery, got)
    found = listing.applications
    assert len(found) >= 3 and found is bundle.session.applications
    assert all(a.applicant_name_masked == "巴*尔" for a in found)
    assert [row["number"] for row in listing.rows] == [a.application_no for a in found] and not listing.more


def test_by_typed_number_the_one_application(bundle, delivery, terminal):
    got: list = []
    number = sorted(terminal.simulated.platform.data.applications_by_no)[0]
    status.type_number(bundle.session, number)
    assert status.look_up(bundle, got.append, got.append)
    (listing,) = settle(delivery, got)
    assert [a.application_no for a in listing.applications] == [number]


def test_the_holder_gets_a_printout_of_a_certificate_and_nobody_elses(bundle, delivery, terminal):
    got: list = []
    bundle.config = config_with(bundle.config, a4printer={"installed": False})   # the slip, where there is no A4
    bundle.session.set_identity(card("bateer"))
    assert certificates.look_up(bundle, got.append, got.append)
    (listed,) = settle(delivery, got)
    mine = next(c for c in listed if certificates.can_print(bundle, c))
    assert certificates.fetch_printout(bundle, mine, got.append, got.append)
    document = settle(delivery, got, 2)[1]
    assert document.kind == "certificate" and "仅供查验" in [b.text for b in document.blocks if isinstance(b, Text)]
    assert {b.label: b.value for b in document.blocks if isinstance(b, Field)}["持证人"] == "巴*尔"

    theirs = next(c for c in terminal.parts.platform.certificates_of(WANG) if c.printable)
    assert certificates.fetch_printout(bundle, theirs, got.append, got.append)
    refused = settle(delivery, got, 3)[2]
    assert isinstance(refused, PlatformRejected)


def test_with_an_a4_printer_the_holder_gets_the_platforms_copy_with_the_footer(bundle, delivery, terminal):
    from kiosk.flows import a4

    got: list = []
    bundle.session.set_identity(card("bateer"))
    assert a4.certificate_printer(bundle) == a4.A4
    assert certificates.look_up(bundle, got.append, got.append)
    (listed,) = settle(delivery, got)
    mine = next(c for c in listed if certificates.can_print(bundle, c))
    # The simulator lays a copy out once (fpdf2 and the CJK font: ~1 s here, more under load);
    # asked once with a patient client, so the fixture's 2 s read timeout measures the flow.
    patient = PlatformClient(PlatformSettings(secret=terminal.config.platform.secret, read_timeout_s=30,
                                              retries=0), terminal.config.terminal.terminal_id,
                             base_url=terminal.config.platform.base_url)
    platform_pdf = patient.certificate_copy(mine.certificate_id, BATEER).pdf
    patient.close()
    assert not certificates.fetch_printout(bundle, mine, got.append, got.append)     # no slip: the copy
    assert certificates.fetch_copy(bundle, mine, got.append, got.append)
    document = settle(delivery, got, 2)[1]
    assert document.kind == "certificate_copy" and document.pages == 2 and document.summary == mine.type_name
    assert len(document.pdf) > len(platform_pdf)          # the platform's pages, and the footer over them

    theirs = next(c for c in terminal.parts.platform.certificates_of(WANG) if c.printable)
    assert certificates.fetch_copy(bundle, theirs, got.append, got.append)
    refused = settle(delivery, got, 3)[2]
    assert isinstance(refused, PlatformRejected) and refused.code == "not_holder"


def test_the_catalogue_is_asked_for_once_a_session(bundle, delivery, terminal):
    got: list = []
    assert not guide.fetch_catalogue(bundle, got.append, got.append)
    (catalogue,) = settle(delivery, got)
    assert catalogue is bundle.session.catalogue and catalogue.themes
    terminal.simulated.platform.set_fault("error500")
    assert guide.fetch_catalogue(bundle, got.append, got.append)
    delivery.drain(0.2)
    assert got == [catalogue]


def test_calling_staff_twice_reaches_the_hall_once(bundle, delivery, terminal):
    got: list = []
    assert help_flow.call_staff(bundle, got.append, got.append)
    assert help_flow.call_staff(bundle, got.append, got.append)
    first, second = settle(delivery, got, 2)
    assert first.ticket_no == second.ticket_no
    assert len(terminal.simulated.platform.help_requests) == 1
