"""Masking finds ID and mobile numbers however they are written in a log line: glued to letters,
inside a URL, with a country code or separators. Ordinary numbers stay as they are."""
from __future__ import annotations

import pytest

from kiosk.masking import mask_text

ID = "150626195803123015"
OLD_ID = "150626580312301"
MOBILE = "13912345678"


@pytest.mark.parametrize("text", [
    f"ID{ID}",
    f"idcard={ID}&x=1",
    f"GET /persons?id%3D{ID}%26page%3D1",
    f"q=%20{ID}",
    f"ID{ID[:17]}X",
    f"no{OLD_ID}abc",
    f"card{ID}read",
    f"“{ID}”",
])
def test_id_numbers_glued_to_letters_or_inside_urls_are_masked(text):
    masked = mask_text(text)
    assert ID[6:14] not in masked and OLD_ID[6:12] not in masked, masked
    assert "********" in masked or "*****" in masked


@pytest.mark.parametrize("text,expected", [
    (f"call {MOBILE}", "call 139****5678"),
    ("callback +8613912345678", "callback +86139****5678"),
    ("callback +86 139 1234 5678", "callback +86 139****5678"),
    ("callback +86-139-1234-5678", "callback +86-139****5678"),
    ("callback 0086 13912345678", "callback 0086 139****5678"),
    ("callback 8613912345678", "callback 86139****5678"),
    ("tel:%2B8613912345678", "tel:%2B86139****5678"),
    ("mobile=139-1234-5678", "mobile=139****5678"),
    ("mobile 139 1234 5678.", "mobile 139****5678."),
    ("mobile 139-1234 5678", "mobile 139****5678"),
    ("tel13912345678", "tel139****5678"),
    ("10086-13912345678", "10086-139****5678"),
])
def test_mobile_numbers_in_every_common_form_are_masked(text, expected):
    assert mask_text(text) == expected


@pytest.mark.parametrize("text", [
    "application 1506260000010001 found",              # 16-digit application number
    "at 1700000000123 ms",                             # a millisecond timestamp
    "2026-11-30 08:29:16,117 INFO kiosk.app [MainThread] ready",
    "platform simulator on http://127.0.0.1:43825/kiosk/v1",
    "certificate DZZZ150626001001",
    "12345678901234567890 is a twenty-digit run",      # longer than any ID number
    "1234567890123456 sixteen digits",
    "12312345678 is not a mobile number",              # 123 is no mobile prefix
    "hotline 12345, window 3, 80 mm paper, 115200 baud",
    "request 550e8400-e29b-41d4-a716-446655440000",
])
def test_ordinary_numbers_stay_as_they_are(text):
    assert mask_text(text) == text
