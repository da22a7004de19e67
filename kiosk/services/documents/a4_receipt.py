"""办件回执 and 办件告知单 on A4, for the citizen who needs a paper to hand in.

The 回执 is laid out from the very ApplicationReceipt the receipt printer prints (receipt.py), so
both papers say the same; the 告知单 (notice) adds what a receipt slip has no room for: the
department, the steps so far and, for a returned or refused application, the reason in full.
The applicant's name is masked on paper as on the slip.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...devices.a4printer.document import A4Document
from ...masking import mask_name, mask_text
from . import a4_layout as a4
from .layout import Moment, format_moment, print_time
from .receipt import ApplicationReceipt, receipt_for

if TYPE_CHECKING:
    from ...config.terminal import TerminalSettings
    from ...devices.idcard.card import IdentityCard
    from ...i18n import Catalogue as Messages
    from ...platform.models import Application

RECEIPT_TITLE = "办件回执"
NOTICE_TITLE = "办件告知单"


def receipt_a4(r: ApplicationReceipt) -> A4Document:
    title = RECEIPT_TITLE
    pdf = a4.start(title, r.hall_name)
    a4.fields(pdf, [("办件编号", r.application_no), ("事项名称", r.service_name),
                    ("申请人", mask_name(r.applicant_name)), ("受理时间", format_moment(r.accepted_at)),
                    ("承诺办结时间", format_moment(r.promised_at, with_time=False)), ("办理状态", r.status_text)],
              title=title, hall_name=r.hall_name)
    a4.qr_block(pdf, r.app_url, "用蒙速办扫码查看办理进度", title=title, hall_name=r.hall_name)
    a4.footers(pdf, r.terminal_id, print_time(r.printed_at), "请妥善保管本回执")
    return a4.finish(pdf, "receipt", f"办件回执 {r.application_no}")


@dataclass(frozen=True)
class NoticeStep:
    at: Moment
    status_text: str
    department: str = ""
    note: str = ""


@dataclass(frozen=True)
class ApplicationNotice:
    """办件告知单: the receipt's data, and the application's course."""
    receipt: ApplicationReceipt
    department: str = ""
    steps: tuple[NoticeStep, ...] = ()
    reason: str = ""              # 退回 / 不予受理 reason, in full


def notice_for(application: Application, identity: IdentityCard | None, terminal: TerminalSettings,
               messages: Messages) -> ApplicationNotice:
    """From the same data as the receipt (receipt_for), plus the platform's timeline."""
    steps = tuple(NoticeStep(e.at, messages.text(e.status.message_key), e.department_name or "", e.note or "")
                  for e in application.timeline)
    return ApplicationNotice(receipt_for(application, identity, terminal, messages), application.department_name,
                             steps, application.return_reason or "")


def notice_a4(n: ApplicationNotice) -> A4Document:
    r = n.receipt
    title = NOTICE_TITLE
    pdf = a4.start(title, r.hall_name)
    rows = [("办件编号", r.application_no), ("事项名称", r.service_name)]
    if n.department:
        rows.append(("承办部门", n.department))
    rows += [("申请人", mask_name(r.applicant_name)), ("受理时间", format_moment(r.accepted_at)),
             ("承诺办结时间", format_moment(r.promised_at, with_time=False)), ("办理状态", r.status_text)]
    if n.reason:
        rows.append(("原因", mask_text(n.reason)))
    a4.fields(pdf, rows, title=title, hall_name=r.hall_name)
    if n.steps:
        pdf.ln(4)
        a4.paragraph(pdf, "办理过程", size=13, title=title, hall_name=r.hall_name)
        a4.fields(pdf, [(format_moment(s.at), "，".join(x for x in (s.status_text, s.department, mask_text(s.note)) if x))
                        for s in n.steps], title=title, hall_name=r.hall_name)
    a4.qr_block(pdf, r.app_url, "用蒙速办扫码查看办理进度", title=title, hall_name=r.hall_name)
    a4.footers(pdf, r.terminal_id, print_time(r.printed_at), "本告知单由自助终端打印")
    return a4.finish(pdf, "notice", f"办件告知单 {r.application_no}")
