"""A noisy serial line between the driver and the reader, over a real pty: a damaged or truncated
answer is sent for again a bounded number of times (only commands that may be repeated), and the
result is the exact card or a clear error, never wrong data."""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk.devices.idcard import errors, frames
from kiosk.devices.idcard.protocol import Command, Outcome
from kiosk.devices.idcard.reader import IdCardReader
from kiosk.sim.idcard_sim import Card, load_people, photo_for, start_virtual_reader

ROOT = Path(__file__).parents[2]
PEOPLE = load_people()


def kiosk(*args, timeout=30):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=env, cwd=ROOT)


@pytest.fixture
def sim():
    s = start_virtual_reader(115200, processing_delay_s=0.0, read_delay_s=0.0)
    yield s
    s.stop()


@pytest.fixture
def reader(sim):
    r = IdCardReader(sim.port_path, 115200, command_timeout_s=0.3, read_timeout_s=0.8, probe_timeout_s=0.15)
    r.open()
    yield r
    r.dispose()


def sent(sim, command: Command) -> int:
    """How many times the reader heard `command`."""
    return sum(1 for _, cmd, para, _ in sim.stats.log if (cmd, para) == command.value)


def every_field(card) -> dict:
    out = {f.name: getattr(card, f.name) for f in dataclasses.fields(card)}
    out["photo_wlt"], out["fingerprint"] = bytes(card.photo_wlt), bytes(card.fingerprint)
    return out


# ---- one damaged answer ---------------------------------------------------------------------
def test_one_bad_checksum_during_find_card_does_not_fail_kiosk_card_read(sim):
    sim.place("bateer")
    sim.set_fault("checksum", 1, Command.FIND_CARD)
    r = kiosk("card", "read", "--port", sim.port_path, "--timeout", "5")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["id_number"] == PEOPLE["bateer"]["id_number"]
    assert sent(sim, Command.FIND_CARD) == 2


@pytest.mark.parametrize("fault", ["checksum", "truncated", "flip", "garbage", "bad_request"])
@pytest.mark.parametrize("command", [Command.FIND_CARD, Command.SELECT_CARD, Command.READ_TEXT_PHOTO,
                                     Command.READ_APPENDED_ADDRESS])
def test_one_damaged_answer_anywhere_in_a_read_gives_the_exact_card(sim, reader, fault, command):
    sim.place("wang")
    clean = every_field(reader.wait_for_card(2))
    sim.lift()
    sim.place("wang")
    before = sent(sim, command)
    sim.set_fault(fault, 1, command)
    assert every_field(reader.wait_for_card(3)) == clean
    assert sim.fault is None             # the damaged answer was used up
    assert sent(sim, command) - before == (1 if fault == "garbage" else 2)   # garbage before a frame is harmless


def test_a_request_the_reader_heard_damaged_is_sent_again_even_set_baud(sim, reader):
    sim.set_fault("bad_request", 1)
    assert reader.sam_status() is Outcome.SUCCESS
    sim.set_fault("bad_request", 1)
    reader.set_baud(57600)                 # SW3 10: the reader did not act, so resending is safe
    assert sim.baud == 57600 and reader.baud == 57600
    assert sent(sim, Command.set_baud(57600)) == 2
    reader.set_baud(115200)


@pytest.mark.parametrize("command", [Command.RESET_SAM, Command.SET_BAUD_57600])
def test_commands_that_change_the_reader_are_not_resent_after_a_damaged_answer(sim, reader, command):
    sim.set_fault("checksum", 1, command)
    with pytest.raises(errors.ChecksumMismatch):
        reader.reset() if command is Command.RESET_SAM else reader.set_baud(57600)
    assert sent(sim, command) == 1


# ---- a noisy line ---------------------------------------------------------------------------
def test_on_a_line_damaging_5_percent_every_placement_reads_exactly(sim, reader):
    clean = {}
    for key in PEOPLE:
        sim.place(key)
        clean[key] = every_field(reader.wait_for_card(2))
        sim.lift()
    sim.set_noise(5)
    placements = list(PEOPLE) * 4
    for key in placements:
        sim.place(key)
        card = reader.wait_for_card(5)
        assert every_field(card) == clean[key], key
        person = PEOPLE[key]
        assert (card.card_type, card.name, card.id_number) == (person["card_type"], person["name"],
                                                               person["id_number"])
        assert card.birth_date.replace("-", "") == person["birth_date"]
        assert bytes(card.photo_wlt) == photo_for(person) and card.chip_number == Card.of(person).chip
        sim.lift()
    assert sim.stats.corrupted >= 5            # the line really was noisy (seeded: same every run)


def test_the_watcher_reads_each_placement_once_whatever_single_answer_is_damaged(sim):
    # Deterministic faults rather than random noise: the watcher's polls make every run differ.
    from kiosk.config import ReaderSettings
    from kiosk.devices.idcard.watcher import CardWatcher
    from kiosk.testing.reader import Callbacks
    from kiosk.threads import ManualDelivery

    events, delivery = [], ManualDelivery()
    settings = ReaderSettings(simulated=False, port=sim.port_path, command_timeout_s=0.3, read_timeout_s=0.8,
                              probe_timeout_s=0.1, poll_interval_s=0.02)
    watcher = CardWatcher.from_settings(settings, delivery, Callbacks(
        on_card_placed=lambda card: events.append(("placed", card.id_number)),
        on_read_failed=lambda exc: events.append(("read_failed", type(exc).__name__)),
        on_reader_fault=lambda exc: events.append(("fault", type(exc).__name__)),
        on_card_removed=lambda: events.append(("removed",))))

    def until(predicate, timeout=5.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            delivery.drain(0.02)
            if predicate():
                return True
        return False

    damage = [("checksum", Command.FIND_CARD), ("flip", Command.SELECT_CARD),
              ("truncated", Command.READ_TEXT_PHOTO), ("bad_request", Command.READ_APPENDED_ADDRESS),
              ("bad_request", Command.SELECT_CARD), ("flip", Command.FIND_CARD)]
    watcher.start()
    try:
        for (fault, command), key in zip(damage, PEOPLE):
            sim.set_fault(fault, 1, command)
            sim.place(key)
            assert until(lambda: events and events[-1][0] != "removed"), events[-3:]
            assert events[-1] == ("placed", PEOPLE[key]["id_number"]), (fault, command)
            assert sim.fault is None
            sim.lift()
            assert until(lambda: events[-1] == ("removed",)), events[-3:]
    finally:
        watcher.stop()
    assert [e[0] for e in events] == ["placed", "removed"] * len(damage)


def test_an_always_damaged_answer_is_a_clear_error_after_three_attempts(sim, reader):
    sim.set_fault("checksum")
    with pytest.raises(errors.ChecksumMismatch) as info:
        reader.sam_status()
    assert sent(sim, Command.SAM_STATUS) == 1 + 3     # the probe at open, then 3 attempts
    assert "3 attempts" in str(info.value)


def test_kiosk_card_read_on_a_line_that_damages_everything_says_so_in_one_line(sim):
    sim.place("bateer")
    sim.set_noise(100)
    r = kiosk("card", "read", "--port", sim.port_path, "--timeout", "5")
    assert r.returncode == 5, r.stderr
    assert r.stdout == "" and r.stderr.count("\n") == 1
    assert "attempts" in r.stderr and "check the cable" in r.stderr


# ---- a whole frame whose data does not fit the command --------------------------------------
class ScriptedReader:
    """The far end of a real pty answering each request with the next frame of a script."""

    def __init__(self, script: list[bytes]):
        self.master, slave = os.openpty()
        self.port = os.ttyname(slave)
        self._slave = slave
        self.script = list(script)
        self.heard: list[tuple[int, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        import select
        parser = frames.FrameParser("request")
        while not self._stop.is_set():
            if not select.select([self.master], [], [], 0.05)[0]:
                continue
            for req in parser.feed(os.read(self.master, 4096)):
                self.heard.append((req.cmd, req.para))
                if self.script:
                    os.write(self.master, self.script.pop(0))

    def close(self):
        self._stop.set()
        self._thread.join(2)
        os.close(self.master)
        os.close(self._slave)


def test_a_find_card_answer_with_a_chip_number_of_the_wrong_size_is_asked_again():
    line = ScriptedReader([frames.build_response(0x90),
                           frames.build_response(0x9F, b"\x01\x02\x03"),         # 3 bytes: not a chip number
                           frames.build_response(0x9F, b"\x01\x02\x03\x04")])
    reader = IdCardReader(line.port, 115200, probe_baud=False, command_timeout_s=0.3)
    try:
        reader.open()
        assert reader.find_card() == b"\x01\x02\x03\x04"
        assert line.heard.count(Command.FIND_CARD.value) == 2
    finally:
        reader.dispose()
        line.close()


def test_the_simulator_console_injects_line_faults():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sim", "idcard", "--card", "wang"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", env=env, cwd=ROOT)

    def say(line: str) -> str:
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
        return proc.stdout.readline().strip()

    try:
        port = proc.stdout.readline().strip()
        assert say("fault checksum 1 find_card") == "fault checksum"
        assert say("fault checksum 1 no_such_command").startswith("error:")
        assert say("noise 101").startswith("error:") and say("noise nan").startswith("error:")
        r = kiosk("card", "read", "--port", port, "--timeout", "5")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["id_number"] == PEOPLE["wang"]["id_number"]
        assert "fault: None" in say("status")      # the one damaged find card answer was used up
        assert say("noise 5") == "noise 5 %"
        assert "noise: 5 %" in say("status")
        say("quit")
        assert proc.wait(5) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
