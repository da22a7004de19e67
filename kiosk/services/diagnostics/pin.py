"""The technicians' PIN: stored as a salted scrypt hash with its parameters, checked in constant
time; five wrong PINs lock the entry for five minutes, and the lock survives a restart.

    hash_pin("246810") -> "scrypt$n=16384,r=8,p=1$<salt base64>$<key base64>"
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

SCHEME = "scrypt"
N, R, P = 2 ** 14, 8, 1
KEY_LEN = 32
SALT_LEN = 16
MAX_FAILURES = 5
LOCK_S = 300.0
MIN_DIGITS, MAX_DIGITS = 4, 12


class PinRejected(ValueError):
    """The PIN offered to `hash_pin` is not acceptable (length, not digits)."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_LEN, maxmem=64 * 1024 * 1024)


def hash_pin(pin: str, *, n: int = N, r: int = R, p: int = P) -> str:
    if not pin.isdigit() or not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        raise PinRejected(f"a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits")
    salt = secrets.token_bytes(SALT_LEN)
    return f"{SCHEME}$n={n},r={r},p={p}${_b64(salt)}${_b64(_derive(pin, salt, n, r, p))}"


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
    n, r, p, salt, key = parse_hash(encoded)
    return hmac.compare_digest(_derive(pin, salt, n, r, p), key)


@dataclass(frozen=True)
class PinAttempt:
    outcome: str            # "ok" | "wrong" | "locked" | "not_set"
    tries_left: int = MAX_FAILURES
    locked_until: float = 0.0   # epoch seconds


class PinGate:
    """The entry to diagnostics. State (failures, lock end) is a small JSON file in data_dir, so
    restarting the kiosk does not give an attacker five more tries. Wall-clock time: the lock
    must outlive the process, which a monotonic clock does not."""

    def __init__(self, pin_hash: str, state_path: Path, clock: Callable[[], float] = time.time):
        self.pin_hash = pin_hash
        self.state_path = Path(state_path)
        self.clock = clock

    def _load(self) -> dict:
        try:
            data = json.loads(self.state_path.read_text("utf-8"))
            return {"failures": int(data.get("failures", 0)), "locked_until": float(data.get("locked_until", 0))}
        except (OSError, ValueError, AttributeError):
            return {"failures": 0, "locked_until": 0.0}

    def _save(self, state: dict) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), "utf-8")
        os.replace(tmp, self.state_path)

    def locked_until(self) -> float:
        """Epoch seconds the entry stays locked, or 0.0."""
        until = self._load()["locked_until"]
        return until if until > self.clock() else 0.0

    def attempt(self, pin: str) -> PinAttempt:
        if not self.pin_hash:
            return PinAttempt("not_set")
        state = self._load()
        now = self.clock()
        if state["locked_until"] > now:
            return PinAttempt("locked", 0, state["locked_until"])
        if state["locked_until"]:          # a lock that ran out starts a fresh count
            state = {"failures": 0, "locked_until": 0.0}
        try:
            good = verify_pin(pin, self.pin_hash)
        except ValueError:
            good = False
        if good:
            if state["failures"]:
                self._save({"failures": 0, "locked_until": 0.0})
            return PinAttempt("ok")
        state["failures"] += 1
        if state["failures"] >= MAX_FAILURES:
            state["locked_until"] = now + LOCK_S
            self._save(state)
            return PinAttempt("locked", 0, state["locked_until"])
        self._save(state)
        return PinAttempt("wrong", MAX_FAILURES - state["failures"])


def gate_for(config, clock: Callable[[], float] = time.time) -> PinGate:
    return PinGate(config.diagnostics.pin_hash, Path(config.storage.data_dir) / "diagnostics_lock.json", clock)
