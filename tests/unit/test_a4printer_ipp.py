"""The IPP wire format (RFC 8010) the A4 driver and the virtual A4 printer share: what is encoded
decodes to the same values, bytes match the RFC's layout, and broken messages are refused."""
from __future__ import annotations

import struct
from datetime import datetime, timezone

import pytest

from kiosk.devices.a4printer import ipp


def test_a_request_encodes_as_rfc_8010_lays_it_out():
    message = ipp.Message(ipp.OPERATIONS["Get-Printer-Attributes"], 7,
                          [ipp.Group(ipp.TAG_OPERATION, [ipp.attr("attributes-charset", ipp.CHARSET, "utf-8")])])
    body = ipp.encode(message)
    assert body[:8] == struct.pack(">BBHI", 2, 0, 0x000B, 7)
    assert body[8] == ipp.TAG_OPERATION
    assert body[9:] == bytes([ipp.CHARSET]) + struct.pack(">H", 18) + b"attributes-charset" + \
        struct.pack(">H", 5) + b"utf-8" + bytes([ipp.TAG_END])


def test_every_value_type_survives_a_round_trip():
    when = datetime(2026, 11, 25, 10, 6, 30, tzinfo=timezone.utc)
    group = ipp.Group(ipp.TAG_PRINTER, [
        ipp.attr("printer-state", ipp.ENUM, 5),
        ipp.attr("printer-state-reasons", ipp.KEYWORD, "media-jam-error", "toner-low-warning"),
        ipp.attr("printer-is-accepting-jobs", ipp.BOOLEAN, False),
        ipp.attr("printer-state-message", ipp.TEXT, "卡纸，请打开前盖"),
        ipp.attr("marker-levels", ipp.INTEGER, 80, -2),
        ipp.attr("copies-supported", ipp.RANGE, (1, 99)),
        ipp.attr("printer-resolution-default", ipp.RESOLUTION, (600, 600, 3)),
        ipp.attr("printer-current-time", ipp.DATE_TIME, when),
        ipp.attr("printer-supply", ipp.OCTET_STRING, b"index=1;level=5;"),
        ipp.attr("printer-alert", ipp.NO_VALUE),
    ])
    decoded = ipp.decode(ipp.encode(ipp.Message(0, 3, [group], data=b"%PDF-1.4 after")))
    assert decoded.code == 0 and decoded.request_id == 3 and decoded.ok
    assert decoded.values("printer-state-reasons") == ("media-jam-error", "toner-low-warning")
    assert decoded.first("printer-state", ipp.TAG_PRINTER) == 5
    assert decoded.first("printer-is-accepting-jobs") is False
    assert decoded.first("printer-state-message") == "卡纸，请打开前盖"
    assert decoded.values("marker-levels") == (80, -2)
    assert decoded.first("copies-supported") == (1, 99)
    assert decoded.first("printer-resolution-default") == (600, 600, 3)
    assert decoded.first("printer-current-time") == when
    assert decoded.first("printer-supply") == b"index=1;level=5;"
    assert decoded.first("printer-alert") is None
    assert decoded.data == b"%PDF-1.4 after"


def test_collections_decode_into_members():
    media_col = {"media-size": (ipp.BEGIN_COLLECTION, {"x-dimension": (ipp.INTEGER, 21000),
                                                        "y-dimension": (ipp.INTEGER, 29700)}),
                 "media-source": (ipp.KEYWORD, "main")}
    body = ipp.encode(ipp.Message(0, 1, [ipp.Group(ipp.TAG_PRINTER, [
        ipp.attr("media-col-ready", ipp.BEGIN_COLLECTION, media_col), ipp.attr("media-ready", ipp.KEYWORD, "a4")])]))
    decoded = ipp.decode(body)
    assert decoded.first("media-col-ready") == {"media-size": {"x-dimension": 21000, "y-dimension": 29700},
                                                "media-source": "main"}
    assert decoded.first("media-ready") == "a4"


def test_text_with_language_keeps_the_text():
    raw = struct.pack(">H", 5) + b"zh-cn" + struct.pack(">H", 6) + "缺纸".encode()
    body = struct.pack(">BBHI", 1, 1, 0, 1) + bytes([ipp.TAG_PRINTER, ipp.TEXT_WITH_LANGUAGE]) + \
        struct.pack(">H", 21) + b"printer-state-message" + struct.pack(">H", len(raw)) + raw + bytes([ipp.TAG_END])
    assert ipp.decode(body).first("printer-state-message") == "缺纸"


@pytest.mark.parametrize("body", [b"", b"\x02\x00\x00\x00\x00\x00\x00\x01",          # too short / no end tag
                                  b"\x02\x00\x00\x00\x00\x00\x00\x01\x01\x44\x00\x05ab",  # cut inside a name
                                  b"\x02\x00\x00\x00\x00\x00\x00\x01\x44\x00\x00\x00\x00\x03",  # value before group
                                  ])
def test_broken_messages_are_refused(body):
    with pytest.raises(ipp.IppFormatError):
        ipp.decode(body)


def test_a_status_code_has_its_rfc_name():
    assert ipp.Message(0x0506).status_name == "server-error-not-accepting-jobs" and not ipp.Message(0x0506).ok
