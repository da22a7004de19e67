"""The format of `[diagnostics] pin_hash`: a salted scrypt hash with its parameters,

    scrypt$n=16384,r=8,p=1$<salt base64>$<key base64>      (made by `kiosk pin-hash`)

Defined with the setting, so the configuration can tell a usable hash (and the demonstration
PIN's) without the diagnostics service; the service checks PINs with the same functions.
"""
from __future__ import annotations

import base64
import hashlib
import hmac

SCHEME = "scrypt"
KEY_LEN = 32


def derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_LEN, maxmem=64 * 1024 * 1024)


def parse_hash(encoded: str) -> tuple[int, int, int, bytes, bytes]:
    """(n, r, p, salt, key); ValueError naming what is wrong."""
    parts = encoded.split("$")
    if len(parts) != 4 or parts[0] != SCHEME:
        raise ValueError("expected scrypt$n=..,r=..,p=..$salt$key (made by `kiosk pin-hash`)")
    try:
        params = dict(item.split("=", 1) for item in parts[1].split(","))
        n, r, p = int(params["n"]), int(params["r"]), int(params["p"])
        salt, key = base64.b64decode(parts[2], validate=True), base64.b64decode(parts[3], validate=True)
    except (KeyError, ValueError) as exc:
        raise ValueError(f"malformed pin_hash: {exc}") from None
    if n < 2 ** 10 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16 or len(salt) < 8 or len(key) < 16:
        raise ValueError("pin_hash parameters out of range")
    return n, r, p, salt, key


def verify_pin(pin: str, encoded: str) -> bool:
    """Whether `pin` is the PIN `encoded` was made from, in constant time; ValueError for an unusable hash."""
    n, r, p, salt, key = parse_hash(encoded)
    return hmac.compare_digest(derive(pin, salt, n, r, p), key)


def matches_pin(pin: str, encoded: str) -> bool:
    """verify_pin, with an unusable hash matching nothing."""
    try:
        return verify_pin(pin, encoded)
    except ValueError:
        return False
