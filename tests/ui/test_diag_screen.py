"""运维诊断 in the real app, headless: the hidden gesture, the PIN pad and its lockout (also
after a restart), the checks screen and its actions, leaving by idle, and the health reporter
taking the printer off the home screen (banner) and bringing it back."""
from __future__ import annotations

import json

import pytest

from kiosk.services.diagnostics.audit import AUDIT_FILE
from kiosk.services.diagnostics.pin import hash_pin
from tests.conftest import config_with

pytestmark = pytest.mark.ui

PIN = "246810"


@pytest.fixture
def config(default_config):
    return config_with(default_config, ui={"allow_exit": False},
                       platform={"read_timeout_s": 1.0, "connect_timeout_s": 0.5, "retries": 0},
                       diagnostics={"pin_hash": hash_pin(PIN, n=2 ** 10)})


@pytest.fixture
def start(clock):
    from kiosk.testing.harness import HeadlessKiosk

    started = []

    def make(config, devices: bool = False):
        k = HeadlessKiosk(config, clock=clock, start_devices=devices)
        started.append(k)
        return k

    yield make
    for k in started:
        try:
            k.close()
        except Exception:   # noqa: BLE001 - already closed by the test
            pass


def audit(config) -> list[dict]:
    path = config.logging.dir / AUDIT_FILE
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []


def open_pin_pad(k) -> None:
    hall = k.screen.ids.hall_name
    for _ in range(5):
        k.tap(hall, frames=1)
    assert k.app.screen_manager.current == "diag_pin"


def enter(k, pin: str) -> None:
    pad = k.screen
    for digit in pin:
        k.tap(pad.ids[f"key_{digit}"], frames=1)
    k.tap(pad.ids.submit)
    k.wait_until(lambda: not pad.busy, timeout=5)
    k.pump(3)


def test_four_taps_are_not_enough(start, config):
    k = start(config)
    for _ in range(4):
        k.tap(k.screen.ids.hall_name, frames=1)
    assert k.app.screen_manager.current == "home"


def test_five_wrong_pins_lock_the_entry_even_after_a_restart(start, config):
    k = start(config)
    open_pin_pad(k)
    for tries_left in (4, 3, 2, 1):
        enter(k, "000000")
        assert k.screen.message == f"PIN错误，还可尝试{tries_left}次"
    enter(k, "000000")
    pad = k.screen
    assert pad.locked and pad.message.startswith("错误次数过多，已锁定")
    assert pad.ids.submit.disabled
    assert [e["outcome"] for e in audit(config) if e["action"] == "pin"] == ["wrong"] * 4 + ["locked"]
    k.close()

    again = start(config)                  # a restart: same data directory
    open_pin_pad(again)
    assert again.screen.locked
    again.screen.pin = PIN
    again.screen.submit()                  # refused without even trying
    assert again.app.screen_manager.current == "diag_pin"


def test_no_pin_configured_keeps_the_entry_closed(start, config):
    k = start(config_with(config, diagnostics={"pin_hash": ""}))
    open_pin_pad(k)
    assert k.screen.locked and "pin_hash" in k.screen.message


def test_checks_with_colours_actions_and_audit(start, config, clock):
    k = start(config, devices=True)
    open_pin_pad(k)
    enter(k, PIN)
    assert k.app.screen_manager.current == "diag_checks"
    screen = k.screen
    assert k.wait_until(lambda: screen.report is not None, timeout=20)
    k.pump(2)
    row = screen.row("printer.paper")
    assert row is not None and row.status_text == "正常" and row.title == "纸张"
    assert screen.summary.startswith("正常")

    # paper runs out: the next refresh shows it red with the fix
    k.simulated.printer.set_state(paper="out")
    screen.refresh()
    assert k.wait_until(lambda: screen.row("printer.paper") and screen.row("printer.paper").status_text == "故障",
                        timeout=20)
    # in the screen's language, not the English `kiosk diag` prints
    row = screen.row("printer.paper")
    assert (row.detail, row.hint) == ("缺纸", "装入新纸卷（80毫米热敏纸）并关好舱盖")
    k.app.set_language("en")
    screen.refresh()
    assert k.wait_until(lambda: screen.row("printer.paper").detail == "paper out", timeout=20)
    assert screen.row("printer.paper").hint == "load a new paper roll (80 mm thermal) and close the cover"
    assert screen.row("printer.paper").title == "Paper"
    k.app.set_language("zh_CN")
    k.simulated.printer.set_state(paper="ok")

    # test card read: masked only
    k.tap(screen.ids.read_test)
    k.simulated.reader.place("bateer")
    assert k.wait_until(lambda: "读卡成功" in screen.output, timeout=10)
    assert "150626********3015" in screen.output
    assert "150626195803123015" not in screen.output and "巴特尔" not in screen.output

    k.tap(screen.ids.print_test)
    assert k.wait_until(lambda: "测试页已打印" in screen.output, timeout=10)
    k.tap(screen.ids.reprint)
    assert "没有待补打的打印任务" in screen.output
    if k.services.parts.ratings is not None:
        k.tap(screen.ids.resend)
        assert k.wait_until(lambda: "补传完成" in screen.output, timeout=15), screen.output
        assert "补传完成：补传前0条待上传，补传后0条" in screen.output     # in the screen's language
        assert "unsent" not in screen.output
    k.tap(screen.ids.reload)
    assert "配置已重新加载" in screen.output
    k.tap(screen.ids.show_log)
    assert "最近日志" in screen.output

    actions = [(e["action"], e["outcome"]) for e in audit(config)]
    assert ("pin", "ok") in actions and ("enter", "ok") in actions
    assert ("test card read", "ok") in actions and ("test print", "ok") in actions
    assert ("reload configuration", "ok") in actions and ("resend outbox", "ok") in actions and ("reprint", "nothing pending") in actions
    assert "150626195803123015" not in (config.logging.dir / AUDIT_FILE).read_text("utf-8")

    k.tap(screen.ids.leave)
    assert k.app.screen_manager.current == "home"
    assert audit(config)[-1]["action"] == "leave"


def test_diagnostics_leave_by_themselves_on_idle(start, config, clock):
    k = start(config)
    open_pin_pad(k)
    enter(k, PIN)
    assert k.app.screen_manager.current == "diag_checks"
    k.advance_idle(clock, config.ui.idle_timeout_s + 1)
    k.advance_idle(clock, config.ui.countdown_s + 1)
    assert k.app.screen_manager.current == "home"
    assert k.wait_until(lambda: audit(config)[-1]["action"] == "leave", timeout=3)
    assert audit(config)[-1]["outcome"] == "idle timeout or navigation"


def test_quit_is_offered_only_where_configuration_allows(start, config):
    k = start(config_with(config, diagnostics={"allow_quit": False}))
    open_pin_pad(k)
    enter(k, PIN)
    assert k.screen.ids.quit.disabled and k.screen.ids.quit.opacity == 0
    assert k.app.quit_from_diagnostics() is False
    assert audit(config)[-1]["outcome"] == "refused"


def test_paper_out_between_jobs_hides_the_printer_tiles_and_shows_the_banner_until_it_is_back(start, config):
    k = start(config, devices=True)
    app, parts = k.app, k.services.parts
    assert parts.health is not None, parts.problems
    assert k.screen.tile_for("certificates") is not None and app.banner == ""

    k.simulated.printer.set_state(paper="out")
    parts.health.check_now()
    assert k.wait_until(lambda: "printer" in k.services.out_of_order, timeout=20)
    k.pump(3)
    assert "打印机" in app.banner
    assert k.screen.tile_for("receipts") is None
    # Certificate copies go to the A4 printer on this terminal (the embedded default has one).
    assert k.services.a4printer is not None and k.screen.tile_for("certificates") is not None
    assert k.screen.tile_for("status") is not None          # needs only the platform
    beat = k.simulated.platform.heartbeats[-1]
    assert beat["paper"] == "out"

    k.simulated.printer.set_state(paper="ok")
    parts.health.check_now()
    assert k.wait_until(lambda: "printer" not in k.services.out_of_order, timeout=20)
    k.pump(3)
    assert app.banner == ""
    assert k.screen.tile_for("receipts") is not None


def test_the_tour_walks_the_pin_pad_and_the_checks(start, config, tmp_path):
    from kiosk.testing.diag_tour import diag_tour

    k = start(config, devices=True)
    names = []
    diag_tour(k, lambda name: names.append(k.screenshot(tmp_path / f"{name}.png")))
    assert [p.stem for p in names] == ["diag-pin", "diag-checks", "diag-checks-paper-out", "diag-read-test"]
    assert all(p.stat().st_size > 0 for p in names)
    assert k.app.screen_manager.current == "home"
    assert k.services.config is not None and k.simulated.printer.state.paper == "ok"
