"""办件进度查询 and 回执打印: look up by the card or a typed 办件编号, what the list and the detail
show, and the 办件回执 to print. Both tiles run this one flow (flows/offered.py).

What the session keeps: application_number (typed), applications (the list found), application
(the one opened). No widgets here; the screens show what these functions return.

A holder can have thousands of applications (a business owner's years of filings). The list
shows the newest SHOWN_APPLICATIONS: the platform is asked for one more than that (the contract's
`limit`), so neither the platform nor the terminal handles the whole history and the terminal
still knows to say that older ones are at the window. Each row is made ready (a plain dict) on
the worker that fetched the list, so the UI thread only shows the rows on screen.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Callable

from ..i18n import Catalogue as Messages
from .platform_calls import ask_platform
from .platform_text import as_given

if TYPE_CHECKING:
    from ..config.terminal import TerminalSettings
    from ..devices.printer.document import PrintDocument
    from ..platform.client import PlatformClient
    from ..platform.models import Application
    from ..session import CitizenSession
    from .context import Services

DATE = "%Y-%m-%d"
DATETIME = "%Y-%m-%d %H:%M"
# The newest this many are listed; a few screens of rows, and a citizen looking for an older one
# is better served at the window than by scrolling through years of them.
SHOWN_APPLICATIONS = 50


# what to look up ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lookup:
    """The card holder's applications (by_card), or the one application of a typed 办件编号."""
    by_card: bool
    key: str = field(repr=False)     # the holder's ID number, or the 办件编号

    def run(self, client: PlatformClient) -> tuple[Application, ...]:
        if self.by_card:
            return client.applications_of(self.key, limit=SHOWN_APPLICATIONS + 1)
        return (client.application(self.key),)


def lookup_of(session: CitizenSession) -> Lookup | None:
    """The card comes first: a citizen identified by the card sees all of the holder's applications.
    None when the session holds neither a card nor a typed number (nothing to look up)."""
    if session.identity is not None:
        return Lookup(by_card=True, key=session.identity.id_number or "")
    if session.application_number:
        return Lookup(by_card=False, key=session.application_number)
    return None


# 办件编号 as the platform knows them (kiosk/platform/openapi.yaml: letters, digits, "_", ".", "-",
# at most 50); receipts may print them grouped by dashes (150626-20261125-000123) or as one run.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
NUMBER_CHARACTERS = re.compile(r"[A-Za-z0-9_.]{1,50}")
# How a receipt groups a 20-character 办件编号: 行政区划 (6), date (8), serial (6).
RECEIPT_GROUPS = (6, 8, 6)


def normalise_application_number(typed: str) -> str | None:
    """The 办件编号 to look up from what the citizen typed or read off a receipt: full-width
    characters made plain, the dashes and spaces of the printed grouping dropped. The platform
    looks numbers up without separators (the simulator's are one run of digits), so
    150626-20261125-000123 and 15062620261125000123 are the same application. None when nothing
    of a number is left, or it holds characters no 办件编号 has."""
    plain = unicodedata.normalize("NFKC", typed or "")
    compact = "".join(c for c in plain if c not in DASHES and not c.isspace())
    return compact if NUMBER_CHARACTERS.fullmatch(compact) else None


def shown_number(typed: str) -> str:
    """The number on the keypad's display as a receipt prints it: the dashes where the citizen
    typed them; a 20-character run typed without them grouped as the receipt groups it."""
    plain = re.sub(f"[{DASHES}]+", "-", unicodedata.normalize("NFKC", typed or "")).lstrip("-")
    if "-" in plain or len(plain) != sum(RECEIPT_GROUPS):
        return plain
    parts, start = [], 0
    for size in RECEIPT_GROUPS:
        parts.append(plain[start:start + size])
        start += size
    return "-".join(parts)


def type_number(session: CitizenSession, typed: str) -> bool:
    """The 办件编号 typed on the keypad, normalised (normalise_application_number); False (nothing
    kept) when it holds no number."""
    number = normalise_application_number(typed)
    if number is None:
        return False
    session.application_number = number
    return True


@dataclass(frozen=True)
class Listing:
    """What the list shows: the newest applications (at most SHOWN_APPLICATIONS), a row for each
    in the same order, and whether the holder has older ones not listed."""
    applications: list[Application]
    rows: list[dict[str, str]]
    more: bool


def row_of(view: ApplicationView) -> dict[str, str]:
    """The row of the list for one application: plain data, ready for the list's row widget."""
    return {"item_name": view.item_name, "number": view.application_no, "status": view.status,
            "overdue": view.overdue}


def listing_of(applications: tuple[Application, ...], messages: Messages, today: date) -> Listing:
    shown = list(applications[:SHOWN_APPLICATIONS])
    return Listing(applications=shown, rows=[row_of(view_of(a, messages, today)) for a in shown],
                   more=len(applications) > SHOWN_APPLICATIONS)


def look_up(services: Services, on_found: Callable[[Listing], None],
            on_error: Callable[[BaseException], None], today: date | None = None) -> bool:
    """Looks the session's applications up in the background and makes their rows there (texts
    as of `today`, by default the computer's date); the session keeps the applications listed
    (session.applications) before `on_found` gets the Listing. False when there is nothing to
    look up: the flow has to start again."""
    lookup = lookup_of(services.session)
    if lookup is None:
        return False
    session, messages, day = services.session, services.catalogue, today or date.today()

    def fetch(client: PlatformClient) -> Listing:
        return listing_of(lookup.run(client), messages, day)

    def found(listing: Listing) -> None:
        session.applications = listing.applications
        on_found(listing)

    ask_platform(services, fetch, name="applications lookup", on_result=found, on_error=on_error)
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
        reason = messages.text(key, reason=as_given(application.return_reason, messages))
    timeline = tuple(
        "  ".join(part for part in (entry.at.strftime(DATETIME), messages.text(entry.status.message_key),
                                    entry.department_name or "", as_given(entry.note, messages)) if part)
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
