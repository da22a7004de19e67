"""GA 467 frame codec: the documented frames byte for byte, incremental parsing, resync, caps."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.devices.idcard import frames
from kiosk.devices.idcard.frames import FrameParser, build_request, build_response

H = bytes.fromhex


@pytest.mark.parametrize("cmd,para,wire", [
    (0x10, 0xFF, "AAAAAA9669 0003 10FF EC"),     # reset SAM
    (0x11, 0xFF, "AAAAAA9669 0003 11FF ED"),     # SAM status
    (0x12, 0xFF, "AAAAAA9669 0003 12FF EE"),     # SAM ID
    (0x20, 0x01, "AAAAAA9669 0003 2001 22"),     # find card
    (0x20, 0x02, "AAAAAA9669 0003 2002 21"),     # select card
    (0x30, 0x01, "AAAAAA9669 0003 3001 32"),     # read text + photo
    (0x30, 0x10, "AAAAAA9669 0003 3010 23"),     # read text + photo + fingerprint
    (0x30, 0x03, "AAAAAA9669 0003 3003 30"),     # read appended address
    (0x60, 0x00, "AAAAAA9669 0003 6000 63"),     # set baud 115200
    (0x60, 0x04, "AAAAAA9669 0003 6004 67"),     # set baud 9600
])
def test_requests_match_the_protocol_document(cmd, para, wire):
    assert build_request(cmd, para) == H(wire)
    (req,) = FrameParser("request").feed(H(wire))
    assert (req.cmd, req.para, req.data) == (cmd, para, b"")


@pytest.mark.parametrize("wire,sw3,data", [
    ("AAAAAA9669 0004 000090 94", 0x90, b""),
    ("AAAAAA9669 0004 000060 64", 0x60, b""),
    ("AAAAAA9669 0004 000080 84", 0x80, b""),
    ("AAAAAA9669 0004 000081 85", 0x81, b""),
    ("AAAAAA9669 0008 00009F 00000000 97", 0x9F, bytes(4)),
])
def test_documented_responses_parse_and_rebuild(wire, sw3, data):
    (resp,) = FrameParser().feed(H(wire))
    assert (resp.sw3, resp.data) == (sw3, data)
    assert build_response(sw3, data) == H(wire)


def test_read_response_is_1295_bytes():
    data = b"\x01\x00\x04\x00" + bytes(256) + bytes(1024)
    assert len(build_response(0x90, data)) == 1295


def test_frames_fed_one_byte_at_a_time():
    wire = build_response(0x90, bytes(range(200))) + build_response(0x91)
    parser = FrameParser()
    got = []
    for b in wire:
        got += parser.feed(bytes([b]))
    assert [(r.sw3, r.data) for r in got] == [(0x90, bytes(range(200))), (0x91, b"")]
    assert parser.buffered == 0


def test_resynchronises_after_garbage_and_a_split_preamble():
    frame = build_response(0x90, b"abc")
    parser = FrameParser()
    assert parser.feed(b"\x00\xff\xaa\xaa" + frame[:3]) == []
    (resp,) = parser.feed(frame[3:])
    assert resp.data == b"abc"
    assert parser.discarded_bytes == 4


def test_bad_checksum_is_rejected_and_counted():
    frame = bytearray(build_response(0x90, b"xyz"))
    frame[-1] ^= 1
    parser = FrameParser()
    assert parser.feed(bytes(frame)) == []
    assert parser.bad_checksums == 1
    (resp,) = parser.feed(build_response(0x90, b"ok"))
    assert resp.data == b"ok"


def test_length_above_the_protocol_maximum_is_not_waited_for():
    bogus = frames.PREAMBLE + (frames.MAX_LEN + 1).to_bytes(2, "big") + b"\x00\x00\x90"
    parser = FrameParser()
    (resp,) = parser.feed(bogus + build_response(0x90, b"next"))
    assert resp.data == b"next"
    assert parser.bad_lengths == 1


def test_truncated_frame_is_reported_as_in_frame_with_bytes_wanted():
    frame = build_response(0x90, bytes(100))
    parser = FrameParser()
    assert parser.feed(frame[:50]) == []
    assert parser.in_frame
    assert parser.wanted() == len(frame) - 50


def test_oversized_data_is_refused_when_building():
    with pytest.raises(ValueError):
        build_response(0x90, bytes(frames.MAX_DATA + 1))
    with pytest.raises(ValueError):
        build_request(0x30, 0x01, bytes(frames.MAX_DATA + 1))


@settings(max_examples=300, deadline=500)
@given(st.lists(st.binary(max_size=300), max_size=20), st.sampled_from(["response", "request"]))
def test_arbitrary_bytes_never_crash_or_grow_the_buffer(chunks, kind):
    parser = FrameParser(kind)
    for chunk in chunks:
        for frame in parser.feed(chunk):
            assert frame.sw3 if kind == "response" else frame.cmd is not None
        assert parser.buffered <= frames.MAX_FRAME
        assert parser.wanted() >= 1


@settings(max_examples=200, deadline=500)
@given(st.binary(max_size=200).filter(lambda b: 0xAA not in b), st.binary(max_size=frames.MAX_DATA),
       st.integers(0, 255), st.integers(1, 64))
def test_a_frame_after_noise_survives_any_split(noise, data, sw3, step):
    wire = noise + build_response(sw3, data)
    parser = FrameParser()
    got = []
    for i in range(0, len(wire), step):
        got += parser.feed(wire[i:i + step])
    assert [(r.sw3, r.data) for r in got] == [(sw3, data)]


@settings(max_examples=100, deadline=1000)
@given(st.binary(min_size=1, max_size=4000))
def test_preamble_flood_with_random_tail_terminates(tail):
    parser = FrameParser()
    parser.feed(frames.PREAMBLE * 50 + tail)
    assert parser.buffered <= frames.MAX_FRAME
