"""The decoder reads back exactly what the encoder meant to print, for every document type."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from kiosk.devices.printer import raster
from kiosk.devices.printer.document import PrintDocument, QrCode, Text
from kiosk.devices.printer.encoder import EncoderOptions, EscPosEncoder
from kiosk.devices.printer.profile import PrinterProfile
from kiosk.services.documents import SAMPLES
from kiosk.sim.escpos_decode import (EscPosDecoder, ImageElement, JobDone, QrElement, StatusQuery, TextLine,
                                     decode)

P80 = PrinterProfile.from_escpos("TM-T88III", 80)
P58 = PrinterProfile.from_escpos("POS-5890", 58)

RECEIPT_80 = """乌审旗政务服务中心
办件回执
------------------------------------------
办件编号：150626-20261125-000123
事项名称：城乡居民基本养老保险待遇申领（含
          一次性补发），需提供身份证、户口
          簿
申请人：王*芬
受理时间：2026-11-25 09:30
承诺办结时间：2026-12-09
办理状态：已受理
------------------------------------------
用蒙速办扫码查看办理进度
------------------------------------------
终端编号：SIM-150626-01
打印时间：2026-11-25 10:05
请妥善保管本回执"""

RECEIPT_58 = """乌审旗政务
服务中心
办件回执
--------------------------------
办件编号：150626-20261125-000123
事项名称：城乡居民基本养老保险待
          遇申领（含一次性补
          发），需提供身份证、户
          口簿
申请人：王*芬
受理时间：2026-11-25 09:30
承诺办结时间：2026-12-09
办理状态：已受理
--------------------------------
用蒙速办扫码查看办理进度
--------------------------------
终端编号：SIM-150626-01
打印时间：2026-11-25 10:05
请妥善保管本回执"""

CERTIFICATE_80 = """乌审旗政务服务中心
个体工商户营业执照
电子证照打印件
------------------------------------------
持证人：巴*尔
证照编号：92150626MA0N2X8Q4K
发证机关：乌审旗市场监督管理局
有效期：2021-03-15 至 长期
------------------------------------------
扫码核验
核验码：7Q4K-2M9X-81PA
------------------------------------------
仅供查验
终端编号：SIM-150626-01
打印时间：2026-11-25 10:06"""

RATING_80 = """乌审旗政务服务中心
好差评 评价凭条
------------------------------------------
办件编号：150626-20261125-000123
事项名称：城乡居民基本养老保险待遇申领
评价：满意
评价时间：2026-11-25 10:07
终端编号：SIM-150626-01
------------------------------------------
感谢您的评价"""


def one_job(doc: PrintDocument, profile=P80, **opts):
    jobs = decode(EscPosEncoder(profile, EncoderOptions(**opts)).encode(doc))
    assert len(jobs) == 1
    return jobs[0]


def test_receipt_80mm_reads_back_exactly_with_its_native_qr():
    job = one_job(SAMPLES["receipt"]())
    assert job.text == RECEIPT_80
    assert job.qr_payloads == ["https://mobile.example.invalid/mengsuban/progress?no=150626-20261125-000123"]
    assert job.cut and job.complete and not job.unknown


def test_receipt_58mm_reads_back_exactly_with_a_raster_qr_and_no_cut():
    job = one_job(SAMPLES["receipt"](), P58)
    assert job.text == RECEIPT_58
    assert job.qr_payloads == [] and len(job.images) == 1
    assert not job.cut and not job.unknown


def test_certificate_reads_back_exactly():
    job = one_job(SAMPLES["certificate"]())
    assert job.text == CERTIFICATE_80
    assert job.qr_payloads == ["https://verify.example.invalid/cert?c=7Q4K-2M9X-81PA"]


def test_rating_slip_reads_back_exactly():
    assert one_job(SAMPLES["rating"]()).text == RATING_80


def test_gbk_receipt_reads_back_the_same_text():
    assert one_job(SAMPLES["receipt"](), encoding="gbk").text == RECEIPT_80


def test_reprint_reads_back_with_the_mark_on_top():
    job = one_job(SAMPLES["receipt"](reprint=True))
    assert job.lines[0] == "【补打】"
    assert job.lines[-1].startswith("补打时间：")
    assert job.text.count("补打") == 2


def test_sizes_alignment_and_bold_are_decoded():
    job = one_job(PrintDocument("t", (Text("大标题", align="center", bold=True, scale=2), Text("右", align="right"))))
    title, right = [e for e in job.elements if isinstance(e, TextLine)]
    assert title.align == "center" and title.runs[0].bold and (title.runs[0].width, title.runs[0].height) == (2, 2)
    assert right.align == "right" and not right.runs[0].bold and right.runs[0].width == 1


def test_native_qr_module_and_error_level_are_decoded():
    (qr,) = [e for e in one_job(PrintDocument("t", (QrCode("HELLO"),))).elements if isinstance(e, QrElement)]
    assert qr.payload == "HELLO" and qr.ec == "M" and qr.module == EscPosEncoder(P80).qr_module("HELLO")
    assert qr.align == "center"


def test_raster_qr_is_the_qr_matrix_scaled_by_the_module():
    payload = "https://verify.example.invalid/x"
    enc = EscPosEncoder(P58)
    (img,) = one_job(PrintDocument("t", (QrCode(payload),)), P58).images
    module = enc.qr_module(payload)
    matrix = raster.qr_matrix(payload, "M")
    assert img.height == len(matrix) * module
    for y, row in enumerate(matrix):
        for x, black in enumerate(row):
            assert img.pixel(x * module + module // 2, y * module + module // 2) == black


def test_status_queries_inside_the_stream_are_reported():
    events = EscPosDecoder().feed(b"\x1b@\x10\x04\x01AB\n\x10\x04\x04")
    assert [e.n for e in events if isinstance(e, StatusQuery)] == [1, 4]


def test_a_job_without_a_cut_is_returned_when_the_input_ends():
    (job,) = decode(b"\x1b@\x1c&" + "未完".encode("gb18030"))
    assert job.text == "未完" and not job.cut


def test_without_chinese_mode_high_bytes_are_not_read_as_chinese():
    (job,) = decode(b"\x1b@" + "中".encode("gb18030") + b"\n", chinese_mode_at_start=False)
    assert job.text != "中"


def test_two_jobs_in_one_stream():
    enc = EscPosEncoder(P80)
    jobs = decode(enc.encode(SAMPLES["rating"]()) + enc.encode(SAMPLES["receipt"]()))
    assert [j.text for j in jobs] == [RATING_80, RECEIPT_80]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=12),
       st.sampled_from(["receipt", "certificate", "rating"]), st.sampled_from([P58, P80]))
def test_stream_split_anywhere_decodes_the_same(cuts, kind, profile):
    data = EscPosEncoder(profile).encode(SAMPLES[kind]())
    decoder = EscPosDecoder()
    jobs, pos = [], 0
    for size in cuts:
        jobs += [e.job for e in decoder.feed(data[pos:pos + size]) if isinstance(e, JobDone)]
        pos += size
    jobs += [e.job for e in decoder.feed(data[pos:]) if isinstance(e, JobDone)]
    tail = decoder.finish()
    if tail:
        jobs.append(tail)
    (expected,) = decode(data)
    assert [j.text for j in jobs] == [expected.text]
    assert [j.qr_payloads for j in jobs] == [expected.qr_payloads]
    assert [len(j.images) for j in jobs] == [len(expected.images)]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_garbage_never_crashes_the_decoder(data):
    decoder = EscPosDecoder()
    decoder.feed(data)
    decoder.finish()
