"""补打 is spoken as the first print: printing, then take your printout (the order of prompts),
on a terminal whose receipt printer runs out of paper mid-job (virtual printer on TCP)."""
from __future__ import annotations

import pytest

from kiosk.screens import build_screen
from kiosk.services.voice import VoiceGuide
from tests.conftest import config_with

pytestmark = pytest.mark.ui


class RecordingPlayer:
    def __init__(self):
        self.said: list[str] = []
        self.muted = False

    def say(self, message_id: str, language: str) -> None:
        self.said.append(message_id)

    def stop(self) -> None:
        pass

    def replay(self) -> None:
        self.say(self.said[-1])


@pytest.fixture
def kiosk(default_config, clock):
    from kiosk.testing.harness import HeadlessKiosk

    config = config_with(default_config, ui={"allow_exit": False}, a4printer={"installed": False},
                         platform={"read_timeout_s": 1.0, "connect_timeout_s": 0.5, "retries": 0})
    kiosk = HeadlessKiosk(config, clock=clock, start_devices=True)
    yield kiosk
    kiosk.close()


def test_a_reprint_is_announced_printing_then_take_your_receipt(kiosk):
    app, printer = kiosk.app, kiosk.simulated.printer
    player = RecordingPlayer()
    app._voice_guide = VoiceGuide(player, language=lambda: kiosk.services.catalogue.language)
    kiosk.tap(kiosk.screen.tile_for("status"))
    kiosk.simulated.reader.place("bateer")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "status_list", timeout=10)
    rows = app.screen_manager.current_screen.ids.rows
    assert kiosk.wait_until(lambda: len(rows.children) > 0, timeout=10)
    kiosk.tap(rows.children[-1])
    detail = app.screen_manager.current_screen
    if not app.screen_manager.has_screen("printing"):
        app.screen_manager.add_widget(build_screen("printing"))
    printing = app.screen_manager.get_screen("printing")
    printer.set_fault(paper_out_after=200)          # the roll ends mid-job: 补打 is offered later
    kiosk.tap(detail.ids.print_receipt)
    assert kiosk.wait_until(lambda: printing.outcome == "failed", timeout=15)
    assert player.said[-2:] == ["printer.printing", "printer.error.paper_out"]
    printer.clear_faults()
    printer.set_state(paper="ok")
    app._check_printer()
    assert kiosk.wait_until(lambda: printing.reprint_offered, timeout=10)
    player.said.clear()
    kiosk.tap(printing.ids.reprint)
    assert kiosk.wait_until(lambda: printing.outcome == "done", timeout=15), printing.message
    assert player.said == ["printer.printing", "voice.take_receipt"]
