"""Fictional A4 samples: `kiosk print sample ... --paper a4`, the tests and the benchmark. The
certificate copy's sample needs the platform's PDF, which the simulator makes (the command line
joins the two: kiosk/cli/print.py)."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ...devices.a4printer.document import A4Document
from .a4_receipt import ApplicationNotice, NoticeStep, notice_a4, receipt_a4
from .samples import SAMPLE_TIME, sample_receipt


def sample_notice() -> ApplicationNotice:
    return ApplicationNotice(
        receipt=replace(sample_receipt(), status_text="已退回"), department="乌审旗社会保险事业服务中心",
        steps=(NoticeStep(SAMPLE_TIME, "已受理", "乌审旗社会保险事业服务中心"),
               NoticeStep(datetime(2026, 11, 26, 9, 0), "审查中", "乌审旗社会保险事业服务中心"),
               NoticeStep(datetime(2026, 11, 27, 16, 0), "已退回", "乌审旗社会保险事业服务中心",
                          "户口簿复印件不清晰，请补正后重新提交。")),
        reason="户口簿复印件不清晰，请补正后重新提交。")


A4_SAMPLES = {
    "receipt": lambda: receipt_a4(sample_receipt()),
    "notice": lambda: notice_a4(sample_notice()),
}


def sample_a4(kind: str) -> A4Document:
    return A4_SAMPLES[kind]()
