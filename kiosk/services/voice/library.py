"""Where each prompt's sound comes from: the bureau's clip, else synthesis, else silence."""
from __future__ import annotations

import logging
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ...config.voice import VoiceSettings
from ...i18n import load_language
from .clips import find_clip
from .synthesis import SpeechSynthesizer, SynthesisFailed, voice_for

log = logging.getLogger(__name__)

CLIP, SYNTHESIS, NONE = "clip", "synthesis", "none"


@dataclass(frozen=True)
class Source:
    kind: str            # clip, synthesis or none
    detail: str = ""     # the clip's path, the voice, or why there is no sound


class _KeepUnknown(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def spoken_text(message_id: str, language: str, values: Mapping[str, object]) -> str | None:
    """The text of `message_id` in the language's own catalogue (no fallback to Chinese), filled in."""
    template = load_language(language).get(message_id)
    if template is None:
        return None
    names = {name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name}
    return template.format_map(_KeepUnknown({k: v for k, v in values.items() if k in names}))


class PromptLibrary:
    """`values` fills the catalogues' placeholders ({window}, {hotline}) as the screens do."""

    def __init__(self, settings: VoiceSettings, cache_dir: Path, values: Mapping[str, object] | None = None,
                 synthesizer: SpeechSynthesizer | None = None):
        self.settings = settings
        self.values = dict(values or {})
        self.synthesizer = synthesizer or SpeechSynthesizer(cache_dir)

    def source_of(self, message_id: str, language: str) -> Source:
        """Which source would speak the prompt (no synthesis happens here)."""
        clip = find_clip(self.settings.clips_dir, language, message_id)
        if clip is not None:
            return Source(CLIP, str(clip))
        if not self.settings.synthesis:
            return Source(NONE, "no clip; synthesis is off ([voice] synthesis = false)")
        if voice_for(language) is None:
            return Source(NONE, f"no clip, and no synthesiser voice for {language}")
        if not self.synthesizer.available:
            return Source(NONE, "no clip; espeak-ng is not installed")
        if spoken_text(message_id, language, self.values) is None:
            return Source(NONE, f"no clip, and no {language} text to synthesise")
        return Source(SYNTHESIS, voice_for(language) or "")

    def sound_file(self, message_id: str, language: str) -> Path | None:
        """The file to play for the prompt, or None for silence. Blocking (synthesis): a worker's job."""
        source = self.source_of(message_id, language)
        if source.kind == CLIP:
            return Path(source.detail)
        if source.kind == SYNTHESIS:
            text = spoken_text(message_id, language, self.values) or ""
            try:
                return self.synthesizer.wav(text, language)
            except SynthesisFailed as exc:
                log.warning("prompt %s (%s) not synthesised: %s", message_id, language, exc)
        return None
