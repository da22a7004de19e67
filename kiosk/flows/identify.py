"""Identify: which ID cards each flow accepts, and what the identify step makes of a card read.

Every flow that starts with the card takes all four cards the reader reads (居民身份证, 港澳台居民
居住证 and both 外国人永久居留身份证): the platform finds applications, certificates and ratings by
the card's number whatever the card, and a 好差评 sends the card's 证件类型 with it. A flow that
must refuse a kind of card says so in ACCEPTED_CARDS, and the refusal reads "reader.card_unsupported".

A document past its 有效期限 is refused too (IdentityCard.expired_on, on the day the identify step
is given: the flows take the date, so tests choose it), saying to go to the window.

A refused card means: the flow does not go on; the identify screen keeps showing the card masked
with the refusal (what to do next: another card, or the window), and the citizen may place
another card or go home. Reading and keeping the card in the session is the reader events' job,
before the identify step decides.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..devices.idcard.card import CARD_TYPES
from ..masking import display_identity
from .offered import FLOWS

if TYPE_CHECKING:
    from ..devices.idcard.card import IdentityCard

EVERY_CARD = frozenset(CARD_TYPES)

# flow key (flows/offered.py) -> the card types it accepts. A flow not listed (an identify step
# begun outside a home tile) accepts every card.
ACCEPTED_CARDS: dict[str, frozenset[str]] = {flow.key: EVERY_CARD for flow in FLOWS if flow.identify}

WELCOME = "identify.welcome"
CARD_NOT_ACCEPTED = "reader.card_unsupported"     # 请放置居民身份证或居住证件
NUMBER_INVALID = "reader.id_number_invalid"       # the check character fails: the window can help
EXPIRED = "reader.card_expired"                   # 证件已超过有效期限，请到{window}办理


@dataclass(frozen=True)
class CardCheck:
    """What the identify step shows of a card and whether the flow goes on with it."""
    accepted: bool
    message_key: str        # WELCOME, or why the card cannot be used and what to do next
    masked_name: str        # 张*三 (the Chinese name, else the English one)
    masked_id: str          # 152627********1234


def accepted_cards(flow_key: str) -> frozenset[str]:
    return ACCEPTED_CARDS.get(flow_key, EVERY_CARD)


def expired(card: IdentityCard, today: date) -> bool:
    """Past its end of validity on `today`; a card that does not say when it ends is not refused for it."""
    try:
        return card.expired_on(today)
    except ValueError:
        return False


def check_card(card: IdentityCard, flow_key: str = "", *, today: date) -> CardCheck:
    """A card of a type the flow does not take is refused first; then one past its 有效期限 on
    `today` (the window can help); then one whose number fails its check character (GB 11643):
    such a number names nobody the platform could look up."""
    if card.card_type not in accepted_cards(flow_key):
        refusal = CARD_NOT_ACCEPTED
    elif expired(card, today):
        refusal = EXPIRED
    elif not card.id_number_valid:
        refusal = NUMBER_INVALID
    else:
        refusal = ""
    shown = display_identity(card)
    return CardCheck(accepted=not refusal, message_key=refusal or WELCOME,
                     masked_name=shown.name, masked_id=shown.id_number)
