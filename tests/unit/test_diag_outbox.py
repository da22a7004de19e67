"""The rating outbox seen from diagnostics, through a ratings service that may or may not be there."""
from __future__ import annotations

import pytest

from kiosk.services.diagnostics.outbox import read_outbox, resend_now


class FakeRatings:
    def __init__(self, pending: int):
        self.pending = pending
        self.woken = 0

    def unsent(self) -> int:
        return self.pending

    def upload_now(self) -> None:
        self.woken += 1


def test_no_service_and_no_database_is_not_known(tmp_path):
    assert read_outbox(None, tmp_path) is None


def test_the_service_count_is_used_without_a_database(tmp_path):
    summary = read_outbox(FakeRatings(3), tmp_path)
    assert (summary.unsent, summary.oldest_created_at, summary.source) == (3, None, "service")


def test_a_service_that_fails_is_not_known(tmp_path):
    class Broken:
        def unsent(self):
            raise RuntimeError("database is locked")
    assert read_outbox(Broken(), tmp_path) is None


def test_resend_wakes_the_uploader_and_waits_for_the_outbox_to_empty():
    ratings = FakeRatings(2)
    now = [0.0]

    def sleep(seconds):
        now[0] += seconds
        ratings.pending = max(0, ratings.pending - 1)

    resent = resend_now(ratings, sleep=sleep, monotonic=lambda: now[0])
    assert (resent.before, resent.after, str(resent)) == (2, 0, "2 unsent before, 0 after")
    assert ratings.woken == 1


def test_resend_gives_up_waiting_and_says_what_is_left():
    ratings = FakeRatings(2)
    now = [0.0]

    def sleep(seconds):
        now[0] += seconds

    assert str(resend_now(ratings, wait_s=1, sleep=sleep, monotonic=lambda: now[0])) == "2 unsent before, 2 after"


def test_resend_without_a_ratings_service():
    with pytest.raises(LookupError):
        resend_now(None)
