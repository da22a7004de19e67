"""The technicians' PIN: stored as a salted scrypt hash with its parameters, checked in constant
time. Five wrong PINs lock the entry, for 5 minutes the first time and longer each time after
(15 min, 1 h, then 4 h) until the right PIN is entered; the lock survives a restart.

The lock fails closed: each attempt is counted on disk before the PIN is checked, so cutting the
power after a wrong answer does not give the try back, and an attempt that cannot be counted (a
full or read-only data directory) is refused as if the entry were locked. Every attempt is written
to the audit log.

    hash_pin("739164") -> "scrypt$n=16384,r=8,p=1$<salt base64>$<key base64>"
"""
from __future__ import annotations

import base64
import json
import logging
import os
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from ...config.pin_format import SCHEME, derive, parse_hash, verify_pin

log = logging.getLogger(__name__)

N, R, P = 2 ** 14, 8, 1
SALT_LEN = 16
MAX_FAILURES = 5
LOCK_STEPS_S = (300.0, 900.0, 3600.0, 4 * 3600.0)   # the first lock, the second ...; the last repeats
LOCK_S = LOCK_STEPS_S[0]
MIN_DIGITS, MAX_DIGITS = 6, 12        # for a new PIN; the pad also takes the 4 digits older hashes allow
CHOOSE = f"choose {MIN_DIGITS} to {MAX_DIGITS} digits that are not one digit repeated and not a run like 123456 or 987654"


class PinRejected(ValueError):
    """The PIN offered to `hash_pin` is not acceptable: one line saying what to choose instead."""


def lock_seconds(lockouts_before: int) -> float:
    return LOCK_STEPS_S[min(lockouts_before, len(LOCK_STEPS_S) - 1)]


def refuse_weak_pin(pin: str) -> None:
    """Raises PinRejected for a PIN that is guessed first or cannot be typed on the pad. The
    message never repeats the PIN."""
    if not pin:
        raise PinRejected(f"no PIN given; {CHOOSE}")
    if not (pin.isascii() and pin.isdigit()):
        raise PinRejected(f"the PIN pad has only the digits 0-9 (no letters, spaces or other scripts' digits); {CHOOSE}")
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        raise PinRejected(f"a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits, this one has {len(pin)}; {CHOOSE}")
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:])}
    if steps == {0}:
        raise PinRejected(f"the PIN is one digit repeated; {CHOOSE}")
    if steps in ({1}, {9}):            # 123456, 654321, also across 9-0 (890123)
        raise PinRejected(f"the PIN is a straight run of digits; {CHOOSE}")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, n: int = N, r: int = R, p: int = P) -> str:
    refuse_weak_pin(pin)
    salt = secrets.token_bytes(SALT_LEN)
    return f"{SCHEME}$n={n},r={r},p={p}${_b64(salt)}${_b64(derive(pin, salt, n, r, p))}"


@dataclass(frozen=True)
class PinAttempt:
    outcome: str            # "ok" | "wrong" | "locked" | "not_set" | "cannot_record"
    tries_left: int = MAX_FAILURES
    locked_until: float = 0.0   # epoch seconds


@dataclass
class LockState:
    failures: int = 0           # wrong PINs since the last lock or the last right PIN
    locked_until: float = 0.0   # epoch seconds; 0: not locked
    lockouts: int = 0           # locks since the last right PIN: each lasts longer


class PinGate:
    """The entry to diagnostics. State (LockState) is a small JSON file in data_dir, so
    restarting the kiosk does not give an attacker more tries. Wall-clock time: the lock must
    outlive the process, which a monotonic clock does not."""

    def __init__(self, pin_hash: str, state_path: Path, clock: Callable[[], float] = time.time,
                 audit=None, verify: Callable[[str, str], bool] | None = None):
        self.pin_hash = pin_hash
        self.state_path = Path(state_path)
        self.clock = clock
        self.audit = audit                     # an AuditLog, or None
        self._verify = verify or verify_pin

    def _load(self) -> LockState:
        try:
            data = json.loads(self.state_path.read_text("utf-8"))
            return LockState(int(data.get("failures", 0)), float(data.get("locked_until", 0)),
                             int(data.get("lockouts", 0)))
        except FileNotFoundError:
            return LockState()
        except (OSError, ValueError, AttributeError, TypeError) as exc:
            # Unreadable or damaged: count from here; the write before the check decides whether
            # the attempt may go on at all.
            log.warning("diagnostics lock state %s unreadable (%s), counting afresh", self.state_path, exc)
            return LockState()

    def _save(self, state: LockState) -> None:
        """Durably, or OSError: the attempt must not be checked unless its count is on disk."""
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".tmp")
        try:
            with tmp.open("w", encoding="utf-8") as f:
                f.write(json.dumps(asdict(state)))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.state_path)
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass
            raise

    def _record(self, outcome: str, detail: str = "") -> None:
        if self.audit is not None:
            self.audit.record("pin", outcome, detail)

    def locked_until(self) -> float:
        """Epoch seconds the entry stays locked, or 0.0."""
        until = self._load().locked_until
        return until if until > self.clock() else 0.0

    def attempt(self, pin: str) -> PinAttempt:
        if not self.pin_hash:
            self._record("not_set")
            return PinAttempt("not_set")
        state = self._load()
        now = self.clock()
        if state.locked_until > now:
            self._record("locked", f"until {_hhmm(state.locked_until)}")
            return PinAttempt("locked", 0, state.locked_until)
        if state.locked_until:             # a lock that ran out starts a fresh count
            state.failures, state.locked_until = 0, 0.0
        if state.failures >= MAX_FAILURES:
            return self._lock(state, now)  # the lock itself could not be written last time
        state.failures += 1
        try:
            self._save(state)              # counted before the PIN is checked
        except OSError as exc:
            return self._cannot_record(exc)
        try:
            good = self._verify(pin, self.pin_hash)
        except ValueError:
            good = False
        if good:
            try:
                self._save(LockState())
            except OSError as exc:         # the technician is in; the count stays one higher
                log.warning("diagnostics lock state %s not reset: %s", self.state_path, exc)
            self._record("ok")
            return PinAttempt("ok")
        if state.failures >= MAX_FAILURES:
            return self._lock(state, now)
        left = MAX_FAILURES - state.failures
        self._record("wrong", f"{left} tries left")
        return PinAttempt("wrong", left)

    def _lock(self, state: LockState, now: float) -> PinAttempt:
        lock_s = lock_seconds(state.lockouts)
        state.locked_until, state.lockouts = now + lock_s, state.lockouts + 1
        try:
            self._save(state)
        except OSError as exc:
            return self._cannot_record(exc)
        self._record("locked", f"{MAX_FAILURES} wrong PINs: lock {state.lockouts}, {lock_s / 60:g} min, "
                               f"until {_hhmm(state.locked_until)}")
        return PinAttempt("locked", 0, state.locked_until)

    def _cannot_record(self, exc: OSError) -> PinAttempt:
        log.error("diagnostics PIN refused: the attempt cannot be counted in %s (%s); check the data directory",
                  self.state_path, exc.strerror or exc)
        self._record("cannot_record", f"{self.state_path}: {exc.strerror or exc}")
        return PinAttempt("cannot_record", 0)


def _hhmm(epoch: float) -> str:
    return time.strftime("%H:%M", time.localtime(epoch))


def gate_for(config, clock: Callable[[], float] = time.time) -> PinGate:
    from .audit import AuditLog
    return PinGate(config.diagnostics.pin_hash, Path(config.storage.data_dir) / "diagnostics_lock.json", clock,
                   audit=AuditLog(config.logging.dir, clock))
