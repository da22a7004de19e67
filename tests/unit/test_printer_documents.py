"""Document layouts: content, masking, 补打 mark, both paper widths, the rendered slip."""
from __future__ import annotations

import dataclasses

import pytest

from kiosk.devices.printer.document import PrintDocument
from kiosk.devices.printer.encoder import EscPosEncoder
from kiosk.devices.printer.profile import PrinterProfile
from kiosk.devices.printer.text import display_width
from kiosk.services.documents import (SAMPLES, certificate_document, receipt_document, sample_certificate,
                                      sample_receipt)
from kiosk.sim.escpos_decode import TextLine, decode
from kiosk.sim.escpos_render import render_job

PROFILES = [PrinterProfile.from_escpos("TM-T88III", 80), PrinterProfile.from_escpos("POS-5890", 58),
            PrinterProfile.from_escpos("TM-T88III", 58)]


@pytest.mark.parametrize("kind", sorted(SAMPLES))
@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: f"{p.name}-{p.paper_width_mm}")
def test_no_printed_line_is_wider_than_the_paper(kind, profile):
    (job,) = decode(EscPosEncoder(profile).encode(SAMPLES[kind]()))
    for el in job.elements:
        if isinstance(el, TextLine):
            assert sum(display_width(r.text) * r.width for r in el.runs) <= profile.columns, el.text


def test_receipt_holds_every_field_the_citizen_needs():
    text = decode(EscPosEncoder(PROFILES[0]).encode(SAMPLES["receipt"]()))[0].text
    for label in ("办件回执", "办件编号：", "事项名称：", "申请人：", "受理时间：", "承诺办结时间：", "办理状态：",
                  "终端编号：", "打印时间："):
        assert label in text


def test_names_are_masked_on_paper_and_in_the_stored_document():
    doc = receipt_document(sample_receipt())
    data = EscPosEncoder(PROFILES[0]).encode(doc)
    assert "王淑芬".encode("gb18030") not in data and "王*芬".encode("gb18030") in data
    assert "王淑芬" not in doc.to_json()


def test_an_id_number_as_certificate_number_is_masked():
    cert = dataclasses.replace(sample_certificate(), certificate_name="居民身份证", certificate_no="150626195803123015")
    text = decode(EscPosEncoder(PROFILES[0]).encode(certificate_document(cert)))[0].text
    assert "150626195803123015" not in text and "150626********3015" in text


def test_certificate_carries_the_check_only_note_code_and_verification_qr():
    job = decode(EscPosEncoder(PROFILES[0]).encode(SAMPLES["certificate"]()))[0]
    assert "仅供查验" in job.lines and "核验码：7Q4K-2M9X-81PA" in job.lines
    assert job.qr_payloads == [sample_certificate().verify_url]


def test_reprint_mark_is_visible_and_applied_once():
    doc = SAMPLES["rating"](reprint=True)
    assert doc.reprint and doc.marked_reprint("x") is doc
    lines = decode(EscPosEncoder(PROFILES[1]).encode(doc))[0].lines
    assert lines[0] == "【补打】"


def test_document_survives_the_journal_round_trip():
    for kind in SAMPLES:
        doc = SAMPLES[kind]()
        assert PrintDocument.from_json(doc.to_json()) == doc


def test_rendered_slip_is_paper_wide_and_has_ink():
    job = decode(EscPosEncoder(PROFILES[1]).encode(SAMPLES["certificate"]()))[0]
    img = render_job(job, PROFILES[1].dots).convert("L")
    assert img.width == PROFILES[1].dots + 48
    assert img.getextrema() == (0, 255)
    assert img.height > 600


def test_rating_slip_prints_reasons_and_comment_only_when_there_are_some():
    from dataclasses import replace

    from kiosk.services.documents import rating_document, sample_rating

    plain = rating_document(sample_rating())
    assert "原因" not in str(plain.blocks) and "评价内容" not in str(plain.blocks)
    bad = rating_document(replace(sample_rating(), level_text="不满意", reasons_text="等待时间长",
                                  comment="材料要求不清楚"))
    text = str(bad.blocks)
    assert "等待时间长" in text and "材料要求不清楚" in text
