"""The card watcher over a real pty: events once per placement, lifting, read failures, unplug."""
from __future__ import annotations

import time

import pytest

from kiosk.config import ReaderSettings
from kiosk.devices.idcard.watcher import CardWatcher
from kiosk.sim.idcard_sim import start_virtual_reader
from kiosk.testing.reader import Callbacks
from kiosk.threads import ManualDelivery


@pytest.fixture
def sim():
    s = start_virtual_reader(115200, processing_delay_s=0.0, read_delay_s=0.0)
    yield s
    s.stop()


@pytest.fixture
def watched(sim):
    events = []
    delivery = ManualDelivery()
    settings = ReaderSettings(simulated=False, port=sim.port_path, command_timeout_s=0.3, read_timeout_s=1.0,
                              probe_timeout_s=0.1, poll_interval_s=0.02, reopen_backoff_s=0.05,
                              reopen_backoff_max_s=0.2)
    watcher = CardWatcher.from_settings(settings, delivery, Callbacks(
        on_card_placed=lambda card: events.append(("placed", card.name)),
        on_card_removed=lambda: events.append(("removed",)),
        on_reader_fault=lambda exc: events.append(("fault", exc.message_key)),
        on_read_failed=lambda exc: events.append(("read_failed", exc.message_key)),
        on_reader_ready=lambda: events.append(("ready",)),
    ))
    watcher.start()
    yield watcher, delivery, events
    watcher.stop()


def until(delivery, events, predicate, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        delivery.drain(0.02)
        if predicate(events):
            return True
    return False


def test_place_leave_lift_place_again(sim, watched):
    watcher, d, ev = watched
    assert until(d, ev, lambda e: ("ready",) in e)
    sim.place("bateer")
    assert until(d, ev, lambda e: ("placed", "巴特尔") in e)
    polls = sim.stats.requests
    assert until(d, ev, lambda e: sim.stats.requests > polls + 5)   # several polls with the card left on
    sim.lift()
    assert until(d, ev, lambda e: ("removed",) in e)
    sim.place("bateer")
    assert until(d, ev, lambda e: e.count(("placed", "巴特尔")) == 2)
    assert ev == [("ready",), ("placed", "巴特尔"), ("removed",), ("placed", "巴特尔")]


def test_read_failure_then_replacing_the_card(sim, watched):
    _w, d, ev = watched
    sim.set_fault("read_fail")
    sim.place("olga")
    assert until(d, ev, lambda e: ("read_failed", "reader.replace_card") in e)
    sim.set_fault(None)
    sim.lift()
    assert until(d, ev, lambda e: ("removed",) in e)
    sim.place("olga")
    assert until(d, ev, lambda e: ("placed", "奥尔加") in e)


def test_unplug_gives_one_fault_and_replug_recovers(sim, watched):
    _w, d, ev = watched
    assert until(d, ev, lambda e: ("ready",) in e)
    sim.unplug()
    assert until(d, ev, lambda e: ("fault", "reader.disconnected") in e)
    time.sleep(0.5)    # several reopen attempts while unplugged
    sim.replug()
    assert until(d, ev, lambda e: e.count(("ready",)) == 2)
    sim.place("smith")
    assert until(d, ev, lambda e: ("placed", "史密斯") in e)
    assert [e for e in ev if e[0] == "fault"] == [("fault", "reader.disconnected")]


def test_silent_reader_becomes_a_fault(sim, watched):
    _w, d, ev = watched
    assert until(d, ev, lambda e: ("ready",) in e)
    sim.set_fault("silence")
    assert until(d, ev, lambda e: any(x[0] == "fault" for x in e))
    sim.set_fault(None)
    assert until(d, ev, lambda e: e.count(("ready",)) == 2)


def test_sam_failure_while_polling_is_a_fault(sim, watched):
    _w, d, ev = watched
    sim.set_fault("sam_selftest")
    sim.place("wang")   # every answer is now 60
    assert until(d, ev, lambda e: ("fault", "reader.sam_fault") in e)


def test_stop_during_a_long_command_is_prompt(sim):
    sim.set_fault("silence")
    watcher = CardWatcher.from_settings(
        ReaderSettings(port=sim.port_path, probe_baud=False, command_timeout_s=10), ManualDelivery(),
        Callbacks(on_card_placed=lambda card: None))
    watcher.start()
    time.sleep(0.2)            # the watcher is now waiting up to 10 s for SAM status
    watcher.stop(timeout=2.0)
    assert not watcher.running
