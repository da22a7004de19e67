"""电子证照 printout, for checking only (仅供查验), and how it is built from the platform's print data."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...devices.printer.document import Field, PrintDocument, QrCode, Rule, Text
from ...masking import mask_name, mask_text
from .layout import Moment, finish, format_moment, print_time

if TYPE_CHECKING:
    from ...config.terminal import TerminalSettings
    from ...platform.models import CertificatePrintData

LONG_TERM = "长期"   # the validity of a certificate without an end date, as certificates say it


@dataclass(frozen=True)
class CertificatePrintout:
    """电子证照 printout, for checking only (仅供查验)."""
    certificate_name: str          # e.g. 营业执照, 出生医学证明
    holder_name: str               # masked when printed
    certificate_no: str            # an ID number in it is masked
    issuer: str                    # 发证机关
    valid_from: Moment
    valid_to: Moment               # a date, or 长期
    verify_url: str                # verification QR
    verify_code: str               # 核验码
    terminal_id: str
    hall_name: str = ""
    printed_at: Moment = None


def certificate_printout(data: CertificatePrintData, terminal: TerminalSettings) -> CertificatePrintout:
    """The printout of the certificate the platform handed over for its holder."""
    return CertificatePrintout(
        certificate_name=data.type_name, holder_name=data.holder_name, certificate_no=data.number,
        issuer=data.issuer, valid_from=data.issued_on, valid_to=data.valid_until or LONG_TERM,
        verify_url=data.verification_url, verify_code=data.verification_code,
        terminal_id=terminal.terminal_id, hall_name=terminal.hall_name)


def certificate_document(c: CertificatePrintout, *, reprint: bool = False) -> PrintDocument:
    printed = print_time(c.printed_at)
    validity = f"{format_moment(c.valid_from, with_time=False)} 至 {format_moment(c.valid_to, with_time=False)}"
    head: tuple = (Text(c.hall_name, align="center"),) if c.hall_name else ()
    blocks = head + (
        Text(c.certificate_name, align="center", bold=True, scale=2),
        Text("电子证照打印件", align="center"),
        Rule(),
        Field("持证人", mask_name(c.holder_name)),
        Field("证照编号", mask_text(c.certificate_no)),
        Field("发证机关", c.issuer),
        Field("有效期", validity),
        Rule(),
        QrCode(c.verify_url, caption="扫码核验"),
        Text(f"核验码：{c.verify_code}", align="center", bold=True),
        Rule(),
        Text("仅供查验", align="center", bold=True, scale=2),
        Field("终端编号", c.terminal_id),
        Field("打印时间", printed),
    )
    doc = PrintDocument("certificate", blocks, summary=f"电子证照 {c.certificate_name}")
    return finish(doc, reprint, printed)
