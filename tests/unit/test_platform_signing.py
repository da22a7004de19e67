"""Request signing: what the client signs is exactly what the platform verifies, and nothing else passes."""
from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given, settings, strategies as st

from kiosk.platform.signing import (
    NONCE_HEADER, SIGNATURE_HEADER, TERMINAL_HEADER, TIMESTAMP_HEADER, SignatureError, Verifier,
    canonical_string, sign_headers, signature,
)

SECRET = "unit-test-secret"
NOW = 1_790_000_000.0


def verifier(now: float = NOW, **kw) -> Verifier:
    return Verifier(lambda t: SECRET if t == "T1" else None, clock=lambda: now, **kw)


def test_canonical_string_is_six_lines_with_terminal_and_body_hash():
    text = canonical_string("post", "/kiosk/v1/ratings", "T1", "1790000000", "ab" * 16, b'{"a":1}')
    assert text.split("\n") == ["POST", "/kiosk/v1/ratings", "T1", "1790000000", "ab" * 16,
                                hashlib.sha256(b'{"a":1}').hexdigest()]


def test_signature_is_hmac_sha256_of_the_canonical_string():
    headers = sign_headers(SECRET, "T1", "GET", "/kiosk/v1/time", b"", now=NOW, nonce="00" * 16)
    expected = hmac.new(SECRET.encode(), canonical_string("GET", "/kiosk/v1/time", "T1", "1790000000", "00" * 16,
                                                          b"").encode(), hashlib.sha256).hexdigest()
    assert headers == {TERMINAL_HEADER: "T1", TIMESTAMP_HEADER: "1790000000", NONCE_HEADER: "00" * 16,
                       SIGNATURE_HEADER: expected}


def test_fresh_nonce_each_time():
    a = sign_headers(SECRET, "T1", "GET", "/x", b"", now=NOW)
    b = sign_headers(SECRET, "T1", "GET", "/x", b"", now=NOW)
    assert a[NONCE_HEADER] != b[NONCE_HEADER] and len(a[NONCE_HEADER]) == 32


def test_verifier_accepts_a_good_request_once_then_rejects_the_replay():
    v = verifier()
    headers = sign_headers(SECRET, "T1", "POST", "/p", b"{}", now=NOW)
    assert v.verify("POST", "/p", headers, b"{}") == "T1"
    with pytest.raises(SignatureError) as e:
        v.verify("POST", "/p", headers, b"{}")
    assert e.value.code == "reused_nonce"


@pytest.mark.parametrize("change, code", [
    (dict(method="GET"), "bad_signature"),
    (dict(path="/other"), "bad_signature"),
    (dict(body=b'{"x":2}'), "bad_signature"),
    (dict(secret="another-secret"), "bad_signature"),
    (dict(terminal="T2"), "unknown_terminal"),
    (dict(now=NOW - 301), "stale_timestamp"),
    (dict(now=NOW + 301), "stale_timestamp"),
])
def test_verifier_rejects(change, code):
    signed = dict(method="POST", path="/p", body=b'{"x":1}', secret=SECRET, terminal="T1", now=NOW)
    signed.update(change)
    headers = sign_headers(signed["secret"], signed["terminal"], signed["method"], signed["path"], signed["body"],
                           now=signed["now"])
    with pytest.raises(SignatureError) as e:
        verifier().verify("POST", "/p", headers, b'{"x":1}')
    assert e.value.code == code


def test_missing_header_is_missing_signature():
    headers = sign_headers(SECRET, "T1", "GET", "/p", b"", now=NOW)
    del headers[NONCE_HEADER]
    with pytest.raises(SignatureError) as e:
        verifier().verify("GET", "/p", headers, b"")
    assert e.value.code == "missing_signature"


def test_clock_check_can_be_skipped_but_not_the_signature():
    v = verifier()
    old = sign_headers(SECRET, "T1", "GET", "/time", b"", now=NOW - 3600)
    assert v.verify("GET", "/time", old, b"", check_clock=False) == "T1"
    forged = dict(old, **{SIGNATURE_HEADER: "0" * 64, NONCE_HEADER: "1" * 32})
    with pytest.raises(SignatureError):
        v.verify("GET", "/time", forged, b"", check_clock=False)


@settings(max_examples=60, deadline=None)
@given(body=st.binary(max_size=200), path=st.from_regex(r"/[a-z0-9/._-]{0,40}", fullmatch=True),
       flip=st.integers(min_value=0, max_value=10_000))
def test_any_body_verifies_and_any_changed_byte_fails(body, path, flip):
    v = verifier()
    headers = sign_headers(SECRET, "T1", "POST", path, body, now=NOW)
    assert v.verify("POST", path, dict(headers), body) == "T1"
    if body:
        i = flip % len(body)
        tampered = body[:i] + bytes([body[i] ^ 0x01]) + body[i + 1:]
        fresh = sign_headers(SECRET, "T1", "POST", path, body, now=NOW)
        with pytest.raises(SignatureError):
            v.verify("POST", path, fresh, tampered)


def test_a_request_replayed_under_another_terminal_is_refused():
    # Every well-formed terminal may share one secret (the simulator does), and nonces are
    # remembered per terminal: only signing the terminal id stops this replay.
    v = Verifier(lambda t: SECRET, clock=lambda: NOW)
    headers = sign_headers(SECRET, "T1", "POST", "/kiosk/v1/ratings", b"{}", now=NOW)
    assert v.verify("POST", "/kiosk/v1/ratings", headers, b"{}") == "T1"
    for other in ("T2", "t1", "T1-"):
        with pytest.raises(SignatureError) as e:
            v.verify("POST", "/kiosk/v1/ratings", dict(headers, **{TERMINAL_HEADER: other}), b"{}")
        assert e.value.code == "bad_signature"


@pytest.mark.parametrize("header, value, code", [
    (NONCE_HEADER, "not-a-nonce", "bad_signature"),
    (NONCE_HEADER, "AB" * 16, "bad_signature"),                 # upper case
    (NONCE_HEADER, "ab" * 15, "bad_signature"),                 # 30 digits
    (TIMESTAMP_HEADER, "+1790000000", "bad_signature"),
    (TIMESTAMP_HEADER, " 1790000000", "bad_signature"),
    (TERMINAL_HEADER, "T 1", "unknown_terminal"),
    (TERMINAL_HEADER, "T" * 33, "unknown_terminal"),
])
def test_headers_outside_their_format_are_refused_even_when_signed(header, value, code):
    signed = dict(secret=SECRET, terminal="T1", method="GET", target="/kiosk/v1/time", body=b"", now=NOW,
                  nonce="ab" * 16)
    if header == NONCE_HEADER:
        signed["nonce"] = value
    headers = sign_headers(signed["secret"], signed["terminal"], signed["method"], signed["target"], b"",
                           now=NOW, nonce=signed["nonce"])
    headers[header] = value
    if header == TIMESTAMP_HEADER:      # signed with exactly this text, so only the format can fail it
        headers[SIGNATURE_HEADER] = signature(SECRET, "GET", "/kiosk/v1/time", "T1", value, signed["nonce"], b"")
    with pytest.raises(SignatureError) as e:
        Verifier(lambda t: SECRET, clock=lambda: NOW).verify("GET", "/kiosk/v1/time", headers, b"")
    assert e.value.code == code


def test_an_upper_case_signature_is_refused():
    headers = sign_headers(SECRET, "T1", "GET", "/kiosk/v1/time", b"", now=NOW)
    headers[SIGNATURE_HEADER] = headers[SIGNATURE_HEADER].upper()
    with pytest.raises(SignatureError) as e:
        verifier().verify("GET", "/kiosk/v1/time", headers, b"")
    assert e.value.code == "bad_signature"
