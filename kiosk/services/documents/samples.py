"""Fictional samples of every document: `kiosk print sample`, the tests and the benchmark."""
from __future__ import annotations

from datetime import date, datetime

from .certificate import CertificatePrintout, certificate_document
from .rating import RatingSlip, rating_document
from .receipt import ApplicationReceipt, receipt_document

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
