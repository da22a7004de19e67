"""办件进度查询 and 回执打印: look up by the card or a typed 办件编号, what the list and the detail
show, and the 办件回执 to print. Both tiles run this one flow (flows/offered.py).

What the session keeps: application_number (typed), applications (the list found), application
(the one opened). No widgets here; the screens show what these functions return.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Callable

from ..i18n import Catalogue as Messages
from .platform_calls import ask_platform

if TYPE_CHECKING:
    from ..config.terminal import TerminalSettings
    from ..devices.printer.document import PrintDocument
    from ..platform.client import PlatformClient
    from ..platform.models import Application
    from ..session import CitizenSession
    from .context import Services

DATE = "%Y-%m-%d"
DATETIME = "%Y-%m-%d %H:%M"


# what to look up ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lookup:
    """The card holder's applications (by_card), or the one application of a typed 办件编号."""
    by_card: bool
    key: str = field(repr=False)     # the holder's ID number, or the 办件编号

    def run(self, client: PlatformClient) -> tuple[Application, ...]:
        if self.by_card:
            return client.applications_of(self.key)
        return (client.application(self.key),)


def lookup_of(session: CitizenSession) -> Lookup | None:
    """The card comes first: a citizen identified by the card sees all of the holder's applications.
    None when the session holds neither a card nor a typed number (nothing to look up)."""
    if session.identity is not None:
        return Lookup(by_card=True, key=session.identity.id_number or "")
    if session.application_number:
        return Lookup(by_card=False, key=session.application_number)
    return None


def type_number(session: CitizenSession, number: str) -> bool:
    """The 办件编号 typed on the keypad; False (nothing kept) for an empty one."""
    if not number:
        return False
    session.application_number = number
    return True


def look_up(services: Services, on_found: Callable[[list[Application]], None],
            on_error: Callable[[BaseException], None]) -> bool:
    """Looks the session's applications up in the background; the session keeps the list found
    (session.applications) before `on_found` gets it. False when there is nothing to look up:
    the flow has to start again."""
    lookup = lookup_of(services.session)
    if lookup is None:
        return False
    session = services.session

    def found(applications) -> None:
        session.applications = list(applications)
        on_found(session.applications)

    ask_platform(services, lookup.run, name="applications lookup", on_result=found, on_error=on_error)
    return True


def choose(session: CitizenSession, application: Application) -> None:
    """The application opened from the list: the detail shows it, the receipt and a rating are of it."""
    session.application = application


# what the list and the detail show -----------------------------------------------------------
@dataclass(frozen=True)
class ApplicationView:
    application_no: str
    item_name: str
    department_name: str
    status: str
    overdue: str            # "已超期3天", or empty
    promised: str           # "承诺办结日期：2026-11-20", 即办, or empty once finished
    reason: str             # why it was returned / not accepted, or empty
    timeline: tuple[str, ...]
    mobile_url: str


def view_of(application: Application, messages: Messages, today: date) -> ApplicationView:
    status = application.status
    overdue = ""
    if application.is_overdue(today):
        overdue = messages.text("platform.overdue_days", days=application.days_overdue(today))
    if status.finished:
        promised = ""
    elif application.promised_date is None:
        promised = messages.text("platform.same_day")
    else:
        promised = messages.text("platform.promised_date", date=application.promised_date.strftime(DATE))
    reason = ""
    if application.return_reason:
        key = "platform.not_accepted_reason" if status.value == "not_accepted" else "platform.return_reason"
        reason = messages.text(key, reason=application.return_reason)
    timeline = tuple(
        "  ".join(part for part in (entry.at.strftime(DATETIME), messages.text(entry.status.message_key),
                                    entry.department_name or "", entry.note or "") if part)
        for entry in application.timeline)
    return ApplicationView(
        application_no=application.application_no, item_name=application.item_name,
        department_name=application.department_name, status=messages.text(status.message_key),
        overdue=overdue, promised=promised, reason=reason, timeline=timeline,
        mobile_url=application.mobile_url or "")


def detail_view(session: CitizenSession, messages: Messages, today: date) -> ApplicationView | None:
    """The application opened, or None once the session has ended."""
    return view_of(session.application, messages, today) if session.application is not None else None


# what is printed -------------------------------------------------------------------------------
def receipt(session: CitizenSession, application: Application, terminal: TerminalSettings,
            messages: Messages) -> PrintDocument:
    """The 办件回执 of `application`, with the applicant's name from the card when one was read."""
    # Loaded on the first print, not with the screens: the documents pull in the printer driver.
    from ..services.documents import receipt_document, receipt_for

    return receipt_document(receipt_for(application, session.identity, terminal, messages))
