"""Request signing shared by the client and the platform simulator, as the contract's "Signature"
section (kiosk/platform/openapi.yaml) specifies it byte for byte.

Every request carries four headers:

    X-Kiosk-Terminal   the terminal id, [A-Za-z0-9_-]{1,32} (selects the secret on the platform)
    X-Kiosk-Timestamp  Unix time in whole seconds when the request was signed, [0-9]{1,12}
    X-Kiosk-Nonce      32 random lowercase hex digits, never reused
    X-Kiosk-Signature  64 lowercase hex digits: HMAC-SHA256(UTF-8 secret, UTF-8 string to sign)

The string to sign is six lines joined by "\\n", with no trailing newline:

    METHOD            upper case, e.g. POST
    target            the path and "?query" exactly as in the request line, percent-encoded as sent,
                      including the base path (/kiosk/v1/...)
    terminal          exactly as in X-Kiosk-Terminal
    timestamp         exactly as in X-Kiosk-Timestamp
    nonce             exactly as in X-Kiosk-Nonce
    sha256(body)      lower-case hex of the SHA-256 of the body bytes (of b"" when there is none)

Every header the platform relies on is signed, so a request replayed under another terminal id
fails. The platform rejects a timestamp more than `window_s` away from its clock
(stale_timestamp) and a nonce that terminal has used within twice that window (reused_nonce).
A retry is therefore signed afresh.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Callable, Mapping

TERMINAL_HEADER = "X-Kiosk-Terminal"
TIMESTAMP_HEADER = "X-Kiosk-Timestamp"
NONCE_HEADER = "X-Kiosk-Nonce"
SIGNATURE_HEADER = "X-Kiosk-Signature"
DEFAULT_WINDOW_S = 300

TERMINAL_FORMAT = re.compile(r"[A-Za-z0-9_-]{1,32}")
_TIMESTAMP_FORMAT = re.compile(r"[0-9]{1,12}")
_NONCE_FORMAT = re.compile(r"[0-9a-f]{32}")
_SIGNATURE_FORMAT = re.compile(r"[0-9a-f]{64}")


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body or b"").hexdigest()


def canonical_string(method: str, target: str, terminal: str, timestamp: str, nonce: str, body: bytes) -> str:
    """The string to sign (see the module docstring)."""
    return "\n".join((method.upper(), target, terminal, timestamp, nonce, body_hash(body)))


def signature(secret: str, method: str, target: str, terminal: str, timestamp: str, nonce: str,
              body: bytes) -> str:
    message = canonical_string(method, target, terminal, timestamp, nonce, body).encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def new_nonce() -> str:
    return secrets.token_hex(16)


def sign_headers(secret: str, terminal_id: str, method: str, target: str, body: bytes,
                 *, now: float | None = None, nonce: str | None = None) -> dict[str, str]:
    """The four signing headers for one request (a fresh nonce unless one is given).

    `target` is the request target exactly as it will be sent: /kiosk/v1/... plus ?query.
    """
    timestamp = str(int(time.time() if now is None else now))
    nonce = nonce or new_nonce()
    return {
        TERMINAL_HEADER: terminal_id,
        TIMESTAMP_HEADER: timestamp,
        NONCE_HEADER: nonce,
        SIGNATURE_HEADER: signature(secret, method, target, terminal_id, timestamp, nonce, body),
    }


class SignatureError(Exception):
    """A request failed verification; `code` is the error code the platform answers with."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Verifier:
    """The platform side: checks the headers' formats, the signature, clock window and nonce reuse.

    `secret_for(terminal_id)` returns the terminal's secret or None when the terminal is unknown.
    Nonces are remembered for twice the window, so a replay inside the window is always caught.
    """

    secret_for: Callable[[str], str | None]
    window_s: float = DEFAULT_WINDOW_S
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        self._seen: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def verify(self, method: str, target: str, headers: Mapping[str, str], body: bytes,
               *, check_clock: bool = True) -> str:
        """Returns the terminal id, or raises SignatureError.

        `target` is the request target as received (path and query, still percent-encoded).
        check_clock=False skips only the timestamp window (the server-time endpoint, so a terminal
        whose clock is wrong can still measure how wrong); the signature and nonce are still checked.
        """
        terminal = headers.get(TERMINAL_HEADER)
        timestamp = headers.get(TIMESTAMP_HEADER)
        nonce = headers.get(NONCE_HEADER)
        given = headers.get(SIGNATURE_HEADER)
        if not (terminal and timestamp and nonce and given):
            raise SignatureError("missing_signature", "signing headers missing")
        if not TERMINAL_FORMAT.fullmatch(terminal):
            raise SignatureError("unknown_terminal", f"{TERMINAL_HEADER}: not a terminal id")
        secret = self.secret_for(terminal)
        if secret is None:
            raise SignatureError("unknown_terminal", "terminal not registered")
        for name, value, form, what in ((TIMESTAMP_HEADER, timestamp, _TIMESTAMP_FORMAT, "whole seconds"),
                                        (NONCE_HEADER, nonce, _NONCE_FORMAT, "32 lowercase hex digits"),
                                        (SIGNATURE_HEADER, given, _SIGNATURE_FORMAT, "64 lowercase hex digits")):
            if not form.fullmatch(value):
                raise SignatureError("bad_signature", f"{name}: expected {what}")
        expected = signature(secret, method, target, terminal, timestamp, nonce, body)
        if not hmac.compare_digest(expected, given):
            raise SignatureError("bad_signature", "signature does not match")
        now = self.clock()
        if check_clock and abs(now - int(timestamp)) > self.window_s:
            raise SignatureError("stale_timestamp", f"timestamp outside ±{self.window_s:g} s")
        with self._lock:
            self._forget_older_than(now - 2 * self.window_s)
            if (terminal, nonce) in self._seen:
                raise SignatureError("reused_nonce", "nonce already used")
            self._seen[(terminal, nonce)] = now
        return terminal

    def _forget_older_than(self, limit: float) -> None:
        if len(self._seen) < 1024:
            return
        for key in [k for k, t in self._seen.items() if t < limit]:
            del self._seen[key]
