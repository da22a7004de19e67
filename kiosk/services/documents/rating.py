"""好差评 slip (评价凭条): what the citizen rated, and how it is built from the stored rating."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ...devices.printer.document import Feed, Field, PrintDocument, Rule, Text
from .layout import Moment, finish, format_moment, print_time

if TYPE_CHECKING:
    from ...config.terminal import TerminalSettings
    from ..ratings import StoredRating

REASON_SEPARATOR = "、"


@dataclass(frozen=True)
class RatingSlip:
    """好差评 slip: what the citizen rated."""
    application_no: str
    service_name: str
    level_text: str                # 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意
    rated_at: Moment
    terminal_id: str
    hall_name: str = ""
    reasons_text: str = ""         # the chosen reasons of a bad rating, e.g. 等待时间长、材料要求不清楚
    comment: str = ""              # 文字评价, from the platform's phrases


def rating_slip(stored: StoredRating, service_name: str, terminal: TerminalSettings,
                reasons: Iterable[str] = (), comment: str = "") -> RatingSlip:
    """The slip of a rating once durable. `reasons` are the chosen reasons as the platform words
    them. The slip carries the fixed Chinese level name: it is the record's wording, not the UI
    language; the time is China time as stored."""
    return RatingSlip(application_no=stored.application_no, service_name=service_name or "—",
                      level_text=stored.level, rated_at=stored.rated_at.replace(tzinfo=None),
                      terminal_id=terminal.terminal_id, hall_name=terminal.hall_name,
                      reasons_text=REASON_SEPARATOR.join(reasons), comment=comment)


def rating_document(s: RatingSlip, *, reprint: bool = False, printed_at: Moment = None) -> PrintDocument:
    printed = print_time(printed_at if printed_at is not None else s.rated_at)
    head: tuple = (Text(s.hall_name, align="center", bold=True, scale=2),) if s.hall_name else ()
    blocks = head + (
        Text("好差评 评价凭条", align="center", bold=True),
        Rule(),
        Field("办件编号", s.application_no),
        Field("事项名称", s.service_name),
        Field("评价", s.level_text, bold=True),
    ) + ((Field("原因", s.reasons_text),) if s.reasons_text else ()) + (
        (Field("评价内容", s.comment),) if s.comment else ()) + (
        Field("评价时间", format_moment(s.rated_at)),
        Field("终端编号", s.terminal_id),
        Rule(),
        Text("感谢您的评价", align="center"),
        Feed(1),
    )
    doc = PrintDocument("rating", blocks, summary=f"好差评 {s.application_no}")
    return finish(doc, reprint, printed)
