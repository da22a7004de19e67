"""The GA 467 tables, written once: the commands (CMD, Para), the SW3 status codes and the baud codes.

The driver (reader.py) sends these commands and decides on these outcomes; the virtual reader
(kiosk/sim/idcard_sim.py) answers the same commands with the same outcomes, so the two cannot
drift apart. Byte-level framing (preamble, lengths, checksum) belongs to frames.py.
Source: docs/idcard-protocol.md.
"""
from __future__ import annotations

import enum

# Rates a reader can be set to, fastest (the default) first: the order a driver probes in.
# The value is the Para of the set-baud command; the reader keeps a new rate across power-off.
BAUD_CODES: dict[int, int] = {115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04}
BAUD_RATES: tuple[int, ...] = tuple(BAUD_CODES)
_SET_BAUD = 0x60


class Command(enum.Enum):
    """Every request of the protocol, as its (CMD, Para) bytes."""
    RESET_SAM = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_TEXT_PHOTO = (0x30, 0x01)
    READ_TEXT_PHOTO_FINGERPRINT = (0x30, 0x10)
    READ_APPENDED_ADDRESS = (0x30, 0x03)
    SET_BAUD_115200 = (_SET_BAUD, BAUD_CODES[115200])
    SET_BAUD_57600 = (_SET_BAUD, BAUD_CODES[57600])
    SET_BAUD_38400 = (_SET_BAUD, BAUD_CODES[38400])
    SET_BAUD_19200 = (_SET_BAUD, BAUD_CODES[19200])
    SET_BAUD_9600 = (_SET_BAUD, BAUD_CODES[9600])

    @property
    def cmd(self) -> int:
        return self.value[0]

    @property
    def para(self) -> int:
        return self.value[1]

    @property
    def label(self) -> str:
        """The command's name in error messages and logs."""
        return _LABELS[self]

    @property
    def baud(self) -> int | None:
        """The rate a set-baud command selects; None for every other command."""
        return _RATE_OF_CODE.get(self.para) if self.cmd == _SET_BAUD else None

    @classmethod
    def of(cls, cmd: int, para: int) -> "Command | None":
        """The command these request bytes name, or None for one the protocol does not have."""
        return cls._value2member_map_.get((cmd, para))   # type: ignore[return-value]

    @classmethod
    def set_baud(cls, baud: int) -> "Command":
        if baud not in BAUD_CODES:
            raise ValueError(f"baud {baud} is not one of {BAUD_RATES}")
        return cls((_SET_BAUD, BAUD_CODES[baud]))


_RATE_OF_CODE = {code: rate for rate, code in BAUD_CODES.items()}
SET_BAUD_COMMANDS: tuple[Command, ...] = tuple(Command.set_baud(rate) for rate in BAUD_RATES)

# Commands that may be sent again when their answer was lost or damaged: asking again changes
# nothing on the reader or the card (a card found or selected answers the same again, a card read
# can be read again while it lies there). Reset and set baud change the reader, so they are sent
# again only when the reader says the request reached it damaged (REQUEST_DAMAGED) and did nothing.
RESENDABLE: frozenset[Command] = frozenset({
    Command.SAM_STATUS, Command.SAM_ID, Command.FIND_CARD, Command.SELECT_CARD, Command.READ_TEXT_PHOTO,
    Command.READ_TEXT_PHOTO_FINGERPRINT, Command.READ_APPENDED_ADDRESS,
})

_LABELS = {
    Command.RESET_SAM: "reset",
    Command.SAM_STATUS: "SAM status",
    Command.SAM_ID: "SAM ID",
    Command.FIND_CARD: "find card",
    Command.SELECT_CARD: "select card",
    Command.READ_TEXT_PHOTO: "read card",
    Command.READ_TEXT_PHOTO_FINGERPRINT: "read card",
    Command.READ_APPENDED_ADDRESS: "read appended address",
    **{c: f"set baud {c.baud}" for c in SET_BAUD_COMMANDS},
}


class Outcome(enum.Enum):
    """SW3 of a response. Decisions use SW3 alone: SW1 and SW2 carry vendor values for several codes."""
    SUCCESS = 0x90
    CARD_FOUND = 0x9F
    NO_CONTENT = 0x91
    TERMINAL_CHECKSUM_ERROR = 0x10
    TERMINAL_LENGTH_ERROR = 0x11
    BAD_COMMAND = 0x21
    NOT_PERMITTED = 0x23
    UNRECOGNISED_ERROR = 0x24
    CARD_REJECTED_SAM = 0x31
    SAM_REJECTED_CARD = 0x32
    VERIFICATION_ERROR = 0x33
    FINGERPRINT_ERROR = 0x37
    INFO_LENGTH_ERROR = 0x3F
    UNKNOWN_CARD_TYPE = 0x40
    READ_FAILED = 0x41
    RANDOM_NUMBER_FAILED = 0x47
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66
    NO_CARD = 0x80
    SELECT_FAILED = 0x81
    UNKNOWN_STATUS = -1      # any code the protocol does not define; never sent on the wire

    @classmethod
    def of(cls, sw3: int) -> "Outcome":
        try:
            return cls(sw3)
        except ValueError:
            return cls.UNKNOWN_STATUS

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


# The reader heard a damaged request and did not act on it.
REQUEST_DAMAGED = frozenset({Outcome.TERMINAL_CHECKSUM_ERROR, Outcome.TERMINAL_LENGTH_ERROR})

_DESCRIPTIONS = {
    Outcome.SUCCESS: "success",
    Outcome.CARD_FOUND: "card found",
    Outcome.NO_CONTENT: "this item has no content on the card",
    Outcome.TERMINAL_CHECKSUM_ERROR: "the reader saw a checksum error in our request",
    Outcome.TERMINAL_LENGTH_ERROR: "the reader saw a length error in our request",
    Outcome.BAD_COMMAND: "the reader rejected the command",
    Outcome.NOT_PERMITTED: "operation not permitted",
    Outcome.UNRECOGNISED_ERROR: "unrecognised error",
    Outcome.CARD_REJECTED_SAM: "the card failed to authenticate the SAM",
    Outcome.SAM_REJECTED_CARD: "the SAM failed to authenticate the card",
    Outcome.VERIFICATION_ERROR: "information verification error",
    Outcome.FINGERPRINT_ERROR: "fingerprint verification error",
    Outcome.INFO_LENGTH_ERROR: "information length error",
    Outcome.UNKNOWN_CARD_TYPE: "unrecognised card type",
    Outcome.READ_FAILED: "reading the card failed",
    Outcome.RANDOM_NUMBER_FAILED: "getting a random number failed",
    Outcome.SAM_SELF_TEST_FAILED: "SAM self-test failed",
    Outcome.SAM_NOT_AUTHORISED: "SAM not authorised",
    Outcome.NO_CARD: "no card found",
    Outcome.SELECT_FAILED: "selecting the card failed",
    Outcome.UNKNOWN_STATUS: "unknown status code",
}
