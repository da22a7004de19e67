"""再听一遍 (长辈模式) and the citizen's 静音 on the top bar: the state shown in words and an icon,
the mute ending with the session."""
from __future__ import annotations

import pytest

from kiosk.services.voice import Moment, VoiceGuide

pytestmark = pytest.mark.ui


class Player:
    """Records what would be heard: nothing while muted (as kiosk.ui.voice_player.VoicePlayer)."""

    def __init__(self):
        self.heard: list[str] = []
        self.last: str | None = None
        self.muted = False

    def say(self, message_id: str, language: str) -> None:
        self.last = message_id
        if not self.muted:
            self.heard.append(message_id)

    def stop(self) -> None:
        pass

    def replay(self) -> None:
        if self.last is not None:
            self.say(self.last, "zh_CN")


@pytest.fixture
def player(kiosk):
    recording = Player()
    kiosk.app._voice_guide = VoiceGuide(recording, language=lambda: kiosk.services.catalogue.language)
    return recording


def top_bar(kiosk):
    return next(w for w in kiosk.app.screen_manager.current_screen.walk() if type(w).__name__ == "TopBar")


def shown(button) -> bool:
    return button.opacity > 0 and button.width > 0 and not button.disabled


def test_hear_again_is_offered_in_elder_mode_and_says_the_last_prompt_again(kiosk, player):
    kiosk.tap(kiosk.screen.tile_for("mobile"))
    assert not shown(top_bar(kiosk).ids.replay_button)
    kiosk.app.go_home()
    kiosk.settle()
    kiosk.tap(kiosk.screen.ids.elder_button)
    kiosk.tap(kiosk.screen.tile_for("mobile"))
    bar = top_bar(kiosk)
    assert shown(bar.ids.replay_button) and bar.ids.replay_button.text == "再听一遍"
    kiosk.app.speak(Moment.PLACE_CARD)
    kiosk.tap(bar.ids.replay_button)
    assert player.heard == ["reader.place_card", "reader.place_card"]


def test_mute_silences_until_the_session_ends_and_says_its_state_in_words(kiosk, player):
    app = kiosk.app
    kiosk.tap(kiosk.screen.tile_for("mobile"))
    mute = top_bar(kiosk).ids.mute_button
    assert shown(mute) and mute.text == "♪ 静音"
    kiosk.tap(mute)
    assert app.muted and mute.text == "× 取消静音"
    app.speak(Moment.PLACE_CARD)
    assert player.heard == []
    kiosk.tap(mute)                     # the citizen turns the voice back on
    assert not app.muted and mute.text == "♪ 静音"
    app.speak(Moment.PLACE_CARD)
    assert player.heard == ["reader.place_card"]
    kiosk.tap(mute)
    app.end_session()                   # the next citizen hears again
    kiosk.settle()
    assert not app.muted and not player.muted
    kiosk.tap(kiosk.screen.tile_for("mobile"))
    assert top_bar(kiosk).ids.mute_button.text == "♪ 静音"
    app.speak(Moment.PLACE_CARD)
    assert player.heard[-1] == "reader.place_card" and len(player.heard) == 2


def test_the_voice_buttons_speak_english_too(kiosk, player):
    kiosk.tap(kiosk.screen.ids.language_button)
    kiosk.tap(kiosk.screen.ids.elder_button)
    kiosk.tap(kiosk.screen.tile_for("mobile"))
    bar = top_bar(kiosk)
    assert bar.ids.replay_button.text == "Hear again" and bar.ids.mute_button.text == "♪ Mute"
    kiosk.tap(bar.ids.mute_button)
    assert bar.ids.mute_button.text == "× Sound on"


def test_in_elder_mode_on_a_portrait_panel_the_tools_take_a_row_below_the_title(kiosk, player):
    kiosk.app.toggle_elder()
    kiosk.settle()
    kiosk.tap(kiosk.screen.tile_for("mobile"))
    bar = top_bar(kiosk)
    landscape = kiosk.app.landscape
    assert bar.tools_below is (not landscape), (kiosk.app.elder, landscape, kiosk.window.size)
    holder = bar.ids.tools_row if not landscape else bar.ids.bar
    assert all(bar.ids[name].parent == holder for name in ("help_button", "replay_button", "mute_button")), [
        (name, type(bar.ids[name].parent).__name__, bar.ids[name].parent is bar.ids.bar) for name in bar.TOOLS]

