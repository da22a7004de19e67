"""好差评 as the terminal understands it: the five levels, their 满意度代码, the evaluator, the
rating a citizen makes and the rules a rating keeps. Nothing here knows HTTP: the uploader maps a
recorded rating to the platform's request body (kiosk.platform.models.RatingSubmission).
"""
from __future__ import annotations

from dataclasses import dataclass, field

# The five levels of 满意度, best first: the fixed terms of the rating rules. The platform's
# contract spells the same five (kiosk.platform.models.LEVEL_NAMES; a test keeps them equal).
LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
# 差评: a rating at one of these levels needs at least one reason.
BAD_LEVELS = frozenset({"不满意", "非常不满意"})

# 满意度代码: the one mapping table between levels and codes. Sources disagree on the direction
# (docs/rating-rules.md), so the direction is configuration ([platform] satisfaction_codes); when
# the platform's rating options are cached, their codes win over this table.
SATISFACTION_CODES: dict[str, dict[str, str]] = {
    "gbt39046": {"非常满意": "1", "满意": "2", "基本满意": "3", "不满意": "4", "非常不满意": "5"},
    "five_is_best": {"非常满意": "5", "满意": "4", "基本满意": "3", "不满意": "2", "非常不满意": "1"},
}

# 证件类型代码 by the card read: 111 居民身份证, 553 外国人永久居留身份证. A 港澳台居民居住证 carries an
# 18-digit citizen-style number and is sent as 111 until the region's platform says otherwise.
ID_TYPES = {"resident": "111", "hmt_residence": "111", "foreign_permanent": "553",
            "foreign_permanent_2023": "553"}

# The chosen comment phrases' texts are joined into one 文字评价 with this (the contract says so too).
COMMENT_SEPARATOR = "；"

MAX_APPLICATION_NO = 50     # 办件编号 is at most 50 characters


def is_bad(level: str) -> bool:
    return level in BAD_LEVELS


def satisfaction_code(level: str, direction: str) -> str:
    """满意度代码 of `level` (one of LEVELS) in the configured direction."""
    return SATISFACTION_CODES[direction][level]


def id_type_of(card_type: str) -> str:
    """证件类型代码 of a card type of kiosk.devices.idcard (居民身份证 when not known)."""
    return ID_TYPES.get(card_type, "111")


@dataclass(frozen=True)
class Evaluator:
    """评价人: real-name; goes to nobody but the platform."""

    name: str
    id_number: str
    id_type: str = "111"            # 证件类型代码 (GB/T 39046): 居民身份证
    user_type: int = 1              # 1 person, 2 legal entity
    mobile: str | None = None

    def __repr__(self) -> str:  # never print the person in a traceback or a log line
        return "Evaluator(<masked>)"


@dataclass(frozen=True)
class Rating:
    """One rating as the citizen made it. The store adds the key, code, channel, place and time.

    `item_code` (事项编码) may be None when the 办件编号 was typed while the platform was offline:
    the uploader looks it up before the first send.
    """

    application_no: str                 # 办件编号
    level: str                          # one of LEVELS
    evaluator: Evaluator
    item_code: str | None = None
    department_code: str | None = None
    reason_codes: tuple[str, ...] = ()
    comment: str = ""                   # 文字评价
    anonymous: bool = False
    service_name: str = ""              # for the slip only; not sent

    def __repr__(self) -> str:
        return f"Rating({self.application_no!r}, {self.level!r}, evaluator=<masked>)"


@dataclass(frozen=True)
class RatingTarget:
    """The 办件 being rated."""

    application_no: str
    item_code: str | None = None        # None: typed while offline; looked up before upload
    department_code: str | None = None
    item_name: str = ""


@dataclass
class RatingChoice:
    """What the citizen has chosen so far on the rating screens."""

    level: str
    reasons: list[str] = field(default_factory=list)     # reason codes
    phrases: list[str] = field(default_factory=list)     # comment phrase codes (kept to go back and change)
    comment: str = ""                                    # 文字评价: the chosen phrases' texts, joined

    @property
    def bad(self) -> bool:
        return is_bad(self.level)


def broken_rule(rating: Rating, offered_reasons: frozenset[str] | None = None) -> str | None:
    """The rule `rating` breaks (the platform would refuse it), or None when it keeps them all.
    `offered_reasons`: the reason codes the platform's options offer for the level, when known."""
    if rating.level not in LEVELS:
        return f"unknown level {rating.level!r}"
    if not rating.application_no or len(rating.application_no) > MAX_APPLICATION_NO:
        return f"办件编号 must be 1-{MAX_APPLICATION_NO} characters"
    if is_bad(rating.level) and not rating.reason_codes:
        return "a bad rating needs at least one reason"
    if offered_reasons is not None and not set(rating.reason_codes) <= offered_reasons:
        return "reason codes not offered for this level"
    if not rating.evaluator.id_number or not rating.evaluator.name:
        return "a rating is real-name: evaluator name and ID number are required"
    return None


def may_rate(ratings_made: int, max_ratings: int) -> bool:
    """一次一评: a person rates one 办件 once, or up to the region's numbered limit."""
    return ratings_made < max_ratings
