"""DLE EOT replies -> PrinterStatus: unknown is never read as ok."""
from __future__ import annotations

import errno
import socket

import pytest
from hypothesis import given, strategies as st

from kiosk.devices.printer.errors import (CoverOpen, CutterError, PaperOut, PrinterBusy, PrinterConfigError,
                                          PrinterDisconnected, PrinterHardwareError, PrinterNotFound,
                                          PrinterNotResponding, PrinterOffline, PrinterPermissionDenied,
                                          PrinterTimeout, PrinterUnreachable)
from kiosk.devices.printer.status import Condition, Paper, PrinterStatus, status_request
from kiosk.devices.printer.transport import build_transport, map_error
from kiosk.config.printer import PrinterSettings

OK = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}


def status(**replies) -> PrinterStatus:
    r = dict(OK)
    r.update({int(k[1:]): v for k, v in replies.items()})
    return PrinterStatus.from_replies(r)


def test_all_clear_is_ready():
    s = status()
    assert s.condition is Condition.READY and s.can_print and s.online and s.paper is Paper.OK
    assert s.refusal() is None


def test_typical_out_of_paper_replies():
    s = status(n1=0x1A, n2=0x32, n4=0x7E)
    assert s.paper is Paper.OUT and s.online is False
    assert s.condition is Condition.PAPER_OUT and not s.can_print
    assert isinstance(s.refusal(), PaperOut)
    assert s.message_key == "printer.status.paper_out"


def test_near_end_still_prints():
    s = status(n4=0x1E)
    assert s.paper is Paper.NEAR_END and s.condition is Condition.PAPER_NEAR_END and s.can_print


def test_stopped_by_paper_end_in_dle_eot_2_alone_means_out():
    assert status(n2=0x32).paper is Paper.OUT


@pytest.mark.parametrize("replies, condition, error", [
    ({"n1": 0x1A, "n2": 0x16}, Condition.COVER_OPEN, CoverOpen),
    ({"n1": 0x1A, "n2": 0x52, "n3": 0x1A}, Condition.CUTTER_ERROR, CutterError),
    ({"n1": 0x1A, "n2": 0x52, "n3": 0x32}, Condition.UNRECOVERABLE_ERROR, PrinterHardwareError),
    ({"n1": 0x1A}, Condition.OFFLINE, PrinterOffline),
    ({"n3": 0x52}, Condition.OFFLINE, PrinterOffline),   # auto-recoverable error (e.g. head too hot)
])
def test_faults(replies, condition, error):
    s = status(**replies)
    assert s.condition is condition
    assert isinstance(s.refusal(), error)
    assert s.refusal().message_key.startswith("printer.error.")


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_a_missing_reply_is_unknown_never_ok(n):
    s = status(**{f"n{n}": None})
    assert s.condition is Condition.UNKNOWN
    assert not s.can_print
    assert isinstance(s.refusal(), PrinterNotResponding)


def test_no_replies_at_all_is_unknown():
    s = PrinterStatus.from_replies({})
    assert s.condition is Condition.UNKNOWN and s.paper is Paper.UNKNOWN and s.online is None


@given(st.integers(min_value=0, max_value=255).filter(lambda b: (b & 0x93) != 0x12), st.sampled_from([1, 2, 3, 4]))
def test_a_reply_with_wrong_fixed_bits_is_unknown(byte, n):
    assert status(**{f"n{n}": byte}).condition is Condition.UNKNOWN


def test_a_known_fault_wins_over_an_unknown_field():
    assert status(n4=0x7E, n3=None).condition is Condition.PAPER_OUT


def test_file_transport_status_is_not_supported_and_claims_nothing():
    s = PrinterStatus.not_supported()
    assert s.condition is Condition.NOT_SUPPORTED and s.can_print and s.as_dict()["paper"] == "unknown"


def test_status_requests():
    assert [status_request(n) for n in (1, 2, 3, 4)] == [b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x03",
                                                          b"\x10\x04\x04"]
    with pytest.raises(ValueError):
        status_request(5)


@pytest.mark.parametrize("exc, opening, error", [
    (ConnectionRefusedError(errno.ECONNREFUSED, "refused"), True, PrinterUnreachable),
    (OSError(errno.EHOSTUNREACH, "no route"), True, PrinterUnreachable),
    (socket.timeout("timed out"), True, PrinterTimeout),
    (socket.gaierror(-2, "Name or service not known"), True, PrinterUnreachable),
    (PermissionError(errno.EACCES, "Permission denied"), True, PrinterPermissionDenied),
    (OSError(errno.EBUSY, "Resource busy"), True, PrinterBusy),
    (FileNotFoundError(errno.ENOENT, "No such file"), True, PrinterNotFound),
    (OSError(errno.ENODEV, "No such device"), True, PrinterNotFound),
    (BrokenPipeError(errno.EPIPE, "Broken pipe"), False, PrinterDisconnected),
    (ConnectionResetError(errno.ECONNRESET, "reset"), False, PrinterDisconnected),
    (OSError(errno.EIO, "Input/output error"), False, PrinterDisconnected),   # USB-serial unplugged
    (OSError(errno.ENODEV, "No such device"), False, PrinterDisconnected),    # USB unplugged mid-job
    (TimeoutError("write timeout"), False, PrinterTimeout),
])
def test_every_transport_exception_maps_to_one_typed_error(exc, opening, error):
    mapped = map_error(exc, opening=opening, where="test")
    assert type(mapped) is error
    assert mapped.nothing_printed is opening or error in (PrinterPermissionDenied, PrinterBusy,
                                                          PrinterUnreachable, PrinterNotFound)


def test_library_exceptions_carrying_an_errno_in_their_cause_are_mapped_by_it():
    class USBError(IOError):
        pass
    try:
        try:
            raise OSError(errno.EBUSY, "busy")
        except OSError as inner:
            raise USBError("[Errno 16] Resource busy") from inner
    except USBError as outer:
        assert type(map_error(outer, opening=True, where="usb")) is PrinterBusy
    timeout = type("USBTimeoutError", (Exception,), {})("timed out")
    assert type(map_error(timeout, opening=False, where="usb")) is PrinterTimeout


@pytest.mark.parametrize("fields", [
    {"transport": "network", "host": ""},
    {"transport": "serial", "serial_port": ""},
    {"transport": "usb", "usb_vendor_id": 0},
    {"transport": "file", "file_path": ""},
])
def test_incomplete_transport_settings_are_a_config_error(fields):
    with pytest.raises(PrinterConfigError) as e:
        build_transport(PrinterSettings(**fields))
    assert e.value.message_key == "printer.error.config"


def test_transports_from_settings():
    assert build_transport(PrinterSettings(transport="network", host="192.0.2.1")).describe() == "network 192.0.2.1:9100"
    assert build_transport(PrinterSettings(host="127.0.0.1", port=5)).describe() == "network 127.0.0.1:5"
    t = build_transport(PrinterSettings(transport="serial", serial_port="/dev/ttyS1", serial_baud=9600))
    assert t.describe() == "serial /dev/ttyS1 @ 9600"
    assert build_transport(PrinterSettings(transport="file", file_path="/dev/usb/lp0")).can_read_status is False
