"""办件进度查询 / 回执打印 decisions: what is looked up, what the list and the detail say, the receipt."""
from __future__ import annotations

import pytest

from kiosk.devices.printer.document import Field, QrCode
from kiosk.flows import status
from kiosk.flows.platform_calls import PlatformNotStarted
from kiosk.platform.models import ApplicationStatus
from kiosk.session import CitizenSession
from tests.unit.flow_data import MESSAGES, TODAY, application, card, services


@pytest.fixture
def bundle(default_config):
    s = services(default_config)
    yield s
    s.work.shutdown()


def fields(document) -> dict[str, str]:
    return {b.label: b.value for b in document.blocks if isinstance(b, Field)}


def test_the_card_is_looked_up_before_a_typed_number():
    session = CitizenSession()
    assert status.lookup_of(session) is None
    assert status.type_number(session, "1506260000010001")
    assert status.lookup_of(session) == status.Lookup(by_card=False, key="1506260000010001")
    session.set_identity(card("bateer"))
    assert status.lookup_of(session) == status.Lookup(by_card=True, key="150626195803123015")
    assert "150626195803123015" not in repr(status.lookup_of(session))
    session.wipe()


def test_an_empty_number_is_not_kept():
    session = CitizenSession()
    assert not status.type_number(session, "")
    assert session.application_number is None and status.lookup_of(session) is None


def test_list_view_marks_an_overdue_application_and_its_promised_date():
    view = status.view_of(application(), MESSAGES, TODAY)
    assert (view.status, view.overdue, view.promised) == ("审查中", "已超期5天", "承诺办结日期：2026-11-20")
    assert view.timeline[0].startswith("2026-11-10 09:30  已受理  乌审旗公安局")


def test_a_finished_application_has_no_promise_and_says_why_it_was_refused():
    refused = application(status=ApplicationStatus.NOT_ACCEPTED, reason="材料不全")
    view = status.view_of(refused, MESSAGES, TODAY)
    assert (view.overdue, view.promised, view.reason) == ("", "", "不予受理原因：材料不全")
    assert status.view_of(application(promised=None), MESSAGES, TODAY).promised == "即办"


def test_the_detail_shows_the_application_chosen_until_the_session_ends():
    session = CitizenSession()
    assert status.detail_view(session, MESSAGES, TODAY) is None
    status.choose(session, application("1506260000010002"))
    assert status.detail_view(session, MESSAGES, TODAY).application_no == "1506260000010002"
    session.wipe()
    assert status.detail_view(session, MESSAGES, TODAY) is None


def test_receipt_names_the_card_holder_masked_and_leads_to_the_application(default_config):
    session = CitizenSession()
    session.set_identity(card("wang"))      # the platform's masked name is 巴*尔: the card's must win
    document = status.receipt(session, application(), default_config.terminal, MESSAGES)
    printed = fields(document)
    assert printed["办件编号"] == "1506260000010001" and printed["申请人"] == "王*芬"
    assert printed["办理状态"] == "审查中" and printed["承诺办结时间"] == "2026-11-20"
    assert printed["终端编号"] == default_config.terminal.terminal_id
    assert next(b for b in document.blocks if isinstance(b, QrCode)).payload == "https://mobile.example.invalid/a/1"
    session.wipe()


def test_receipt_without_a_card_uses_the_platforms_masked_name_and_the_app_address(default_config):
    session = CitizenSession()
    same_day = application(promised=None, mobile_url=None)
    document = status.receipt(session, same_day, default_config.terminal, MESSAGES)
    assert fields(document)["申请人"] == "巴*尔" and fields(document)["承诺办结时间"] == "即办"
    assert next(b for b in document.blocks if isinstance(b, QrCode)).payload == default_config.terminal.mobile_app_url


def test_nothing_to_look_up_starts_the_flow_again_without_asking(bundle):
    errors = []
    assert not status.look_up(bundle, lambda found: errors.append(found), errors.append)
    assert errors == []


def test_a_platform_not_started_is_a_failure_that_says_what_to_do(bundle):
    errors = []
    status.type_number(bundle.session, "1506260000010001")
    assert status.look_up(bundle, lambda found: errors.append(found), errors.append)
    assert [type(e) for e in errors] == [PlatformNotStarted]
    assert errors[0].message_key == "platform.unavailable"


# the 办件编号 as a receipt prints it --------------------------------------------------------------
def test_a_number_typed_as_the_receipt_prints_it_is_looked_up_without_its_dashes():
    from kiosk.services.documents.samples import sample_receipt

    printed = sample_receipt().application_no
    assert printed == "150626-20261125-000123"
    assert status.normalise_application_number(printed) == "15062620261125000123"
    assert status.normalise_application_number("15062620261125000123") == "15062620261125000123"
    assert status.normalise_application_number(" 150626 － 2026１１25-000123 ") == "15062620261125000123"
    session = CitizenSession()
    assert status.type_number(session, printed)
    assert status.lookup_of(session) == status.Lookup(by_card=False, key="15062620261125000123")


def test_what_holds_no_number_is_not_kept():
    session = CitizenSession()
    for typed in ("", "-", "--", " ", "12/3", "1" * 51):
        assert status.normalise_application_number(typed) is None, typed
        assert not status.type_number(session, typed)
    assert session.application_number is None


def test_the_display_groups_the_number_as_the_receipt_does():
    assert status.shown_number("15062620261125000123") == "150626-20261125-000123"
    assert status.shown_number("150626-2026") == "150626-2026"        # the citizen's own dashes
    assert status.shown_number("1506260000010001") == "1506260000010001"  # printed as one run
    assert status.shown_number("150626--2026") == "150626-2026"
