"""What a citizen types on a 办件编号 keypad: a receipt's dashed number is taken, a number too
short to be one is refused with a message key, nothing typed says nothing."""
from __future__ import annotations

from kiosk.flows.typed_number import MIN_LENGTH, typed_number, with_dash


def test_a_receipts_dashed_number_and_the_same_digits_give_the_same_number():
    assert typed_number("150626-20261125-000123") == ("15062620261125000123", "")
    assert typed_number("15062620261125000123") == ("15062620261125000123", "")
    assert typed_number("１５０６２６－０００００１－０００１") == ("1506260000010001", "")


def test_one_group_of_a_receipt_alone_is_too_short():
    assert typed_number("000123") == (None, "number.too_short")
    assert typed_number("1-2-3-4-5-6-7-8") == (None, "number.too_short")
    assert typed_number("1" * MIN_LENGTH) == ("1" * MIN_LENGTH, "")


def test_nothing_typed_or_dashes_alone_say_nothing():
    assert typed_number("") == (None, "")
    assert typed_number("--") == (None, "")


def test_characters_no_application_number_has_are_refused():
    assert typed_number("150626/20261125/000123") == (None, "number.bad_characters")


def test_the_dash_key_types_one_dash_after_a_character_within_the_length():
    assert with_dash("", 32) == ""
    assert with_dash("150626", 32) == "150626-"
    assert with_dash("150626-", 32) == "150626-"
    assert with_dash("1" * 32, 32) == "1" * 32
