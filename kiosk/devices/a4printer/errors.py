"""What can go wrong with the A4 printer, one exception per thing a citizen or technician acts on.

As for the receipt printer (kiosk/devices/printer/errors.py), every error carries a `message_key`
(kiosk/i18n/*/printer.toml) saying where to go instead, and `nothing_printed`: True when no page
can have come out (the citizen may simply try again later), False when the outcome is uncertain
(the job waits as a 补打 reprint). `for_technician` is True when the citizen can do nothing about
it: every fault of the printer itself. The print service sets `job_id`, `reprint_offered`,
`status` (the A4PrinterStatus that refused or stopped the job) and `pages_printed` (as the
printer counted them, None when it did not say).
"""
from __future__ import annotations


class A4PrinterError(Exception):
    message_key = "a4printer.error.generic"
    for_technician = True
    nothing_printed = True
    job_id: int | None = None
    reprint_offered = False
    status = None
    pages_printed: int | None = None

    def __init__(self, detail: str = "", *, nothing_printed: bool | None = None):
        super().__init__(detail or self.__class__.__name__)
        self.detail = detail
        if nothing_printed is not None:
            self.nothing_printed = nothing_printed


# --- set-up ----------------------------------------------------------------------------------
class A4PrinterConfigError(A4PrinterError):
    """[a4printer] uri cannot work, or the printer does not take PDF."""
    message_key = "a4printer.error.config"


# --- could not talk to the printer -------------------------------------------------------------
class A4PrinterUnreachable(A4PrinterError):
    """Connection refused, no route, unknown host: switched off, unplugged, or the wrong address."""
    message_key = "a4printer.error.unreachable"


class A4PrinterTimeout(A4PrinterError):
    """No answer within [a4printer] request_timeout_s."""
    message_key = "a4printer.error.timeout"


class A4PrinterDisconnected(A4PrinterError):
    """The connection broke after the request left (reset, closed without an answer)."""
    message_key = "a4printer.error.disconnected"


class A4PrinterNotResponding(A4PrinterError):
    """Something answered, but not as an IPP printer (an HTTP error, not IPP, no printer-state)."""
    message_key = "a4printer.error.not_responding"


# --- the printer answered, and cannot print ------------------------------------------------------
class A4PaperOut(A4PrinterError):
    """media-empty, media-needed, input-tray-missing."""
    message_key = "a4printer.error.paper_out"


class A4PaperJam(A4PrinterError):
    """media-jam."""
    message_key = "a4printer.error.jam"


class A4DoorOpen(A4PrinterError):
    """door-open, cover-open, interlock-open."""
    message_key = "a4printer.error.door_open"


class A4TonerEmpty(A4PrinterError):
    """toner-empty, marker-supply-empty."""
    message_key = "a4printer.error.toner_empty"


class A4PrinterOffline(A4PrinterError):
    """printer-state stopped, offline, paused (a CUPS queue disabled), or not accepting jobs."""
    message_key = "a4printer.error.offline"


class A4JobRefused(A4PrinterError):
    """The printer answered Print-Job with an error status: nothing was queued."""
    message_key = "a4printer.error.refused"


# --- the job did not end well ----------------------------------------------------------------
class A4JobAborted(A4PrinterError):
    """The printer aborted or someone cancelled the job at the printer."""
    message_key = "a4printer.error.job_aborted"
    nothing_printed = False


class A4JobTimeout(A4PrinterError):
    """The job did not end within [a4printer] job_timeout_s; it was cancelled."""
    message_key = "a4printer.error.job_timeout"
    nothing_printed = False


# --- the journal and the service -------------------------------------------------------------
class A4ReprintNotAvailable(A4PrinterError):
    """The job is not (or no longer) waiting for a reprint."""
    message_key = "a4printer.error.reprint_not_available"
    for_technician = False


class A4PrinterClosed(A4PrinterError):
    """The A4 print service was closed; the job was not sent."""
    message_key = "a4printer.error.closed"
    for_technician = False


ALL_ERRORS: tuple[type[A4PrinterError], ...] = (
    A4PrinterError, A4PrinterConfigError, A4PrinterUnreachable, A4PrinterTimeout, A4PrinterDisconnected,
    A4PrinterNotResponding, A4PaperOut, A4PaperJam, A4DoorOpen, A4TonerEmpty, A4PrinterOffline, A4JobRefused,
    A4JobAborted, A4JobTimeout, A4ReprintNotAvailable, A4PrinterClosed,
)
