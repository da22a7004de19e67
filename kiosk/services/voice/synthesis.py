"""Offline speech synthesis with espeak-ng (Debian's espeak-ng package), cached on disk.

Of the engines Debian packages, only espeak-ng has a Mandarin voice (cmn, used as cmn-latn-pinyin); festival and flite
speak English and a few other languages, and none has Mongolian. A language without a voice here
is never synthesised: a wrong voice reading it would mislead more than silence.

A synthesised prompt is written once to <cache>/<hash of engine, voice and text>.wav, so a
prompt costs a file open from the second time on; the cache folder is private (0700).
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ...databases import private_dir

log = logging.getLogger(__name__)

ENGINE = "espeak-ng"
# espeak-ng 1.51's plain "cmn" voice reads the pinyin of many characters with English rules
# (请将 comes out as "kI55NTr'i:55 dZja55Nw'055n", see `espeak-ng -v cmn -x`); the pinyin variant
# speaks them as Mandarin syllables with their tones. No voice for mn, on purpose.
VOICES = {"zh_CN": "cmn-latn-pinyin", "en": "en-gb"}
SPEED_WPM = 150                               # a little slower than espeak-ng's 175, for elderly listeners
CHINESE_VOICE = VOICES["zh_CN"]
HAN_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
LONG_NUMBER = re.compile(r"\d{3,}")
SYNTHESIS_TIMEOUT_S = 10.0


class SynthesisFailed(Exception):
    """The synthesiser is missing, timed out or wrote no sound."""


def engine_path() -> str | None:
    return shutil.which(ENGINE)


def voice_for(language: str) -> str | None:
    return VOICES.get(language)


def ssml(text: str, language: str) -> str:
    """The text as espeak-ng's SSML: a hotline or code said digit by digit (1 2 3 4 5, not twelve
    thousand ...), and in another language's prompt the Chinese names filled in ({window}) said by
    the Mandarin voice instead of "Chinese letter" for each character."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    spoken = LONG_NUMBER.sub(lambda m: " ".join(m.group()), escaped)
    if voice_for(language) != CHINESE_VOICE:
        spoken = HAN_RUN.sub(lambda m: f'<voice name="{CHINESE_VOICE}">{m.group()}</voice>', spoken)
    return f"<speak>{spoken}</speak>"


class SpeechSynthesizer:
    """Turns a text into a WAV file in `cache_dir` (blocking: call it from a worker thread)."""

    def __init__(self, cache_dir: Path, program: str | None = None):
        self.cache_dir = Path(cache_dir)
        self.program = program if program is not None else engine_path()

    @property
    def available(self) -> bool:
        return bool(self.program)

    def cached_path(self, text: str, language: str) -> Path:
        digest = hashlib.sha256(f"{ENGINE}\0{voice_for(language)}\0{SPEED_WPM}\0{ssml(text, language)}"
                                .encode()).hexdigest()
        return self.cache_dir / f"{digest[:32]}.wav"

    def wav(self, text: str, language: str) -> Path:
        """The WAV of `text` spoken in `language`, from the cache or synthesised now; SynthesisFailed
        when it cannot be (no engine or voice, a timeout, a full or read-only data folder)."""
        voice = voice_for(language)
        if not self.available or voice is None:
            raise SynthesisFailed(f"no voice for {language}")
        path = self.cached_path(text, language)
        if path.is_file() and path.stat().st_size > 44:
            return path
        try:
            private_dir(self.cache_dir)
            fd, tmp = tempfile.mkstemp(dir=self.cache_dir, suffix=".part")
            os.close(fd)
        except OSError as exc:
            raise SynthesisFailed(f"cache {self.cache_dir}: {exc.strerror or exc}") from exc
        try:
            # The text goes on stdin, so nothing in it can be read as an option.
            subprocess.run([self.program, "-m", "-v", voice, "-s", str(SPEED_WPM), "-w", tmp],
                           input=ssml(text, language).encode("utf-8"), capture_output=True,
                           timeout=SYNTHESIS_TIMEOUT_S, check=True)
            if os.path.getsize(tmp) <= 44:      # a WAV header and no sound
                raise SynthesisFailed(f"{ENGINE} wrote no sound")
            os.replace(tmp, path)
        except (OSError, subprocess.SubprocessError) as exc:
            raise SynthesisFailed(f"{ENGINE}: {type(exc).__name__}") from exc
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return path
