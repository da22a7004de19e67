"""The A4 documents, read back with poppler and zbar: A4 pages, the CJK font embedded as a subset,
Chinese extractable as text, the QR codes decode, the certificate copy's footer on every page
with the platform's pages kept as they were, and the 补打 stamp on every page of a reprint."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from kiosk.devices.a4printer.reprint_stamp import stamp_reprint
from kiosk.services.documents.a4_receipt import NoticeStep, notice_a4, receipt_a4
from kiosk.services.documents.a4_samples import sample_a4, sample_notice
from kiosk.services.documents.certificate_copy import FOOTER_MARK, CopyFooter, certificate_copy
from kiosk.services.documents.samples import sample_receipt
from kiosk.sim.certificate_pdf import certificate_pdf, sample_print_data
from tests.integration.a4_tools import fonts, page_sizes_mm, qr_codes, text

A4 = (210.0, 297.0)


def flat(pdf: bytes, page: int | None = None) -> str:
    """The text without spaces: pdftotext spaces right-aligned cells its own way."""
    return "".join(text(pdf, page).split())
PRINTED = datetime(2026, 11, 25, 10, 6)


@pytest.fixture(scope="module")
def platform_copy():
    data = sample_print_data()
    original = certificate_pdf(data)
    copy = certificate_copy(original, CopyFooter("SIM-150626-01", data["verification_code"], data["verification_url"],
                                                 PRINTED), summary=data["type_name"])
    return data, original, copy


@pytest.mark.parametrize("kind", ["receipt", "notice"])
def test_the_kiosks_own_a4_papers_are_a4_with_the_font_embedded_as_a_subset(kind):
    document = sample_a4(kind)
    assert document.pdf.startswith(b"%PDF-") and document.pages >= 1
    assert page_sizes_mm(document.pdf) == [A4] * document.pages
    found = fonts(document.pdf)
    assert found and all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes" for f in found)
    assert all("NotoSansCJK" in f["name"] for f in found)


def test_the_a4_receipt_says_what_the_slip_says_with_the_name_masked():
    r = sample_receipt()
    page = flat(receipt_a4(r).pdf)
    for expected in ("乌审旗政务服务中心", "办件回执", r.application_no, "城乡居民基本养老保险待遇申领", "王*芬",
                     "已受理", "2026-12-09", "终端编号SIM-150626-01", "打印时间2026-11-2510:05"):
        assert expected in page, expected
    assert "王淑芬" not in page
    assert qr_codes(receipt_a4(r).pdf, 1) == [r.app_url]


def test_the_notice_carries_the_course_and_the_reason():
    page = flat(sample_a4("notice").pdf)
    for expected in ("办件告知单", "承办部门", "办理过程", "已退回", "户口簿复印件不清晰"):
        assert expected in page, expected


def test_a_long_notice_runs_onto_a_second_page_with_the_footer_on_each():
    notice = sample_notice()
    steps = tuple(NoticeStep(datetime(2026, 11, 26 + i // 10, 9, i % 60), "审查中", "乌审旗社会保险事业服务中心")
                  for i in range(30))
    document = notice_a4(replace(notice, steps=steps))
    assert document.pages == 2 and page_sizes_mm(document.pdf) == [A4, A4]
    for page in (1, 2):
        assert f"第{page}页共2页" in flat(document.pdf, page)
        assert "终端编号SIM-150626-01" in flat(document.pdf, page)


def test_the_certificate_copy_has_the_footer_on_every_page(platform_copy):
    data, _original, copy = platform_copy
    assert copy.pages == 2 and page_sizes_mm(copy.pdf) == [A4, A4]
    for page in (1, 2):
        page_text = flat(copy.pdf, page)
        for expected in (FOOTER_MARK, "打印时间2026-11-2510:06", "终端编号SIM-150626-01",
                         f"核验码{data['verification_code']}", f"第{page}页共2页"):
            assert expected in page_text, (page, expected)
        assert data["verification_url"] in qr_codes(copy.pdf, page)


def test_the_certificate_copy_keeps_the_platforms_pages_unmasked(platform_copy):
    data, original, copy = platform_copy
    assert FOOTER_MARK not in text(original)
    page1 = flat(copy.pdf, 1)
    for expected in (data["type_name"], data["holder_name"], data["number"], data["issuer"]):
        assert expected in page1, expected
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts(copy.pdf))


def test_a_page_that_is_not_a_pdf_is_refused_in_one_line():
    with pytest.raises(ValueError, match="not a readable PDF"):
        certificate_copy(b"%PDF-1.7 but nothing else", CopyFooter("T", "C", "https://v.example.invalid"))


def test_a_reprint_is_stamped_on_every_page_once(platform_copy):
    _data, _original, copy = platform_copy
    stamped = stamp_reprint(copy, "2026-11-25 10:30")
    assert stamped.reprint and stamped.pages == 2
    for page in (1, 2):
        assert "【补打】" in flat(stamped.pdf, page) and "补打时间2026-11-2510:30" in flat(stamped.pdf, page)
        assert FOOTER_MARK in flat(stamped.pdf, page)
    assert stamp_reprint(stamped, "later") is stamped
