"""The tour (kiosk tour) at one small size: it reaches every state the README promises, the
layout check finds nothing on any of them, and time stands still, so a second walk draws the
same pictures byte for byte."""
from __future__ import annotations

import hashlib

import pytest

pytestmark = [pytest.mark.ui, pytest.mark.slow]

SIZE = (360, 640)
# States that change with the clock, the date or the card pulse when time is not stopped.
SAME_TWICE = ("home", "status", "identify-read", "status-detail")
EXPECTED = (
    "home", "status", "certificates", "receipts", "rating", "guide", "mobile", "help",
    "identify-read", "status-list", "status-detail", "rating-offer", "take-card",
    "status-keypad", "status-keypad-empty", "status-keypad-invalid", "status-not-found",
    "cert-list", "printing", "print-done", "print-failed", "cert-list-printer-out", "home-printer-out",
    "print-uncertain", "reprint-offered", "reprint-done",
    "rating-pick", "rating-levels", "rating-reasons", "rating-confirm", "rating-thanks", "rating-keypad",
    "guide-departments", "guide-item", "guide-themes", "guide-theme", "help-called",
    "card-expired", "card-bad-check", "card-foreign",
    "home-platform-offline", "home-reader-out", "idle-countdown", "session-wiped",
    "diag-pin", "diag-checks", "diag-checks-paper-out", "diag-read-test", "diag-pin-locked",
    "elder-home", "elder-status-list", "elder-status-detail", "elder-help-from-flow", "elder-rating-levels",
    "elder-idle-countdown", "en-home", "en-status-detail", "en-guide-item", "en-rating-levels", "en-idle-countdown",
    "en-elder-home", "en-elder-status-list", "en-elder-status-detail", "en-elder-rating-levels",
    "elder-status-keypad", "elder-status-keypad-invalid", "elder-rating-keypad",
    "mn-pseudo-home", "mn-pseudo-identify", "mn-pseudo-status-list",
)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_tour_reaches_every_state_with_nothing_cut_or_covered_and_draws_the_same_twice(
        default_config, tmp_path):
    from kiosk.cli.tour import run_tour

    first = run_tour(default_config, tmp_path / "first", SIZE, only=lambda state: state in SAME_TWICE)
    assert [s for s in EXPECTED if s not in first.states] == []
    assert len(first.states) == len(set(first.states)), "a state name used twice"
    problems = [f"{state}: {p}" for state, found in first.problems.items() for p in found]
    assert problems == []

    second = run_tour(default_config, tmp_path / "second", SIZE, only=lambda state: state in SAME_TWICE,
                      walks=("home_and_tiles", "status_by_card"))
    assert sorted(p.name for p in second.written) == sorted(f"{s}.png" for s in SAME_TWICE)
    for path in second.written:
        assert digest(path) == digest(tmp_path / "first" / path.name), path.name
