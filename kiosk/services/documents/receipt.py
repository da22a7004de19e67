"""办件回执: the receipt of one application, and how it is built from what the platform said."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...devices.printer.document import Field, PrintDocument, QrCode, Rule, Text
from ...masking import mask_name
from .layout import Moment, finish, format_moment, print_time

if TYPE_CHECKING:
    from ...config.terminal import TerminalSettings
    from ...devices.idcard.card import IdentityCard
    from ...i18n import Catalogue as Messages
    from ...platform.models import Application


@dataclass(frozen=True)
class ApplicationReceipt:
    """办件回执."""
    hall_name: str
    application_no: str            # 办件编号
    service_name: str              # 事项名称
    applicant_name: str            # masked when printed
    accepted_at: Moment            # 受理时间
    promised_at: Moment            # 承诺办结时间
    status_text: str               # e.g. 已受理, 办理中, 已办结
    app_url: str                   # the application on 蒙速办 (QR)
    terminal_id: str
    printed_at: Moment = None


def receipt_for(application: Application, identity: IdentityCard | None, terminal: TerminalSettings,
                messages: Messages) -> ApplicationReceipt:
    """The 办件回执 of an application. The applicant's name is masked on paper either way;
    with a card the terminal knows it, otherwise the platform's masked form is used."""
    name = (identity.name or identity.english_name) if identity is not None else application.applicant_name_masked
    return ApplicationReceipt(
        hall_name=terminal.hall_name, application_no=application.application_no,
        service_name=application.item_name, applicant_name=name or "",
        accepted_at=application.submitted_at,
        promised_at=application.promised_date or messages.text("platform.same_day"),
        status_text=messages.text(application.status.message_key),
        app_url=application.mobile_url or terminal.mobile_app_url,
        terminal_id=terminal.terminal_id)


def receipt_document(r: ApplicationReceipt, *, reprint: bool = False) -> PrintDocument:
    printed = print_time(r.printed_at)
    blocks = (
        Text(r.hall_name, align="center", bold=True, scale=2),
        Text("办件回执", align="center", bold=True),
        Rule(),
        Field("办件编号", r.application_no),
        Field("事项名称", r.service_name),
        Field("申请人", mask_name(r.applicant_name)),
        Field("受理时间", format_moment(r.accepted_at)),
        Field("承诺办结时间", format_moment(r.promised_at, with_time=False)),
        Field("办理状态", r.status_text, bold=True),
        Rule(),
        QrCode(r.app_url, caption="用蒙速办扫码查看办理进度"),
        Rule(),
        Field("终端编号", r.terminal_id),
        Field("打印时间", printed),
        Text("请妥善保管本回执", align="center"),
    )
    doc = PrintDocument("receipt", blocks, summary=f"办件回执 {r.application_no}")
    return finish(doc, reprint, printed)
