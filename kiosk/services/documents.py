"""Layouts of what the terminal prints: the 办件回执, the 电子证照 printout and the 好差评 slip.

Built from plain dataclasses into width-independent blocks (kiosk.devices.printer.document), so
the same layout prints on 58 mm and 80 mm paper and can be tested without a printer. Personal
data is masked here, on the way to paper: the holder's or applicant's name with mask_name, and
anything that looks like an ID or mobile number with mask_text. Reprints (reprint=True, or the
job journal's 补打 copies) carry a visible 【补打】 mark.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..devices.printer.document import Feed, Field, PrintDocument, QrCode, Rule, Text
from ..masking import mask_name, mask_text

Moment = datetime | date | str | None


def format_moment(value: Moment, *, with_time: bool = True) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if with_time else value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return str(value)


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


def _printed_at(value: Moment) -> str:
    return format_moment(value if value is not None else datetime.now())


def _finish(doc: PrintDocument, reprint: bool, printed_at: str) -> PrintDocument:
    return doc.marked_reprint(printed_at) if reprint else doc


def receipt_document(r: ApplicationReceipt, *, reprint: bool = False) -> PrintDocument:
    printed = _printed_at(r.printed_at)
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
    return _finish(doc, reprint, printed)


def certificate_document(c: CertificatePrintout, *, reprint: bool = False) -> PrintDocument:
    printed = _printed_at(c.printed_at)
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
    return _finish(doc, reprint, printed)


def rating_document(s: RatingSlip, *, reprint: bool = False, printed_at: Moment = None) -> PrintDocument:
    printed = _printed_at(printed_at if printed_at is not None else s.rated_at)
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
    return _finish(doc, reprint, printed)


# --- samples (fictional; `kiosk print sample`, tests and the benchmark) ------------------------------
SAMPLE_TIME = datetime(2026, 11, 25, 9, 30)


def sample_receipt() -> ApplicationReceipt:
    return ApplicationReceipt(
        hall_name="乌审旗政务服务中心", application_no="150626-20261125-000123",
        service_name="城乡居民基本养老保险待遇申领（含一次性补发），需提供身份证、户口簿",
        applicant_name="王淑芬", accepted_at=SAMPLE_TIME, promised_at=date(2026, 12, 9), status_text="已受理",
        app_url="https://mobile.example.invalid/mengsuban/progress?no=150626-20261125-000123",
        terminal_id="SIM-150626-01", printed_at=datetime(2026, 11, 25, 10, 5))


def sample_certificate() -> CertificatePrintout:
    return CertificatePrintout(
        certificate_name="个体工商户营业执照", holder_name="巴特尔", certificate_no="92150626MA0N2X8Q4K",
        issuer="乌审旗市场监督管理局", valid_from=date(2021, 3, 15), valid_to="长期",
        verify_url="https://verify.example.invalid/cert?c=7Q4K-2M9X-81PA", verify_code="7Q4K-2M9X-81PA",
        terminal_id="SIM-150626-01", hall_name="乌审旗政务服务中心", printed_at=datetime(2026, 11, 25, 10, 6))


def sample_rating() -> RatingSlip:
    return RatingSlip(application_no="150626-20261125-000123", service_name="城乡居民基本养老保险待遇申领",
                      level_text="满意", rated_at=datetime(2026, 11, 25, 10, 7), terminal_id="SIM-150626-01",
                      hall_name="乌审旗政务服务中心")


SAMPLES = {
    "receipt": lambda reprint=False: receipt_document(sample_receipt(), reprint=reprint),
    "certificate": lambda reprint=False: certificate_document(sample_certificate(), reprint=reprint),
    "rating": lambda reprint=False: rating_document(sample_rating(), reprint=reprint),
}
