"""SW3 status codes of GA 467 responses, each mapped to a named outcome.

The driver decides on SW3 alone: SW1 and SW2 carry vendor-specific values for several
codes, so they are kept in the Response but never used for decisions.
"""
from __future__ import annotations

import enum


class Outcome(enum.Enum):
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
    UNKNOWN_STATUS = -1

    @classmethod
    def of(cls, sw3: int) -> "Outcome":
        try:
            return cls(sw3)
        except ValueError:
            return cls.UNKNOWN_STATUS

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


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

# Outcomes caused by the card or its contact with the reader: lifting and placing the
# card again usually helps.
CARD_OUTCOMES = frozenset({
    Outcome.CARD_REJECTED_SAM, Outcome.SAM_REJECTED_CARD, Outcome.VERIFICATION_ERROR,
    Outcome.INFO_LENGTH_ERROR, Outcome.READ_FAILED, Outcome.SELECT_FAILED, Outcome.NO_CARD,
    Outcome.FINGERPRINT_ERROR,
})
# Outcomes that mean the SAM module itself is unusable: a technician must act.
SAM_OUTCOMES = frozenset({
    Outcome.SAM_SELF_TEST_FAILED, Outcome.SAM_NOT_AUTHORISED, Outcome.RANDOM_NUMBER_FAILED,
})
