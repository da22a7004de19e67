"""Spoken prompts: what the terminal says at the moments that matter, in the session's language.

A prompt is a message id of the catalogues (kiosk/i18n), spoken in a language. Its sound comes,
in this order, from
1. a clip recorded by the bureau: <[voice] clips_dir>/<language>/<message id>.wav or .ogg;
2. the offline synthesiser (espeak-ng) when it has a voice for the language and the language's own
   catalogue has the text (never Chinese text read by an English voice, nor any text by a wrong voice:
   Mongolian is spoken only from clips);
3. nothing: the terminal stays silent.
Never a network service. Nothing here imports Kivy: playback is kiosk/ui/voice_player.py.

    library = PromptLibrary(config.voice, data_dir, values)
    library.source_of("reader.place_card", "zh_CN")   # Source(kind="synthesis", ...)
    library.sound_file("reader.place_card", "zh_CN")   # a WAV/OGG path, or None (blocking)
"""
from .guide import VoiceGuide
from .library import PromptLibrary, Source
from .moments import Moment, MOMENT_MESSAGES

CACHE_FOLDER = "voice-cache"   # under [storage] data_dir: synthesised prompts, made once

__all__ = ["CACHE_FOLDER", "Moment", "MOMENT_MESSAGES", "PromptLibrary", "Source", "VoiceGuide"]
