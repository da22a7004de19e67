"""What the A4 printer's IPP state means for a job: each stopping reason gives its own error
whatever its suffix, warnings do not stop, unknown is never ready; addresses and queue names."""
from __future__ import annotations

import pytest

from kiosk.devices.a4printer import ipp
from kiosk.devices.a4printer.address import printer_address
from kiosk.devices.a4printer.errors import (A4DoorOpen, A4PaperJam, A4PaperOut, A4PrinterConfigError,
                                            A4PrinterNotResponding, A4PrinterOffline, A4TonerEmpty)
from kiosk.devices.a4printer.status import A4PrinterStatus, job_state, printer_status, split_reason


def reply(*attributes: ipp.Attribute, tag: int = ipp.TAG_PRINTER) -> ipp.Message:
    return ipp.decode(ipp.encode(ipp.Message(0, 1, [ipp.Group(tag, list(attributes))])))


def status(state: int = ipp.PRINTER_IDLE, *reasons: str, accepting: bool = True) -> A4PrinterStatus:
    return printer_status(reply(ipp.attr("printer-state", ipp.ENUM, state),
                                ipp.attr("printer-state-reasons", ipp.KEYWORD, *(reasons or ("none",))),
                                ipp.attr("printer-is-accepting-jobs", ipp.BOOLEAN, accepting)))


@pytest.mark.parametrize("reason, error", [
    ("media-empty", A4PaperOut), ("media-empty-report", A4PaperOut), ("media-needed-warning", A4PaperOut),
    ("input-tray-missing-error", A4PaperOut), ("media-jam-error", A4PaperJam), ("door-open", A4DoorOpen),
    ("cover-open-report", A4DoorOpen), ("toner-empty-warning", A4TonerEmpty), ("marker-supply-empty", A4TonerEmpty),
    ("offline-report", A4PrinterOffline), ("paused", A4PrinterOffline),
])
def test_each_stopping_reason_refuses_with_its_own_error(reason, error):
    refusal = status(ipp.PRINTER_IDLE, reason).refusal()
    assert type(refusal) is error and reason in str(refusal)
    assert refusal.message_key.startswith("a4printer.error.") and refusal.for_technician and refusal.nothing_printed


def test_the_most_urgent_reason_names_the_error():
    assert type(status(ipp.PRINTER_STOPPED, "toner-low-warning", "media-empty-error", "media-jam-error").refusal()) \
        is A4PaperJam


def test_warnings_print_and_are_named_for_the_technician():
    s = status(ipp.PRINTER_IDLE, "toner-low-report", "media-low-warning")
    assert s.refusal() is None and s.warnings() == ["media-low", "toner-low"]
    assert s.toner == "low" and s.paper == "low"


def test_stopped_without_a_known_reason_or_not_accepting_is_offline():
    assert type(status(ipp.PRINTER_STOPPED, "other-error").refusal()) is A4PrinterOffline
    assert type(status(ipp.PRINTER_IDLE, accepting=False).refusal()) is A4PrinterOffline


def test_a_reply_without_printer_state_is_not_ready():
    with pytest.raises(A4PrinterNotResponding):
        printer_status(reply(ipp.attr("printer-state-reasons", ipp.KEYWORD, "none")))


def test_toner_is_read_from_markers_or_from_ipp_everywhere_supplies():
    markers = printer_status(reply(ipp.attr("printer-state", ipp.ENUM, 3),
                                   ipp.attr("marker-names", ipp.NAME, "Black"),
                                   ipp.attr("marker-types", ipp.KEYWORD, "toner"),
                                   ipp.attr("marker-levels", ipp.INTEGER, 4),
                                   ipp.attr("marker-low-levels", ipp.INTEGER, 10)))
    assert markers.toner == "low" and markers.markers[0].level == 4
    supplies = printer_status(reply(
        ipp.attr("printer-state", ipp.ENUM, 3),
        ipp.attr("printer-supply", ipp.OCTET_STRING,
                 b"index=1;class=receptacleThatIsFilled;type=wasteToner;maxcapacity=100;level=95;",
                 b"index=2;class=supplyThatIsConsumed;type=toner;maxcapacity=100;level=60;"),
        ipp.attr("printer-supply-description", ipp.TEXT, "Waste", "Black Toner")))
    assert supplies.toner == "ok" and [m.name for m in supplies.markers] == ["Black Toner"]
    assert status().toner == "unknown"


def test_reason_suffixes_split():
    assert split_reason("media-empty-report") == ("media-empty", "report")
    assert split_reason("media-jam") == ("media-jam", "error")


def test_job_state_counts_pages_and_treats_zero_as_not_counted():
    done = job_state(reply(ipp.attr("job-state", ipp.ENUM, ipp.JOB_COMPLETED),
                           ipp.attr("job-impressions-completed", ipp.INTEGER, 2), tag=ipp.TAG_JOB), 5)
    assert done.ended and done.pages_printed == 2 and done.name == "completed"
    uncounted = job_state(reply(ipp.attr("job-state", ipp.ENUM, ipp.JOB_COMPLETED),
                                ipp.attr("job-impressions-completed", ipp.INTEGER, 0), tag=ipp.TAG_JOB), 5)
    assert uncounted.pages_printed is None
    with pytest.raises(A4PrinterNotResponding):
        job_state(reply(ipp.attr("job-id", ipp.INTEGER, 5), tag=ipp.TAG_JOB), 5)


@pytest.mark.parametrize("uri, http_url, printer_uri", [
    ("ipp://127.0.0.1:8631/ipp/print", "http://127.0.0.1:8631/ipp/print", "ipp://127.0.0.1:8631/ipp/print"),
    ("ipp://printer.local/ipp/print", "http://printer.local:631/ipp/print", "ipp://printer.local/ipp/print"),
    ("ipps://printer.local/ipp/print", "https://printer.local:631/ipp/print", "ipps://printer.local/ipp/print"),
    ("ipp://[::1]:60000/ipp/print", "http://[::1]:60000/ipp/print", "ipp://[::1]:60000/ipp/print"),
    ("kiosk-a4", "http://localhost:631/printers/kiosk-a4", "ipp://localhost:631/printers/kiosk-a4"),
])
def test_addresses_and_queue_names(uri, http_url, printer_uri):
    address = printer_address(uri)
    assert (address.http_url, address.printer_uri) == (http_url, printer_uri)


@pytest.mark.parametrize("uri", ["", "http://printer/ipp/print", "socket://printer:9100", "ipp:///ipp/print",
                                 "ipp://printer:99999/ipp/print", "kiosk a4"])
def test_what_is_no_printer_address_is_a_configuration_error(uri):
    with pytest.raises(A4PrinterConfigError):
        printer_address(uri)
