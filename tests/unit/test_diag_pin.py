"""The technicians' PIN: salted scrypt hash with its parameters, lockout after five wrong PINs
that a restart does not reset, and the hidden tap gesture."""
from __future__ import annotations

import pytest

from kiosk.testing.clock import ManualClock
from kiosk.services.diagnostics.gesture import SecretTaps
from kiosk.services.diagnostics.pin import (LOCK_S, MAX_FAILURES, PinGate, PinRejected, hash_pin, parse_hash,
                                            verify_pin)

# A cheap cost factor keeps the tests fast; the parameters travel inside the hash.
CHEAP = {"n": 2 ** 10, "r": 8, "p": 1}


def test_hash_carries_its_parameters_and_a_fresh_salt():
    a, b = hash_pin("246810", **CHEAP), hash_pin("246810", **CHEAP)
    assert a.startswith("scrypt$n=1024,r=8,p=1$")
    assert a != b                       # salted
    assert "246810" not in a
    assert verify_pin("246810", a) and verify_pin("246810", b)
    assert not verify_pin("246811", a)


def test_default_cost_is_the_standard_one():
    n, r, p, salt, key = parse_hash(hash_pin("739164"))
    assert (n, r, p) == (2 ** 14, 8, 1) and len(salt) == 16 and len(key) == 32


@pytest.mark.parametrize("pin", ["", "12", "12a4", "1234567890123"])
def test_unusable_pins_are_refused(pin):
    with pytest.raises(PinRejected):
        hash_pin(pin, **CHEAP)


@pytest.mark.parametrize("encoded", ["", "1234", "pbkdf2$x$y$z", "scrypt$n=1000,r=8,p=1$AAAAAAAAAAA=$AAAA",
                                     "scrypt$n=1024$AAAA$AAAA", "scrypt$n=1024,r=8,p=1$!!$??"])
def test_malformed_hashes_are_named(encoded):
    with pytest.raises(ValueError):
        parse_hash(encoded)


@pytest.fixture
def clock():
    return ManualClock(start=1_700_000_000.0)


def gate(tmp_path, clock, pin_hash):
    return PinGate(pin_hash, tmp_path / "diagnostics_lock.json", clock)


def test_five_wrong_pins_lock_the_entry_for_five_minutes(tmp_path, clock):
    encoded = hash_pin("246810", **CHEAP)
    g = gate(tmp_path, clock, encoded)
    outcomes = [g.attempt("000000") for _ in range(MAX_FAILURES)]
    assert [o.outcome for o in outcomes] == ["wrong"] * (MAX_FAILURES - 1) + ["locked"]
    assert [o.tries_left for o in outcomes[:-1]] == [4, 3, 2, 1]
    # Even the right PIN is refused while locked.
    assert g.attempt("246810").outcome == "locked"
    assert g.locked_until() == pytest.approx(clock.now + LOCK_S)
    clock.advance(LOCK_S - 1)
    assert g.attempt("246810").outcome == "locked"
    clock.advance(2)
    assert g.attempt("246810").outcome == "ok"
    assert g.locked_until() == 0.0


def test_the_lock_survives_a_restart(tmp_path, clock):
    encoded = hash_pin("246810", **CHEAP)
    first = gate(tmp_path, clock, encoded)
    for _ in range(MAX_FAILURES):
        first.attempt("111111")
    restarted = gate(tmp_path, clock, encoded)     # a new process reads the same file
    assert restarted.attempt("246810").outcome == "locked"


def test_failures_count_across_a_restart_and_reset_after_success(tmp_path, clock):
    encoded = hash_pin("246810", **CHEAP)
    for _ in range(3):
        gate(tmp_path, clock, encoded).attempt("9999")
    assert gate(tmp_path, clock, encoded).attempt("9999").tries_left == 1
    assert gate(tmp_path, clock, encoded).attempt("246810").outcome == "ok"
    assert gate(tmp_path, clock, encoded).attempt("9999").tries_left == 4


def test_no_pin_set_means_no_entry(tmp_path, clock):
    assert gate(tmp_path, clock, "").attempt("1234").outcome == "not_set"


def test_a_damaged_lock_file_does_not_open_or_crash(tmp_path, clock):
    encoded = hash_pin("246810", **CHEAP)
    (tmp_path / "diagnostics_lock.json").write_text("{not json")
    assert gate(tmp_path, clock, encoded).attempt("246810").outcome == "ok"


def test_five_taps_within_three_seconds_open_the_entry():
    clock = ManualClock()
    taps = SecretTaps(clock=clock)
    results = []
    for _ in range(5):
        results.append(taps.tap())
        clock.advance(0.5)
    assert results == [False, False, False, False, True]


def test_slow_taps_do_not():
    clock = ManualClock()
    taps = SecretTaps(clock=clock)
    results = []
    for _ in range(10):
        results.append(taps.tap())
        clock.advance(0.8)      # five taps span 3.2 s
    assert not any(results)
