"""The watcher's decisions, against a scripted reader (no port): once per placement, faults, backoff."""
from __future__ import annotations

import threading
import time

from kiosk.devices.idcard.errors import CardReadFailed, PortVanished, ReaderNotFound, ReaderTimeout
from kiosk.devices.idcard.outcomes import Outcome
from kiosk.devices.idcard.reader import Cancelled
from kiosk.devices.idcard.watcher import CardWatcher
from kiosk.testing.reader import Callbacks
from kiosk.threads import ManualDelivery


class ScriptedReader:
    """Behaves like the card-left-on-reader rules of GA 467; errors can be queued per method."""

    def __init__(self):
        self.is_open = False
        self.opens = 0
        self.card = None          # what lies on the reader
        self.read_done = False
        self.errors: dict[str, list[Exception]] = {}
        self.cancelled = threading.Event()

    def _maybe_fail(self, name):
        if self.cancelled.is_set():
            raise Cancelled("cancelled")
        queue = self.errors.get(name)
        if queue:
            exc = queue.pop(0)
            if isinstance(exc, PortVanished):
                self.is_open = False
            raise exc

    def open(self):
        self.opens += 1
        self._maybe_fail("open")
        self.is_open = True

    def close(self):
        self.is_open = False

    def cancel(self):
        self.cancelled.set()

    def dispose(self):
        self.is_open = False

    def find_card(self):
        self._maybe_fail("find_card")
        if self.card is None or self.read_done:
            return None
        return b"chip"

    def read_card(self, chip):
        self._maybe_fail("read_card")
        self.read_done = True
        return self.card

    def card_still_present(self):
        self._maybe_fail("card_still_present")
        return self.card is not None and self.read_done

    def place(self, card):
        self.card, self.read_done = card, False

    def lift(self):
        self.card, self.read_done = None, False


def make(reader, **kw):
    events = []
    delivery = ManualDelivery()
    listener = Callbacks(on_card_placed=lambda c: events.append(("placed", c)),
                         on_card_removed=lambda: events.append(("removed",)),
                         on_reader_fault=lambda e: events.append(("fault", type(e).__name__)),
                         on_read_failed=lambda e: events.append(("read_failed", type(e).__name__)),
                         on_reader_ready=lambda: events.append(("ready",)),
                         on_card_detected=lambda: events.append(("detected",)))
    w = CardWatcher(reader, delivery, listener, poll_interval_s=0.002, reopen_backoff_s=0.002,
                    reopen_backoff_max_s=0.01, **kw)
    return w, delivery, events


def wait_for(delivery, events, predicate, timeout=3.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        delivery.drain(0.01)
        if predicate(events):
            return True
    return False


def test_a_card_left_on_the_reader_is_read_once_and_its_lifting_is_an_event():
    r = ScriptedReader()
    w, d, ev = make(r)
    w.start()
    try:
        r.place("card A")
        assert wait_for(d, ev, lambda e: ("placed", "card A") in e)
        time.sleep(0.05)   # many polls with the card still there
        d.drain()
        assert ev.count(("placed", "card A")) == 1
        r.lift()
        assert wait_for(d, ev, lambda e: ("removed",) in e)
        r.place("card B")
        assert wait_for(d, ev, lambda e: ("placed", "card B") in e)
    finally:
        w.stop()
    assert ev[:4] == [("ready",), ("detected",), ("placed", "card A"), ("removed",)]


def test_failed_read_asks_for_a_new_placement_and_does_not_retry_on_its_own():
    r = ScriptedReader()
    r.errors["read_card"] = [CardReadFailed("read card failed", Outcome.READ_FAILED)]
    w, d, ev = make(r)
    w.start()
    try:
        r.place("card A")
        assert wait_for(d, ev, lambda e: ("read_failed", "CardReadFailed") in e)
        r.read_done = False      # the card is still there and would be found again
        time.sleep(0.03)
        d.drain()
        assert not any(e[0] == "placed" for e in ev)
        r.lift()
        assert wait_for(d, ev, lambda e: ("removed",) in e)
        r.place("card A")
        assert wait_for(d, ev, lambda e: ("placed", "card A") in e)
    finally:
        w.stop()


def test_repeated_unanswered_polls_become_one_fault_then_ready_again():
    r = ScriptedReader()
    r.errors["find_card"] = [ReaderTimeout("find card: no answer")] * 5
    w, d, ev = make(r, fault_after_failures=3)
    w.start()
    try:
        assert wait_for(d, ev, lambda e: e.count(("ready",)) >= 2)
    finally:
        w.stop()
    assert ev.count(("fault", "ReaderTimeout")) == 1
    assert r.opens >= 2


def test_single_unanswered_poll_is_not_a_fault():
    r = ScriptedReader()
    r.errors["find_card"] = [ReaderTimeout("find card: no answer")]
    w, d, ev = make(r, fault_after_failures=3)
    w.start()
    try:
        r.place("card A")
        assert wait_for(d, ev, lambda e: ("placed", "card A") in e)
    finally:
        w.stop()
    assert not any(e[0] == "fault" for e in ev)


def test_vanished_port_is_reopened_with_backoff_until_it_returns():
    r = ScriptedReader()
    w, d, ev = make(r)
    w.start()
    try:
        assert wait_for(d, ev, lambda e: ("ready",) in e)
        r.errors["open"] = [ReaderNotFound("no port")] * 4
        r.errors["find_card"] = [PortVanished("gone")]
        assert wait_for(d, ev, lambda e: e.count(("ready",)) == 2)
    finally:
        w.stop()
    assert ev.count(("fault", "PortVanished")) == 1     # one fault, not one per retry
    assert r.opens == 1 + 1 + 4


def test_stop_ends_the_thread_and_drops_pending_events():
    r = ScriptedReader()
    w, d, ev = make(r)
    w.start()
    w.stop()
    assert not w.running
    r.place("card A")
    d.drain()
    assert not any(e[0] == "placed" for e in ev)
