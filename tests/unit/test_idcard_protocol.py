"""One GA 467 table for the driver and the virtual reader: the same objects, every command answered."""
from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest

from kiosk.devices.idcard import outcomes, protocol, reader
from kiosk.devices.idcard.frames import build_request
from kiosk.devices.idcard.protocol import BAUD_RATES, Command, Outcome
from kiosk.sim import idcard_sim
from kiosk.sim.idcard_sim import VirtualReader

ROOT = Path(__file__).parents[2]
H = bytes.fromhex


def test_driver_and_virtual_reader_use_the_same_table_objects():
    assert reader.Command is idcard_sim.Command is protocol.Command
    assert outcomes.Outcome is idcard_sim.Outcome is protocol.Outcome
    assert reader.BAUD_RATES is idcard_sim.BAUD_RATES is protocol.BAUD_RATES


def test_the_virtual_reader_answers_exactly_the_commands_of_the_table():
    assert all(type(key) is Command for key in VirtualReader.ANSWERS)
    assert set(VirtualReader.ANSWERS) == set(Command)


@pytest.mark.parametrize("command,wire", [
    (Command.RESET_SAM, "AAAAAA9669 0003 10FF EC"),
    (Command.SAM_STATUS, "AAAAAA9669 0003 11FF ED"),
    (Command.SAM_ID, "AAAAAA9669 0003 12FF EE"),
    (Command.FIND_CARD, "AAAAAA9669 0003 2001 22"),
    (Command.SELECT_CARD, "AAAAAA9669 0003 2002 21"),
    (Command.READ_TEXT_PHOTO, "AAAAAA9669 0003 3001 32"),
    (Command.READ_TEXT_PHOTO_FINGERPRINT, "AAAAAA9669 0003 3010 23"),
    (Command.READ_APPENDED_ADDRESS, "AAAAAA9669 0003 3003 30"),
    (Command.SET_BAUD_115200, "AAAAAA9669 0003 6000 63"),
    (Command.SET_BAUD_9600, "AAAAAA9669 0003 6004 67"),
])
def test_commands_are_the_documented_requests(command, wire):
    assert build_request(command.cmd, command.para) == H(wire)
    assert Command.of(command.cmd, command.para) is command
    assert command.label


def test_set_baud_commands_and_rates_map_both_ways():
    assert [Command.set_baud(rate).baud for rate in BAUD_RATES] == list(BAUD_RATES)
    assert BAUD_RATES[0] == 115200 and len(protocol.SET_BAUD_COMMANDS) == len(BAUD_RATES)
    assert Command.FIND_CARD.baud is None
    assert Command.of(Command.SET_BAUD_9600.cmd, 0x07) is None      # a rate code the protocol lacks
    with pytest.raises(ValueError):
        Command.set_baud(1200)


def test_every_outcome_round_trips_through_its_code():
    assert all(Outcome.of(o.value) is o for o in Outcome)


@pytest.mark.parametrize("path", ["kiosk/devices/idcard/reader.py", "kiosk/devices/idcard/outcomes.py",
                                  "kiosk/sim/idcard_sim.py"])
def test_no_command_or_status_code_is_spelled_in_hex_outside_the_table(path):
    codes = {c.cmd for c in Command} | {c.para for c in Command} | {o.value for o in Outcome}
    source = (ROOT / path).read_text(encoding="utf-8")
    spelled = [tok.string for tok in tokenize.generate_tokens(io.StringIO(source).readline)
               if tok.type == tokenize.NUMBER and tok.string.lower().startswith("0x")
               and int(tok.string, 16) in codes]
    assert spelled == []


def test_only_commands_that_change_nothing_are_sent_again_after_a_damaged_answer():
    from kiosk.devices.idcard.protocol import REQUEST_DAMAGED, RESENDABLE, SET_BAUD_COMMANDS
    assert set(Command) - RESENDABLE == {Command.RESET_SAM, *SET_BAUD_COMMANDS}
    assert REQUEST_DAMAGED == {Outcome.TERMINAL_CHECKSUM_ERROR, Outcome.TERMINAL_LENGTH_ERROR}
