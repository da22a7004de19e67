"""Every check of a whole terminal (simulated parts, as `kiosk diag` builds them), healthy and with
faults: each result says its finding with a message key, the English screen reads as `kiosk diag`
prints, and the Chinese screen has no English sentence left."""
from __future__ import annotations

import re

import pytest

from kiosk.i18n import Catalogue
from kiosk.parts import open_parts_for_checks
from kiosk.services.diagnostics import DiagContext, run_checks
from kiosk.services.diagnostics.results import Keys
from tests.conftest import config_with

ZH, EN = Catalogue("zh_CN"), Catalogue("en")
# What the checks' values may hold (a port, a path, a model, error text ...) is left out; what
# is left of a Chinese line must not hold an English phrase of two words.
ENGLISH_PHRASE = re.compile(r"\b[a-z]{3,}\s+[a-z]{3,}\b")


@pytest.fixture
def terminal(default_config, tmp_path):
    config = config_with(default_config, platform={"read_timeout_s": 1.0, "connect_timeout_s": 0.5, "retries": 0},
                         printer={"timeout_s": 1.0, "status_timeout_s": 0.3, "output_dir": str(tmp_path / "prints")},
                         a4printer={"output_dir": str(tmp_path / "prints")},
                         reader={"probe_timeout_s": 0.1, "command_timeout_s": 0.3})
    t = open_parts_for_checks(config)
    assert not t.parts.problems, t.parts.problems
    yield t
    t.stop()


def check_messages(report) -> None:
    for r in report.results:
        assert r.detail_key, r
        values = dict(r.detail_values) | dict(r.hint_values)
        if not any(isinstance(v, Keys) for v in values.values()):
            assert r.shown(EN.text) == (r.detail, r.hint), r
        for text in r.shown(ZH.text):
            for value in values.values():
                text = text.replace(str(value), "")
            assert not ENGLISH_PHRASE.search(text), (r.check, text)


def test_a_healthy_terminal(terminal):
    check_messages(run_checks(DiagContext(terminal.config, terminal.parts, in_app=False)))


def test_a_terminal_with_its_printer_out_and_its_platform_down(terminal):
    terminal.simulated.printer.set_state(paper="out", cover_open=True)
    terminal.simulated.platform.set_fault("error500")
    if terminal.simulated.a4printer is not None:
        terminal.simulated.a4printer.set_state(paper="out")
    report = run_checks(DiagContext(terminal.config, terminal.parts, in_app=False))
    assert {r.check for r in report.results if r.status.value == "failure"} >= {"printer.paper", "printer.cover",
                                                                               "platform.reachable"}
    check_messages(report)
