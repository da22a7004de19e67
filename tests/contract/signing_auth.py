"""A signer written from the contract's "Signature" section alone (kiosk/platform/openapi.yaml),
not from kiosk.platform.signing: if the two ever disagree, the contract tests fail.

As a requests auth hook it signs the request exactly as it goes on the wire, so Schemathesis (or
any requests call) can talk to the simulator:

    requests.post(url, json=body, auth=ContractSigner(secret, terminal))
"""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import time
from typing import Callable

import requests

TERMINAL_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def string_to_sign(method: str, target: str, terminal: str, timestamp: str, nonce: str, body: bytes) -> str:
    """Six lines joined by one line feed, none at the end; line 6 is the body's SHA-256 in
    lowercase hex (of zero bytes when there is no body)."""
    return "\n".join((method, target, terminal, timestamp, nonce, hashlib.sha256(body).hexdigest()))


def sign(secret: str, text: str) -> str:
    """HMAC-SHA256 keyed with the UTF-8 secret over the UTF-8 string, 64 lowercase hex digits."""
    return hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


class ContractSigner(requests.auth.AuthBase):
    """Adds X-Kiosk-Terminal, -Timestamp, -Nonce and -Signature to a prepared request.

    The terminal is `terminal`, unless the JSON body names a well-formed terminal_id (and
    follow_body_terminal is left on): the contract makes the signing terminal and the body's
    terminal the same (403 terminal_mismatch otherwise), so a terminal signs its own heartbeats,
    help requests and ratings.
    """

    def __init__(self, secret: str, terminal: str, clock: Callable[[], float] = time.time, *,
                 follow_body_terminal: bool = True):
        self.secret = secret
        self.terminal = terminal
        self.clock = clock
        self.follow_body_terminal = follow_body_terminal

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        # urllib3 writes percent escapes in upper case on the wire; do it first so that what is
        # signed is byte for byte what is sent.
        request.url = _ESCAPE.sub(lambda m: m.group(0).upper(), request.url)
        target = request.path_url
        terminal = (_body_terminal(body) if self.follow_body_terminal else None) or self.terminal
        timestamp = str(int(self.clock()))
        nonce = secrets.token_hex(16)
        request.headers.update({
            "X-Kiosk-Terminal": terminal, "X-Kiosk-Timestamp": timestamp, "X-Kiosk-Nonce": nonce,
            "X-Kiosk-Signature": sign(self.secret, string_to_sign(request.method, target, terminal, timestamp,
                                                                  nonce, body)),
        })
        return request


def _body_terminal(body: bytes) -> str | None:
    try:
        value = json.loads(body).get("terminal_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and TERMINAL_ID.fullmatch(value) else None
