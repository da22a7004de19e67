"""What every layout shares: how a moment is printed and the 补打 mark of a reprint."""
from __future__ import annotations

from datetime import date, datetime

from ...devices.printer.document import PrintDocument

Moment = datetime | date | str | None


def format_moment(value: Moment, *, with_time: bool = True) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if with_time else value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def print_time(value: Moment) -> str:
    """The 打印时间 line: the given moment, or now."""
    return format_moment(value if value is not None else datetime.now())


def finish(doc: PrintDocument, reprint: bool, printed: str) -> PrintDocument:
    return doc.marked_reprint(printed) if reprint else doc
