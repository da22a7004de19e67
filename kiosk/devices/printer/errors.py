"""What can go wrong with the receipt printer, one exception per thing a citizen or technician acts on.

Every error carries a `message_key` (kiosk/i18n/*/printer.toml) that says what to do next, and
`nothing_printed`: True when no byte of the job can have reached the paper (the job may simply be
tried again), False when the outcome is uncertain (the job is offered as a 补打 reprint instead).
"""
from __future__ import annotations


class PrinterError(Exception):
    """Set by the print service on a job's error: `job_id` (journal id), `reprint_offered` (True when
    the job became uncertain and waits in pending_reprints() for a 补打 copy), `status` (the
    PrinterStatus that refused or ended the job, when there was one)."""
    message_key = "printer.error.generic"
    nothing_printed = True
    job_id: int | None = None
    reprint_offered = False
    status = None

    def __init__(self, detail: str = "", *, nothing_printed: bool | None = None):
        super().__init__(detail or self.__class__.__name__)
        self.detail = detail
        if nothing_printed is not None:
            self.nothing_printed = nothing_printed


# --- configuration and set-up (technician) -------------------------------------------------
class PrinterConfigError(PrinterError):
    """The [printer] settings cannot work (unknown profile, missing host or path)."""
    message_key = "printer.error.config"


class PrinterDriverMissing(PrinterError):
    """A library the transport needs is not installed (pyusb for transport = usb)."""
    message_key = "printer.error.driver_missing"


# --- transport: could not talk to the printer ------------------------------------------------
class PrinterNotFound(PrinterError):
    """No such device: USB not plugged in, serial device or file path absent."""
    message_key = "printer.error.not_found"


class PrinterUnreachable(PrinterError):
    """Network printer refused the connection or is not on the network."""
    message_key = "printer.error.unreachable"


class PrinterPermissionDenied(PrinterError):
    """The kiosk user may not open the device (missing udev rule or group)."""
    message_key = "printer.error.permission_denied"


class PrinterBusy(PrinterError):
    """Another driver holds the device (the kernel's usblp, another process)."""
    message_key = "printer.error.busy"


class PrinterTimeout(PrinterError):
    """The printer stopped accepting data or did not answer in time."""
    message_key = "printer.error.timeout"


class PrinterDisconnected(PrinterError):
    """The connection broke (cable pulled, printer switched off, peer reset)."""
    message_key = "printer.error.disconnected"


# --- the printer answered, and says it cannot print ------------------------------------------
class PaperOut(PrinterError):
    message_key = "printer.error.paper_out"


class CoverOpen(PrinterError):
    message_key = "printer.error.cover_open"


class CutterError(PrinterError):
    message_key = "printer.error.cutter"


class PrinterHardwareError(PrinterError):
    """Unrecoverable error reported by the printer: it needs a technician."""
    message_key = "printer.error.hardware"


class PrinterOffline(PrinterError):
    """The printer says it is off line for a reason it does not name."""
    message_key = "printer.error.offline"


class PrinterNotResponding(PrinterError):
    """The printer did not answer the status queries, so printing would be a guess."""
    message_key = "printer.error.not_responding"


# --- journal ---------------------------------------------------------------------------------
class ReprintNotAvailable(PrinterError):
    """The job is not (or no longer) waiting for a reprint."""
    message_key = "printer.error.reprint_not_available"


class PrinterClosed(PrinterError):
    """The print service was closed; the job was not sent."""
    message_key = "printer.error.closed"


ALL_ERRORS: tuple[type[PrinterError], ...] = (
    PrinterError, PrinterConfigError, PrinterDriverMissing, PrinterNotFound, PrinterUnreachable,
    PrinterPermissionDenied, PrinterBusy, PrinterTimeout, PrinterDisconnected, PaperOut, CoverOpen,
    CutterError, PrinterHardwareError, PrinterOffline, PrinterNotResponding, ReprintNotAvailable,
    PrinterClosed,
)
