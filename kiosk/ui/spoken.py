"""The app's voice: a VoiceGuide built the first time a moment is spoken, so start-up does not
wait for it. Mixed into KioskApp (through the reader and printing mixins)."""
from __future__ import annotations

from ..services.voice import PromptLibrary, VoiceGuide
from .voice_player import VoicePlayer

CACHE_FOLDER = "voice-cache"


class Spoken:
    _voice_guide: VoiceGuide | None = None

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
