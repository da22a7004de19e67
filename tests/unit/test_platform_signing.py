"""Request signing: what the client signs is exactly what the platform verifies, and nothing else passes."""
from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given, settings, strategies as st

from kiosk.platform.signing import (
    NONCE_HEADER, SIGNATURE_HEADER, TERMINAL_HEADER, TIMESTAMP_HEADER, SignatureError, Verifier,
    canonical_string, sign_headers,
)

SECRET = "unit-test-secret"
NOW = 1_790_000_000.0


def verifier(now: float = NOW, **kw) -> Verifier:
    return Verifier(lambda t: SECRET if t == "T1" else None, clock=lambda: now, **kw)


def test_canonical_string_is_five_lines_with_body_hash():
    text = canonical_string("post", "/kiosk/v1/ratings", "1790000000", "ab" * 16, b'{"a":1}')
    assert text.split("\n") == ["POST", "/kiosk/v1/ratings", "1790000000", "ab" * 16,
                                hashlib.sha256(b'{"a":1}').hexdigest()]


def test_signature_is_hmac_sha256_of_the_canonical_string():
    headers = sign_headers(SECRET, "T1", "GET", "/kiosk/v1/time", b"", now=NOW, nonce="00" * 16)
    expected = hmac.new(SECRET.encode(), canonical_string("GET", "/kiosk/v1/time", "1790000000", "00" * 16, b"")
                        .encode(), hashlib.sha256).hexdigest()
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
