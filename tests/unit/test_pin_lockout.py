"""The diagnostics PIN lock fails closed: each attempt is counted on disk before the PIN is
checked, an attempt that cannot be counted (full or read-only data directory) is refused as if
locked, every attempt is audited, and the lock lengthens as failures repeat.

Run as root, so permissions do not stop writes: a full disk is a tiny tmpfs filled up (or
/dev/full where mounting is not allowed), a read-only one a tmpfs mounted read-only, and an
unwritable directory one replaced by a file."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from kiosk.services.diagnostics.audit import AuditLog
from kiosk.services.diagnostics.pin import (CHOOSE, LOCK_STEPS_S, MAX_FAILURES, PinGate, PinRejected, hash_pin,
                                            verify_pin)
from kiosk.testing.clock import ManualClock

CHEAP = {"n": 2 ** 10, "r": 8, "p": 1}
PIN = "739164"
ENCODED = hash_pin(PIN, **CHEAP)


@pytest.fixture
def clock():
    return ManualClock(start=1_700_000_000.0)


def mount_tmpfs(where: Path, *options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=64k",) + options), "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def full_data_dir(tmp_path):
    """A data directory on a disk with no space left (its files already exist, as on a terminal
    that ran for a while)."""
    where = tmp_path / "full"
    if not mount_tmpfs(where):
        where.mkdir(exist_ok=True)
        (where / "diagnostics_lock.tmp").symlink_to("/dev/full")
        yield where
        return
    try:
        fd = os.open(where / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:             # ENOSPC: full
            pass
        finally:
            os.close(fd)
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


@pytest.fixture
def read_only_data_dir(tmp_path):
    where = tmp_path / "ro"
    if not mount_tmpfs(where, "ro"):
        pytest.skip("mounting a read-only tmpfs needs root")
    yield where
    subprocess.run(["umount", str(where)], check=False)


def gate(data_dir: Path, clock, audit_dir: Path | None = None, **kw) -> PinGate:
    audit = AuditLog(audit_dir, clock) if audit_dir else None
    return PinGate(ENCODED, data_dir / "diagnostics_lock.json", clock, audit=audit, **kw)


def audited(audit_dir: Path) -> list[tuple[str, str]]:
    return [(e["action"], e["outcome"]) for e in AuditLog(audit_dir).entries(500)]


@pytest.mark.parametrize("disk", ["full", "read-only", "directory is a file"])
def test_an_attempt_that_cannot_be_counted_is_refused_even_with_the_right_pin(
        request, tmp_path, clock, disk):
    if disk == "full":
        data_dir = request.getfixturevalue("full_data_dir")
    elif disk == "read-only":
        data_dir = request.getfixturevalue("read_only_data_dir")
    else:
        data_dir = tmp_path / "data"
        data_dir.write_text("a file where the data directory should be")
    g = gate(data_dir, clock, tmp_path / "log")
    outcomes = [g.attempt("000000").outcome for _ in range(20)] + [g.attempt(PIN).outcome]
    assert outcomes == ["cannot_record"] * 21          # before: wrong PINs without limit, then "ok"
    assert audited(tmp_path / "log") == [("pin", "cannot_record")] * 21


def test_the_attempt_is_on_disk_before_the_pin_is_checked(tmp_path, clock):
    """Cutting the power while scrypt runs, or after the answer, must not give the try back."""
    on_disk = []

    def verify_and_look(pin, encoded):
        on_disk.append(json.loads((tmp_path / "diagnostics_lock.json").read_text())["failures"])
        return verify_pin(pin, encoded)

    g = gate(tmp_path, clock, verify=verify_and_look)
    g.attempt("000000")
    g.attempt("111111")
    assert on_disk == [1, 2]


def test_the_lock_lengthens_as_failures_repeat_and_a_right_pin_resets_it(tmp_path, clock):
    g = gate(tmp_path, clock, tmp_path / "log")
    lengths = []
    for _ in range(len(LOCK_STEPS_S) + 2):
        outcomes = [g.attempt("000000") for _ in range(MAX_FAILURES)]
        assert [o.outcome for o in outcomes] == ["wrong"] * (MAX_FAILURES - 1) + ["locked"]
        lengths.append(outcomes[-1].locked_until - clock.now)
        clock.advance(lengths[-1] - 1)
        assert g.attempt(PIN).outcome == "locked"
        clock.advance(2)
    assert lengths == [300, 900, 3600, 14400, 14400, 14400]
    assert g.attempt(PIN).outcome == "ok"
    for _ in range(MAX_FAILURES):
        last = g.attempt("000000")
    assert last.locked_until - clock.now == 300


def test_the_lengthened_lock_survives_a_restart(tmp_path, clock):
    """Each attempt by a new gate, as after a restart: the second lock is still the longer one."""
    for _ in range(MAX_FAILURES):
        gate(tmp_path, clock).attempt("000000")
    clock.advance(301)
    for _ in range(MAX_FAILURES):
        last = gate(tmp_path, clock).attempt("000000")
    assert last.outcome == "locked" and last.locked_until - clock.now == 900
    assert gate(tmp_path, clock).attempt(PIN).outcome == "locked"


def test_every_attempt_is_audited_without_the_pin(tmp_path, clock):
    g = gate(tmp_path, clock, tmp_path / "log")
    for _ in range(MAX_FAILURES):
        g.attempt("000000")
    g.attempt(PIN)
    clock.advance(301)
    g.attempt(PIN)
    entries = AuditLog(tmp_path / "log").entries()
    assert [(e["action"], e["outcome"]) for e in entries] == \
        [("pin", "wrong")] * 4 + [("pin", "locked"), ("pin", "locked"), ("pin", "ok")]
    assert entries[0]["detail"] == "4 tries left" and "5 min" in entries[4]["detail"]
    text = (tmp_path / "log" / "diagnostics-audit.log").read_text("utf-8")
    assert PIN not in text and "000000" not in text


def test_a_lock_that_could_not_be_written_is_applied_at_the_next_attempt(tmp_path, clock):
    state = tmp_path / "diagnostics_lock.json"
    state.write_text(json.dumps({"failures": MAX_FAILURES, "locked_until": 0, "lockouts": 1}))
    result = gate(tmp_path, clock).attempt(PIN)
    assert result.outcome == "locked" and result.locked_until - clock.now == 900


@pytest.mark.parametrize("pin,reason", [
    ("12345", "6 to 12 digits, this one has 5"),
    ("1234567890123", "this one has 13"),
    ("000000", "one digit repeated"),
    ("777777777", "one digit repeated"),
    ("123456", "straight run"),
    ("987654", "straight run"),
    ("345678901", "straight run"),
    ("890123", "straight run"),
    ("１２３９８７", "only the digits 0-9"),        # full-width digits
    ("٧٣٩١٦٤", "only the digits 0-9"),             # Arabic-Indic digits
    ("73916 4", "only the digits 0-9"),
    ("", "no PIN given"),
])
def test_trivial_and_untypeable_pins_are_refused_saying_what_to_choose(pin, reason):
    with pytest.raises(PinRejected) as e:
        hash_pin(pin, **CHEAP)
    message = str(e.value)
    assert reason in message and "choose 6 to 12 digits" in message and "\n" not in message
    assert not pin or pin not in message.replace(CHOOSE, "")      # the examples are not the PIN


@pytest.mark.parametrize("pin", ["739164", "112358", "246813", "1029384756", "135790"])
def test_ordinary_pins_are_accepted(pin):
    assert verify_pin(pin, hash_pin(pin, **CHEAP))
