"""Which SW3 outcomes are the card's fault and which the SAM's: the driver's reading of the status
table (protocol.py), deciding which error a failed command becomes and who must act on it."""
from __future__ import annotations

from .protocol import Outcome

__all__ = ["Outcome", "CARD_OUTCOMES", "SAM_OUTCOMES"]

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
