"""The voice in the running app: the prompts of a flow come in order, in the session's language,
from the reader's and the printer's own events (virtual reader on a pty, virtual printer on TCP).
The guide's player is a recording one here; tests/integration/test_voice_audio.py plays for real."""
from __future__ import annotations

import pytest

from kiosk.services.voice import VoiceGuide
from tests.ui.test_printing_states import open_first_application, printing_screen

pytestmark = pytest.mark.ui


class RecordingPlayer:
    def __init__(self):
        self.said: list[tuple[str, str]] = []
        self.stopped = 0
        self.muted = False

    def say(self, message_id: str, language: str) -> None:
        self.said.append((message_id, language))

    def stop(self) -> None:
        self.stopped += 1

    def replay(self) -> None:
        self.say(*self.said[-1])


@pytest.fixture
def kiosk(live_kiosk_without_a4):
    # The receipt printer's own behaviour, on a terminal without an A4 printer (no choice of
    # paper before 打印回执; the certificate's slip): tests/ui/test_a4_flow.py has the A4 side.
    return live_kiosk_without_a4


@pytest.fixture
def player(kiosk):
    recording = RecordingPlayer()
    services = kiosk.services
    kiosk.app._voice_guide = VoiceGuide(recording, language=lambda: services.catalogue.language)
    return recording


def said(player) -> list[str]:
    return [message_id for message_id, _language in player.said]


def test_identify_asks_for_the_card_then_says_it_was_read(kiosk, player):
    app, reader = kiosk.app, kiosk.simulated.reader
    app.identify("flow.help.title", next_screen="help")
    kiosk.settle()
    assert said(player) == ["reader.place_card"]
    reader.place("bateer")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "help", timeout=10)
    assert said(player) == ["reader.place_card", "identify.welcome"]


def test_the_prompt_is_in_the_language_the_citizen_chose(kiosk, player):
    kiosk.app.set_language("en")
    kiosk.app.identify("flow.help.title", next_screen="help")
    assert player.said == [("reader.place_card", "en")]


def test_a_card_already_on_the_reader_is_not_asked_for(kiosk, player):
    app, reader = kiosk.app, kiosk.simulated.reader
    reader.place("wang")
    assert kiosk.wait_until(lambda: kiosk.services.session.identity is not None, timeout=10)
    app.identify("flow.help.title", next_screen="help")
    assert "reader.place_card" not in said(player) and said(player) == ["identify.welcome"]


def test_a_receipt_is_announced_printing_then_take_your_receipt(kiosk, player):
    detail = open_first_application(kiosk)
    printing = printing_screen(kiosk)
    player.said.clear()
    kiosk.tap(detail.ids.print_receipt)
    assert kiosk.wait_until(lambda: printing.outcome == "done", timeout=15)
    assert said(player) == ["printer.printing", "voice.take_receipt"]


def test_paper_running_out_says_why_and_where_to_go(kiosk, player):
    detail = open_first_application(kiosk)
    kiosk.simulated.printer.set_fault(paper_out_after=200)
    player.said.clear()
    kiosk.tap(detail.ids.print_receipt)
    printing = printing_screen(kiosk)
    assert kiosk.wait_until(lambda: printing.outcome == "failed", timeout=15)
    assert said(player) == ["printer.printing", "printer.error.paper_out"]


def test_an_expired_card_is_refused_aloud_with_its_reason_then_a_valid_one_read(kiosk, player):
    app, reader = kiosk.app, kiosk.simulated.reader
    kiosk.tap(kiosk.screen.tile_for("status"))
    screen = app.screen_manager.get_screen("identify")
    reader.place("chan")                    # 港澳台居民居住证, valid to 2025-01-10
    assert kiosk.wait_until(lambda: screen.message_key == "reader.card_expired", timeout=10)
    assert said(player) == ["reader.place_card", "reader.card_expired"]
    reader.lift()
    reader.place("bateer")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "status_list", timeout=10)
    assert said(player)[2:] == ["identify.welcome"]


def test_a_card_with_a_bad_check_character_is_refused_aloud(kiosk, player):
    app, reader = kiosk.app, kiosk.simulated.reader
    app.identify("flow.help.title", next_screen="help")
    screen = app.screen_manager.get_screen("identify")
    reader.place("badcheck")
    assert kiosk.wait_until(lambda: screen.message_key == "reader.id_number_invalid", timeout=10)
    assert said(player) == ["reader.place_card", "reader.id_number_invalid"]


def test_the_idle_countdown_asks_once_and_the_end_is_said_in_the_citizens_language(kiosk, player, clock):
    app, services = kiosk.app, kiosk.services
    app.set_language("en")
    kiosk.tap(kiosk.screen.tile_for("help"))
    kiosk.tap(app.screen_manager.current_screen)          # a touch: the citizen is here
    kiosk.advance_idle(clock, services.config.ui.idle_timeout_s + 1)
    assert app.overlay.is_open
    kiosk.advance_idle(clock, 1)                           # the countdown ticks on: no second question
    assert player.said == [("idle.question", "en")]
    kiosk.advance_idle(clock, services.config.ui.countdown_s)
    assert app.screen_manager.current == "home" and app.lang == "zh_CN"
    assert player.said == [("idle.question", "en"), ("voice.session_ended", "en")]
    kiosk.advance_idle(clock, 10_000)                      # the pristine home screen stays quiet
    assert len(player.said) == 2


def test_a_flows_end_asks_for_the_card_and_lifting_it_ends_the_session_aloud(kiosk, player):
    app, reader = kiosk.app, kiosk.simulated.reader
    app.identify("flow.help.title", next_screen="help")
    reader.place("bateer")
    assert kiosk.wait_until(lambda: app.screen_manager.current == "help", timeout=10)
    app.finish_flow()
    kiosk.settle()
    assert said(player)[-1] == "reader.take_card"
    stops = player.stopped
    reader.lift()
    assert kiosk.wait_until(lambda: app.screen_manager.current == "home", timeout=10)
    assert player.stopped > stops                          # "take your card" hushed once it is lifted
    assert said(player)[-1] == "voice.session_ended"
