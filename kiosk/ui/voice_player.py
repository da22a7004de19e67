"""Plays spoken prompts through Kivy's own audio (SoundLoader), latest first.

- Finding the sound (a clip, or synthesising one: ~0.1 s) and loading it (SDL_mixer decodes and
  resamples the whole file: tens of ms for a long prompt) run on a worker; only play() happens on
  the UI thread, through the app's delivery (the Kivy Clock).
- A new prompt stops the one playing at once, and a prompt asked for earlier whose sound arrives
  later is dropped: nothing overlaps, and nothing queues behind a citizen who taps on.
- Volume from [voice], lower in the quiet hours; `muted` silences it until unset; `replay()`
  says the last prompt again (再听一遍). A technician may set the day volume for the running
  kiosk (`held_volume`, from diagnostics); the configuration file keeps its own.
The sound loader and the time of day are injected, so the logic tests without a window or speaker.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path
from typing import Any, Callable

from ..config.voice import VoiceSettings
from ..services.voice.volume import volume_at
from ..threads import BackgroundWork

log = logging.getLogger(__name__)

PROMPT_TIMEOUT_S = 15.0    # a synthesis taking longer is given up; the citizen has moved on
# One load at a time: Kivy opens SDL's mixer on the first load, and two workers must not both open it.
_LOADING = threading.Lock()


def kivy_sound(path: str) -> Any:
    """A Kivy Sound for `path`, or None when it cannot be decoded."""
    from kivy.core.audio import SoundLoader
    with _LOADING:
        return SoundLoader.load(path)


class VoicePlayer:
    def __init__(self, sound_file: Callable[[str, str], Path | None], work: BackgroundWork,
                 settings: VoiceSettings, load_sound: Callable[[str], Any] = kivy_sound,
                 time_of_day: Callable[[], time] = lambda: datetime.now().time()):
        """`sound_file(message_id, language)` is PromptLibrary.sound_file (blocking)."""
        self._sound_file = sound_file
        self._work = work
        self._settings = settings
        self._load_sound = load_sound
        self._time_of_day = time_of_day
        self._generation = 0
        self._sound: Any = None
        self._job = None
        self._muted = False
        self.held_volume: float | None = None     # the day volume set in diagnostics, 0..1, for this run
        self.last: tuple[str, str] | None = None
        self.playing: tuple[str, str] | None = None

    @property
    def muted(self) -> bool:
        return self._muted

    @muted.setter
    def muted(self, value: bool) -> None:
        self._muted = bool(value)
        if self._muted:
            self.stop()

    def say(self, message_id: str, language: str, volume: float | None = None) -> None:
        """Stops what is playing and speaks `message_id` as soon as its sound is ready (UI thread);
        at `volume` (0..1) when given (a technician's sample), else at the hour's volume."""
        self.last = (message_id, language)
        self.stop()
        if self._muted or not self._settings.enabled:
            return
        generation = self._generation

        def prepare(_job) -> Any:
            if generation != self._generation:     # a newer prompt was asked for meanwhile
                return None
            path = self._sound_file(message_id, language)
            if path is None or generation != self._generation:
                return None
            sound = self._load_sound(str(path))
            if sound is None:
                log.warning("prompt %s: %s could not be decoded", message_id, Path(path).name)
            return sound

        # A sound whose job is cancelled (a newer prompt) is never delivered; Kivy frees it with the object.
        self._job = self._work.submit(
            prepare, name="voice prompt", timeout=PROMPT_TIMEOUT_S, scope="voice",
            on_result=lambda sound: self._play(generation, (message_id, language), sound, volume),
            on_error=lambda exc: log.warning("prompt %s not played: %s", message_id, exc))

    def replay(self) -> None:
        if self.last is not None:
            self.say(*self.last)

    def stop(self) -> None:
        """Silence now; any prompt still being prepared will not play."""
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
            self._job = None
        sound, self._sound, self.playing = self._sound, None, None
        if sound is not None:
            sound.stop()
            _unload(sound)

    def volume(self) -> float:
        settings = self._settings if self.held_volume is None else replace(self._settings, volume=self.held_volume)
        return volume_at(settings, self._time_of_day())

    def _play(self, generation: int, prompt: tuple[str, str], sound: Any, volume: float | None = None) -> None:
        if sound is None:
            return
        if generation != self._generation or self._muted:
            _unload(sound)
            return
        sound.volume = self.volume() if volume is None else volume
        sound.play()
        self._sound, self.playing = sound, prompt


def _unload(sound: Any) -> None:
    unload = getattr(sound, "unload", None)
    if unload is not None:
        unload()
