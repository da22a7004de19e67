"""What the rating screens hand to the store, what the store keeps, and what can go wrong."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...platform.models import Evaluator


@dataclass(frozen=True)
class Rating:
    """One rating as the citizen made it. The store adds the key, codes, channel, place and time.

    `item_code` (事项编码) may be None when the 办件编号 was typed while the platform was offline:
    the uploader looks it up before the first send.
    """

    application_no: str                 # 办件编号
    level: str                          # 非常满意 .. 非常不满意
    evaluator: Evaluator
    item_code: str | None = None
    department_code: str | None = None
    reason_codes: tuple[str, ...] = ()
    comment: str = ""
    anonymous: bool = False
    service_name: str = ""              # for the slip only; not sent

    def __repr__(self) -> str:
        return f"Rating({self.application_no!r}, {self.level!r}, evaluator=<masked>)"


@dataclass(frozen=True)
class StoredRating:
    """A rating once durable in the outbox."""

    key: str                            # idempotency key (uuid4), made when stored
    application_no: str
    level: str
    code: str                           # 满意度代码 in the platform's direction
    rated_at: datetime                  # China time
    rating_count: int                   # 评价次数
    state: str                          # pending | confirmed | rejected | unreadable
    reason_codes: tuple[str, ...] = ()
    item_code: str | None = None
    rating_id: str | None = None        # the platform's id once confirmed
    error: str = ""                     # why it was rejected / last upload failure


@dataclass(frozen=True)
class PreviousRating:
    """This person's earlier rating of this 办件. `rated_at` is None when only the platform knows
    of it (it answered duplicate_rating) and did not say when."""

    rated_at: datetime | None
    rating_count: int
    source: str                         # "terminal" | "platform"


class RatingError(Exception):
    message_key = "rating.store_failed"


class RatingStoreError(RatingError):
    """The rating could not be made durable (disk full, database unusable): it is NOT stored."""

    message_key = "rating.store_failed"


class AlreadyRated(RatingError):
    """一次一评: this person has rated this 办件 as often as the region allows."""

    message_key = "rating.already_rated"

    def __init__(self, previous: PreviousRating):
        self.previous = previous
        super().__init__("this application was already rated by this person"
                         + (f" at {previous.rated_at:%Y-%m-%d %H:%M}" if previous.rated_at else ""))


class InvalidRating(RatingError, ValueError):
    """The screens built a rating the platform would refuse (a programming error, not the citizen's)."""

    message_key = "rating.store_failed"
