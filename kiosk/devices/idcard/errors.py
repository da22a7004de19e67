"""One exception type per reader failure a citizen or technician must act on.

Every type carries `message_key`, the catalogue key (kiosk/i18n/*/reader.toml) a screen
shows for it, and `for_technician`: True when the citizen can do nothing about it and
the screen should show the reader-fault banner and the fallback instead.
"""
from __future__ import annotations

from .protocol import Outcome


class ReaderError(Exception):
    message_key = "reader.fault"
    for_technician = True


class ReaderNotFound(ReaderError):
    """The serial port does not exist or cannot be opened (unplugged, wrong path, in use)."""
    message_key = "reader.not_found"


class ReaderNotResponding(ReaderError):
    """The port opened but nothing answered SAM status at any baud rate."""
    message_key = "reader.not_responding"


class PortVanished(ReaderError):
    """The port went away while in use (USB cable pulled, device reset)."""
    message_key = "reader.disconnected"


class ReaderTimeout(ReaderError):
    """A command got no complete answer within its timeout."""
    message_key = "reader.timeout"

    def __init__(self, message: str, *, received_bytes: int = 0):
        super().__init__(message)
        self.received_bytes = received_bytes


class ResponseCorrupt(ReaderError):
    """The exchange was damaged on the line: a noisy line, a bad cable or a wrong baud rate."""
    message_key = "reader.line_error"


class ChecksumMismatch(ResponseCorrupt):
    """A whole frame arrived but its checksum did not match."""


class TruncatedFrame(ResponseCorrupt):
    """A frame started but stopped before its announced length."""


class MalformedAnswer(ResponseCorrupt):
    """A frame with a good checksum whose data cannot be the answer to the command sent (a chip
    number or SAM ID of the wrong size, read lengths that disagree): damage the XOR checksum missed."""


class RequestDamaged(ResponseCorrupt):
    """The reader says our request arrived damaged (SW3 10 or 11), so it did nothing."""


class CommandRejected(ReaderError):
    """The reader refused a request (SW3 10/11/21/23/24): a driver or firmware problem."""
    message_key = "reader.fault"

    def __init__(self, message: str, outcome: Outcome):
        super().__init__(message)
        self.outcome = outcome


class SamFault(ReaderError):
    """The SAM security module failed its self-test or is not authorised (SW3 60/66/47)."""
    message_key = "reader.sam_fault"

    def __init__(self, message: str, outcome: Outcome):
        super().__init__(message)
        self.outcome = outcome


class CardReadFailed(ReaderError):
    """The card was there but could not be read; placing it again usually helps."""
    message_key = "reader.replace_card"
    for_technician = False

    def __init__(self, message: str, outcome: Outcome | None = None):
        super().__init__(message)
        self.outcome = outcome


class CardNotSupported(CardReadFailed):
    """The card is not a resident ID card or residence permit this reader knows (SW3 40)."""
    message_key = "reader.card_unsupported"


class CardDataError(CardReadFailed):
    """The card answered but its text block does not hold what the card type requires."""


class InvalidCardContent(CardDataError):
    """The card was read, but what it holds cannot be true: a date that is not on the calendar,
    text that is not valid UTF-16, or control or direction-changing characters. Placing it again
    reads the same, so the holder is sent to the window. `field` names the field (never its value)."""
    message_key = "reader.card_invalid"

    def __init__(self, message: str, field: str):
        super().__init__(f"{field}: {message}")
        self.field = field


class NoCardInTime(ReaderError):
    """Waiting for a card ended without a card being placed."""
    message_key = "reader.no_card"
    for_technician = False
