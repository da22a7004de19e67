"""The diagnostics screen shows every check's finding and fix in the chosen language: each result
carries a message key and values beside the English `kiosk diag` prints (which stays as it was)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.devices.printer.status import Paper, PrinterStatus
from kiosk.i18n import Catalogue, load_language
from kiosk.services.diagnostics.printer_check import results_of
from kiosk.services.diagnostics.results import CheckResult, Hint, Keys, Status, failure, ok, warning

CHECKS = Path(__file__).parents[2] / "kiosk" / "services" / "diagnostics"
ZH, EN = Catalogue("zh_CN"), Catalogue("en")


def status(**changes) -> PrinterStatus:
    fields = dict(online=True, paper=Paper.OK, cover_open=False, cutter_error=False, unrecoverable_error=False,
                  recoverable_error=False)
    return PrinterStatus(**{**fields, **changes})


PRINTERS = [status(), status(online=False, paper=Paper.OUT), status(paper=Paper.NEAR_END),
            status(online=False, cover_open=True, cutter_error=True), status(online=None, paper=Paper.UNKNOWN,
                                                                            cover_open=None, cutter_error=None)]


@pytest.mark.parametrize("printer", PRINTERS)
def test_each_printer_finding_has_a_message_the_english_screen_shows_as_kiosk_diag_prints_it(printer):
    for result in results_of(printer):
        assert result.detail_key, result
        assert result.shown(EN.text) == (result.detail, result.hint)
        detail, hint = result.shown(ZH.text)
        assert re.search(r"[\u4e00-\u9fff]", detail), detail
        assert not hint or re.search(r"[\u4e00-\u9fff]", hint), hint


def test_paper_out_in_chinese_and_in_english():
    paper = next(r for r in results_of(status(online=False, paper=Paper.OUT)) if r.check == "printer.paper")
    assert paper.to_json() == {"check": "printer.paper", "status": "failure", "detail": "paper out",
                               "hint": "load a new paper roll (80 mm thermal) and close the cover"}
    assert paper.shown(ZH.text) == ("缺纸", "装入新纸卷（80毫米热敏纸）并关好舱盖")


def test_values_fill_the_message_and_a_hint_can_take_values_too():
    hint = Hint("set [reader] baud = {baud} to skip probing at start", "diag.hint.reader.set_baud").given(baud=9600)
    result = warning("reader.link", "answers at 9600 baud (configured 115200)", hint,
                     key="diag.detail.reader.baud_other", values={"baud": 9600, "configured": 115200})
    assert result.hint == "set [reader] baud = 9600 to skip probing at start"
    assert result.shown(ZH.text) == ("以9600波特率通信（配置为115200）",
                                     "设置 [reader] baud = 9600，启动时不再逐个尝试波特率")
    assert result.shown(EN.text) == (result.detail, result.hint)


def test_a_value_of_message_keys_is_shown_as_a_list_in_the_language():
    result = ok("app.config", "embedded default loads without problems; simulated: reader, printer",
                key="diag.detail.app.config_default_simulated",
                values={"parts": Keys(("diag.part.reader", "diag.part.printer"))})
    assert result.shown(ZH.text)[0] == "内置默认配置，加载正常；模拟设备：身份证阅读器、打印机"


def test_a_result_without_a_key_shows_its_english_as_before():
    result = CheckResult("printer.paper", Status.FAILURE, "paper out", "load paper")
    assert result.shown(ZH.text) == ("paper out", "load paper")
    assert failure("x.y", "d", "h").shown(ZH.text) == ("d", "h")


def test_every_key_the_checks_use_is_in_both_catalogues():
    sources = [p.read_text("utf-8") for p in CHECKS.glob("*.py")]
    sources.append((CHECKS.parents[1] / "platform" / "probe.py").read_text("utf-8"))
    used = {k for text in sources for k in re.findall(r'"(diag\.(?:detail|hint)\.[a-z0-9_.]+)"', text)}
    used |= {k + "_simulated" for k in used if k.startswith("diag.detail.app.config_")}
    assert len(used) > 100
    for language in ("zh_CN", "en"):
        missing = sorted(used - set(load_language(language)))
        assert not missing, (language, missing)


@pytest.mark.parametrize("catalogue", [ZH, EN], ids=["zh", "en"])
def test_the_sam_line_names_the_module_once(catalogue):
    # The screen shows the check's name, then its detail: "安全模块 SAM  编号 05.01-…，自检通过".
    result = ok("reader.sam", "No. 05.01-20260101-0000150626-0001000042, self-test passed",
                key="diag.detail.reader.sam_ok", values={"sam": "05.01-20260101-0000150626-0001000042"})
    line = catalogue.text("diag.check.reader.sam") + "  " + result.shown(catalogue.text)[0]
    assert line.count("SAM") == 1, line
    assert "05.01-20260101-0000150626-0001000042" in line
