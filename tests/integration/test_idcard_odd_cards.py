"""A card with odd data on the virtual reader, over a real pty: `kiosk card read` refuses it in one
line and prints nothing of it; the watcher reports a failed read saying the card cannot be read."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.config import ReaderSettings
from kiosk.devices.idcard.watcher import CardWatcher
from kiosk.sim.idcard_sim import load_people, start_virtual_reader
from kiosk.testing.reader import Callbacks
from kiosk.threads import ManualDelivery

ROOT = Path(__file__).parents[2]
PEOPLE = load_people()
ODD = {
    "impossible birth date": dict(PEOPLE["bateer"], birth_date="19581399"),
    "zero validity start": dict(PEOPLE["wang"], valid_from="00000000"),
    "right-to-left override in the address": dict(PEOPLE["aoyun"], address="内蒙古自治区\u202e鄂尔多斯市乌审旗图克镇"),
}


def kiosk(*args, timeout=20):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=env, cwd=ROOT)


@pytest.fixture
def sim():
    s = start_virtual_reader(115200, processing_delay_s=0.0, read_delay_s=0.0)
    yield s
    s.stop()


@pytest.mark.parametrize("what", list(ODD))
def test_kiosk_card_read_refuses_an_odd_card_in_one_line(sim, what):
    person = ODD[what]
    sim.place(person)
    r = kiosk("card", "read", "--port", sim.port_path, "--timeout", "5")
    assert r.returncode == 5
    assert r.stdout == "" and r.stderr.count("\n") == 1
    assert "window" in r.stderr and "place it again" not in r.stderr
    assert person["name"] not in r.stderr and person["id_number"] not in r.stderr


def test_the_watcher_reports_an_odd_card_as_unreadable_and_then_reads_a_good_one(sim):
    events = []
    delivery = ManualDelivery()
    settings = ReaderSettings(simulated=False, port=sim.port_path, command_timeout_s=0.3, read_timeout_s=1.0,
                              probe_timeout_s=0.1, poll_interval_s=0.02)
    watcher = CardWatcher.from_settings(settings, delivery, Callbacks(
        on_card_placed=lambda card: events.append(("placed", card.id_number)),
        on_read_failed=lambda exc: events.append(("read_failed", exc.message_key, exc.for_technician)),
        on_card_removed=lambda: events.append(("removed",))))
    watcher.start()
    try:
        def until(predicate, timeout=5.0):
            end = time.monotonic() + timeout
            while time.monotonic() < end:
                delivery.drain(0.02)
                if predicate():
                    return True
            return False

        sim.place(ODD["impossible birth date"])
        assert until(lambda: ("read_failed", "reader.card_invalid", False) in events)
        sim.lift()
        assert until(lambda: ("removed",) in events)
        sim.place("wang")
        assert until(lambda: ("placed", PEOPLE["wang"]["id_number"]) in events)
    finally:
        watcher.stop()
    assert [e[0] for e in events] == ["read_failed", "removed", "placed"]
