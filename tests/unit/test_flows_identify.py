"""Identify: which cards each flow accepts, what the identify step shows of a card, what a refusal says."""
from __future__ import annotations

from datetime import date

import pytest

from kiosk.flows import identify
from kiosk.flows.offered import FLOWS
from tests.unit.flow_data import MESSAGES, card

CARD_FLOWS = [f.key for f in FLOWS if f.identify]
# A day every sample card is valid on (港澳台居民居住证 chan ends 2025-01-10, smith's card 2025-06-10).
ALL_VALID = date(2024, 6, 1)
TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("flow_key", CARD_FLOWS)
@pytest.mark.parametrize("person", ["bateer", "chan", "smith", "olga"])
def test_every_card_flow_takes_all_four_cards(flow_key, person):
    check = identify.check_card(card(person), flow_key, today=ALL_VALID)
    assert check.accepted and check.message_key == "identify.welcome"


def test_every_flow_that_starts_with_the_card_says_which_cards_it_takes():
    assert set(identify.ACCEPTED_CARDS) == set(CARD_FLOWS) == {"status", "certificates", "receipts", "rating"}


def test_the_card_is_shown_masked():
    resident = identify.check_card(card("bateer"), "status", today=TODAY)
    assert (resident.masked_name, resident.masked_id) == ("巴*尔", "150626********3015")
    assert identify.check_card(card("smith"), "status", today=ALL_VALID).masked_name == "史*斯"


def test_a_number_failing_its_check_character_is_refused_with_the_window_to_turn_to():
    check = identify.check_card(card("badcheck"), "status", today=TODAY)
    assert not check.accepted and check.message_key == "reader.id_number_invalid"
    assert check.masked_name == "李*"


def test_a_card_type_the_flow_does_not_take_is_refused_first(monkeypatch):
    monkeypatch.setitem(identify.ACCEPTED_CARDS, "certificates", frozenset({"resident"}))
    refused = identify.check_card(card("chan"), "certificates", today=ALL_VALID)
    assert not refused.accepted and refused.message_key == "reader.card_unsupported"
    assert identify.check_card(card("chan"), "status", today=ALL_VALID).accepted
    assert identify.check_card(card("badcheck", card_type="hmt_residence"), "certificates",
                               today=TODAY).message_key == \
        "reader.card_unsupported"


def test_an_identify_step_outside_a_home_tile_takes_every_card():
    assert identify.accepted_cards("") == identify.EVERY_CARD
    assert identify.check_card(card("olga"), today=TODAY).accepted


@pytest.mark.parametrize("flow_key", CARD_FLOWS)
def test_a_residence_permit_past_its_validity_is_refused_saying_where_to_go(flow_key):
    check = identify.check_card(card("chan"), flow_key, today=TODAY)        # ended 2025-01-10
    assert not check.accepted and check.message_key == "reader.card_expired"
    assert check.masked_name == "陈*明"
    assert MESSAGES.text("reader.card_expired", window="综合受理窗口") == "证件已超过有效期限，请到综合受理窗口办理"
    assert identify.check_card(card("smith"), flow_key, today=TODAY).message_key == "reader.card_expired"


def test_a_card_is_valid_through_its_last_day_and_long_term_never_ends():
    assert identify.check_card(card("chan"), "status", today=date(2025, 1, 10)).accepted
    assert not identify.check_card(card("chan"), "status", today=date(2025, 1, 11)).accepted
    assert identify.check_card(card("bateer"), "status", today=date(2099, 12, 31)).accepted    # 长期


def test_a_card_type_refused_by_the_flow_says_so_before_its_validity(monkeypatch):
    monkeypatch.setitem(identify.ACCEPTED_CARDS, "certificates", frozenset({"resident"}))
    assert identify.check_card(card("chan"), "certificates", today=TODAY).message_key == "reader.card_unsupported"
