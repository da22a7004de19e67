"""Odd card data is refused, not passed on: impossible dates, invalid UTF-16, control and bidi
characters; and whether a document has expired on a given day."""
from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.devices.idcard.card import LAYOUTS, build_appended_addresses, build_text_block, parse_appended_addresses, \
    parse_text_block
from kiosk.devices.idcard.errors import CardDataError, CardReadFailed
from kiosk.sim.idcard_sim import load_people

PEOPLE = load_people()
WANG = PEOPLE["wang"]


def refused(block: bytes) -> CardDataError:
    with pytest.raises(CardDataError) as info:
        parse_text_block(block)
    exc = info.value
    assert exc.message_key == "reader.card_invalid" and not exc.for_technician
    assert isinstance(exc, CardReadFailed)          # the watcher reports it as a failed read
    return exc


def patched(person: dict, field: str, raw: bytes) -> bytes:
    """The person's text block with `raw` written over the start of `field`."""
    offset, size = LAYOUTS[person["card_type"]][field]
    assert len(raw) <= size
    block = bytearray(build_text_block(person))
    block[offset:offset + len(raw)] = raw
    return bytes(block)


# ---- dates ----------------------------------------------------------------------------------
@pytest.mark.parametrize("field", ["birth_date", "valid_from", "valid_to"])
@pytest.mark.parametrize("value", ["19581399", "00000000", "19580230", "20230229", "1958031", "1958 312",
                                   "1958-3-1", "２０１８０５２０", "18991231", "21000101", "", "        "])
def test_impossible_dates_are_refused_and_the_value_is_not_in_the_message(field, value):
    person = {**WANG, "birth_date": "19580312", "valid_from": "20160301", "valid_to": "20360301", field: value}
    exc = refused(build_text_block(person))
    assert exc.field == field
    if value.strip():
        assert value not in str(exc)


@pytest.mark.parametrize("field", ["birth_date", "valid_from"])
def test_long_term_is_only_an_end_date(field):
    assert refused(build_text_block(dict(WANG, **{field: "长期"}))).field == field
    assert parse_text_block(build_text_block(dict(WANG, valid_to="长期"))).valid_to == "长期"


def test_validity_that_ends_before_it_starts_is_refused():
    assert refused(build_text_block(dict(WANG, valid_from="20360301", valid_to="20160301"))).field == "valid_to"


def test_a_card_issued_before_its_holder_was_born_is_refused():
    assert refused(build_text_block(dict(WANG, birth_date="20200101"))).field == "birth_date"


@pytest.mark.parametrize("key", list(PEOPLE))
def test_every_sample_card_keeps_its_dates(key):
    card = parse_text_block(build_text_block(PEOPLE[key]))
    person = PEOPLE[key]
    assert card.birth_date.replace("-", "") == person["birth_date"]
    assert card.valid_from.replace("-", "") == person["valid_from"]
    assert card.valid_to.replace("-", "") == person["valid_to"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_a_birth_date_passes_exactly_when_it_is_a_calendar_date_from_1900_to_2099(digits):
    person = dict(WANG, birth_date=digits, valid_from="20991231", valid_to="长期")
    try:
        real = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        real = None
    if real is not None and 1900 <= real.year <= 2099:
        assert parse_text_block(build_text_block(person)).birth_date == real.isoformat()
    else:
        assert refused(build_text_block(person)).field == "birth_date"


# ---- characters -----------------------------------------------------------------------------
@pytest.mark.parametrize("raw", [
    b"\x00\xd8\x2b\x59",          # a high surrogate followed by a character that is not a low one
    b"\x2b\x59\x00\xdc",          # a low surrogate with nothing before it
    b"\x00\xd8\x20\x00",          # a high surrogate and then the padding
])
def test_invalid_utf16_in_a_name_is_refused_not_replaced(raw):
    exc = refused(patched(WANG, "name", raw))
    assert exc.field == "name"


def test_an_unpaired_surrogate_in_the_last_byte_pair_of_a_field_is_refused():
    offset, size = LAYOUTS["resident"]["authority"]
    block = bytearray(build_text_block(WANG))
    block[offset + size - 2:offset + size] = b"\x00\xd8"
    assert refused(bytes(block)).field == "authority"


ODD_CHARACTERS = ["\u202e",   # right-to-left override
                  "\u202a", "\u202d", "\u2066", "\u2067", "\u2069", "\u200e", "\u200f", "\u061c",   # bidi
                  "\u200b", "\u200d", "\ufeff", "\u00ad",   # zero width, byte order mark, soft hyphen
                  "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\x00",   # control characters (NUL inside text)
                  "\u2028", "\u2029",   # line and paragraph separators
                  "\ufffd", "\uffff", "\ufdd0"]   # a replacement character and non-characters


@pytest.mark.parametrize("char", ODD_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_control_and_format_characters_in_the_address_are_refused(char):
    address = "内蒙古自治区鄂尔多斯市" + char + "乌审旗嘎鲁图镇"
    exc = refused(build_text_block(dict(WANG, address=address)))
    assert exc.field == "address"
    assert f"U+{ord(char):04X}" in str(exc) and "乌审旗" not in str(exc)


@pytest.mark.parametrize("field", ["name", "id_number", "authority"])
def test_a_right_to_left_override_anywhere_is_refused(field):
    value = {"name": "王\u202e淑芬", "id_number": "150626\u202e98507064026", "authority": "乌审旗\u202e公安局"}
    assert refused(build_text_block(dict(WANG, **{field: value[field]}))).field == field


def test_foreign_cards_are_checked_too():
    assert refused(build_text_block(dict(PEOPLE["smith"], english_name="SMITH,\u202e JOHN"))).field == "english_name"
    olga = dict(PEOPLE["olga"], english_name="IVANOVA-PETROVSKAYA, OLGA\u200bALEKSANDROVNA")
    assert refused(build_text_block(olga)).field == "english_name"


def test_nul_padding_is_still_padding():
    offset, size = LAYOUTS["resident"]["authority"]
    block = bytearray(build_text_block(WANG))
    raw = WANG["authority"].encode("utf-16-le")
    block[offset:offset + size] = raw + bytes(size - len(raw))
    assert parse_text_block(bytes(block)).authority == WANG["authority"]


def test_appended_addresses_are_checked_too():
    assert parse_appended_addresses(build_appended_addresses(["乌审旗嘎鲁图镇新区7号"])) == ("乌审旗嘎鲁图镇新区7号",)
    with pytest.raises(CardDataError) as info:
        parse_appended_addresses(build_appended_addresses(["乌审旗\u202e嘎鲁图镇"]))
    assert info.value.message_key == "reader.card_invalid" and info.value.field == "appended_address"
    with pytest.raises(CardDataError):
        parse_appended_addresses(b"\x00\xd8" + build_appended_addresses(["图克镇"])[2:])


REFUSED_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")


def _plain(c: str) -> bool:
    return unicodedata.category(c) not in REFUSED_CATEGORIES and c != "\ufffd" \
        and not (0xFDD0 <= ord(c) <= 0xFDEF or ord(c) & 0xFFFE == 0xFFFE)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=0xFFFF).filter(_plain), min_size=1, max_size=15))
def test_any_name_of_plain_characters_reads_back(name):
    card = parse_text_block(build_text_block(dict(WANG, name=name)))
    assert card.name == (name.strip() or None)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=0xFFFF).filter(_plain), max_size=10),
       st.characters(max_codepoint=0xFFFF).filter(lambda c: not _plain(c) and unicodedata.category(c) != "Cs"),
       st.text(st.characters(max_codepoint=0xFFFF).filter(_plain), max_size=10))
def test_any_address_with_an_odd_character_inside_is_refused(before, odd, after):
    assert refused(build_text_block(dict(WANG, address=before + odd + "镇" + after))).field == "address"


# ---- expiry ---------------------------------------------------------------------------------
def test_a_document_is_valid_through_its_end_date_and_expired_after_it():
    card = parse_text_block(build_text_block(WANG))          # 2016-03-01 to 2036-03-01
    assert not card.expired_on(date(2026, 11, 30))
    assert not card.expired_on(date(2036, 3, 1))
    assert card.expired_on(date(2036, 3, 2))


def test_long_term_never_expires():
    card = parse_text_block(build_text_block(PEOPLE["bateer"]))
    assert not card.expired_on(date(2099, 12, 31))


@pytest.mark.parametrize("key,end", [("chan", date(2025, 1, 10)), ("smith", date(2025, 6, 10)),
                                     ("olga", date(2033, 12, 1))])
def test_residence_permits_and_foreign_cards_expire_too(key, end):
    card = parse_text_block(build_text_block(PEOPLE[key]))
    assert not card.expired_on(end) and card.expired_on(date.fromordinal(end.toordinal() + 1))
