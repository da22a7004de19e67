"""Identify: which cards each flow accepts, what the identify step shows of a card, what a refusal says."""
from __future__ import annotations

import pytest

from kiosk.flows import identify
from kiosk.flows.offered import FLOWS
from tests.unit.flow_data import card

CARD_FLOWS = [f.key for f in FLOWS if f.identify]


@pytest.mark.parametrize("flow_key", CARD_FLOWS)
@pytest.mark.parametrize("person", ["bateer", "chan", "smith", "olga"])
def test_every_card_flow_takes_all_four_cards(flow_key, person):
    check = identify.check_card(card(person), flow_key)
    assert check.accepted and check.message_key == "identify.welcome"


def test_every_flow_that_starts_with_the_card_says_which_cards_it_takes():
    assert set(identify.ACCEPTED_CARDS) == set(CARD_FLOWS) == {"status", "certificates", "receipts", "rating"}


def test_the_card_is_shown_masked():
    resident = identify.check_card(card("bateer"), "status")
    assert (resident.masked_name, resident.masked_id) == ("巴*尔", "150626********3015")
    assert identify.check_card(card("smith"), "status").masked_name == "史*斯"


def test_a_number_failing_its_check_character_is_refused_with_the_window_to_turn_to():
    check = identify.check_card(card("badcheck"), "status")
    assert not check.accepted and check.message_key == "reader.id_number_invalid"
    assert check.masked_name == "李*"


def test_a_card_type_the_flow_does_not_take_is_refused_first(monkeypatch):
    monkeypatch.setitem(identify.ACCEPTED_CARDS, "certificates", frozenset({"resident"}))
    refused = identify.check_card(card("chan"), "certificates")
    assert not refused.accepted and refused.message_key == "reader.card_unsupported"
    assert identify.check_card(card("chan"), "status").accepted
    assert identify.check_card(card("badcheck", card_type="hmt_residence"), "certificates").message_key == \
        "reader.card_unsupported"


def test_an_identify_step_outside_a_home_tile_takes_every_card():
    assert identify.accepted_cards("") == identify.EVERY_CARD
    assert identify.check_card(card("olga")).accepted
