"""The app's voice: a VoiceGuide built the first time a moment is spoken, so start-up does not
wait for it. Mixed into KioskApp (through the reader and printing mixins)."""
from __future__ import annotations

import logging

from kivy.properties import BooleanProperty

from ..services.voice import CACHE_FOLDER, Moment, PromptLibrary, VoiceGuide
from .voice_player import VoicePlayer

log = logging.getLogger(__name__)


class Spoken:
    _voice_guide: VoiceGuide | None = None
    _unmute_when_wiped = False
    # The citizen's mute (the top bar's 静音): until the session ends, the next citizen hears again.
    muted = BooleanProperty(False)

    @property
    def voice(self) -> VoiceGuide:
        if self._voice_guide is None:
            services = self.services
            config = services.config
            cache = config.storage.data_dir / CACHE_FOLDER
            library = PromptLibrary(config.voice, cache, {"window": config.terminal.help_window,
                                                          "hotline": config.terminal.hotline})
            player = VoicePlayer(library.sound_file, services.work, config.voice)
            self._voice_guide = VoiceGuide(player, language=lambda: services.catalogue.language)
        return self._voice_guide

    def speak(self, moment: Moment, reason: BaseException | str | None = None) -> None:
        """Says `moment` (replacing whatever is being said)."""
        self._safely(lambda guide: guide.say(moment, reason), moment.value)

    def replay_prompt(self) -> None:
        """再听一遍: the last prompt again, from its start."""
        self._safely(lambda guide: guide.replay(), "replay")

    def toggle_mute(self) -> None:
        def toggle(guide) -> None:
            self.muted = guide.toggle_mute()
        self._safely(toggle, "mute")
        if not self._unmute_when_wiped:
            self._unmute_when_wiped = True
            self.services.session.on_wipe(self._unmute)

    def _unmute(self) -> None:
        if self.muted and not getattr(self, "_stopping", False):
            self.muted = False
            self._safely(lambda guide: setattr(guide.player, "muted", False), "unmute")

    def hush_take_card(self) -> None:
        """The card left the reader: "take your card" has done its work."""
        self._safely(lambda guide: guide.card_removed(), "card removed")

    def _safely(self, call, what: str) -> None:
        # The voice is a help: one that cannot speak (no audio device, workers shut down) never
        # stops what the citizen is doing.
        try:
            call(self.voice)
        except Exception as exc:  # noqa: BLE001
            log.warning("voice: %s not spoken: %s: %s", what, type(exc).__name__, exc)
