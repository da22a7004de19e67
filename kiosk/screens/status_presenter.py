"""What the 办件进度查询 screens show, as plain strings: no widgets, testable without a window."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..i18n import Catalogue

DATE = "%Y-%m-%d"
DATETIME = "%Y-%m-%d %H:%M"


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


def view_of(application, catalogue: Catalogue, today: date) -> ApplicationView:
    status = application.status
    overdue = ""
    if application.is_overdue(today):
        overdue = catalogue.text("platform.overdue_days", days=application.days_overdue(today))
    if status.finished:
        promised = ""
    elif application.promised_date is None:
        promised = catalogue.text("platform.same_day")
    else:
        promised = catalogue.text("platform.promised_date", date=application.promised_date.strftime(DATE))
    reason = ""
    if application.return_reason:
        key = "platform.not_accepted_reason" if status.value == "not_accepted" else "platform.return_reason"
        reason = catalogue.text(key, reason=application.return_reason)
    timeline = tuple(
        "  ".join(part for part in (entry.at.strftime(DATETIME), catalogue.text(entry.status.message_key),
                                    entry.department_name or "", entry.note or "") if part)
        for entry in application.timeline)
    return ApplicationView(
        application_no=application.application_no, item_name=application.item_name,
        department_name=application.department_name, status=catalogue.text(status.message_key),
        overdue=overdue, promised=promised, reason=reason, timeline=timeline,
        mobile_url=application.mobile_url or "")



def receipt_for(application, identity, config, catalogue: Catalogue):
    """The 办件回执 of an application. The applicant's name is masked on paper either way;
    with a card the terminal knows it, otherwise the platform's masked form is used."""
    from ..services.documents import ApplicationReceipt

    name = (identity.name or identity.english_name) if identity is not None else application.applicant_name_masked
    return ApplicationReceipt(
        hall_name=config.terminal.hall_name, application_no=application.application_no,
        service_name=application.item_name, applicant_name=name or "",
        accepted_at=application.submitted_at,
        promised_at=application.promised_date or catalogue.text("platform.same_day"),
        status_text=catalogue.text(application.status.message_key),
        app_url=application.mobile_url or config.terminal.mobile_app_url,
        terminal_id=config.terminal.terminal_id)
