"""What the store keeps, what it hands back, and what can go wrong."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from .domain import Rating


@dataclass(frozen=True)
class RecordedRating:
    """A rating as the outbox keeps it until the platform confirms it: the citizen's rating and
    what the terminal fixed when storing it. It is the same on every resend."""

    key: str                            # idempotency key (uuid4), made when stored
    rating: Rating
    code: str                           # 满意度代码 in the platform's direction, fixed when stored
    channel: str                        # 评价渠道
    region_code: str                    # 行政区划 where rated
    terminal_id: str
    rated_at: datetime                  # 评价时间, China time
    rating_count: int                   # 评价次数
    options_version: str | None = None  # the rating options the code and reasons came from

    def with_item(self, item_code: str, department_code: str | None) -> "RecordedRating":
        """The 事项 looked up for a 办件编号 typed in offline (a department already known stays)."""
        return replace(self, rating=replace(self.rating, item_code=item_code,
                                            department_code=self.rating.department_code or department_code))


@dataclass(frozen=True)
class StoredRating:
    """A rating once durable in the outbox."""

    key: str                            # idempotency key (uuid4), made when stored
    application_no: str
    level: str
    code: str                           # 满意度代码 in the platform's direction
    rated_at: datetime                  # China time
    rating_count: int                   # 评价次数
    state: str                          # pending | confirmed | rejected | unreadable | parked
    reason_codes: tuple[str, ...] = ()
    item_code: str | None = None
    rating_id: str | None = None        # the platform's id once confirmed
    error: str = ""                     # why it was rejected / last upload failure


@dataclass(frozen=True)
class ParkedRating:
    """A rating the uploader gave up on, waiting for a technician (nothing personal in it)."""

    key: str
    application_no: str                 # 办件编号
    attempts: int
    reason: str                         # the last failure, as the uploader recorded it
    parked_at: float | None             # epoch seconds


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
