"""Where a prompt's sound comes from: the bureau's clip, else synthesis in the language's own voice
and text, else silence; and which message each moment speaks."""
from __future__ import annotations

import os
import stat
from datetime import time
from pathlib import Path

import pytest

from kiosk.config.voice import VoiceSettings
from kiosk.services.voice import Moment, PromptLibrary
from kiosk.services.voice.library import spoken_text
from kiosk.services.voice.moments import MOMENT_MESSAGES, every_prompt, message_for
from kiosk.services.voice.synthesis import SpeechSynthesizer, engine_path
from kiosk.services.voice.volume import in_quiet_hours, volume_at
from kiosk.i18n import load_language



@pytest.fixture
def espeak():
    if engine_path() is None:
        pytest.fail("espeak-ng is not installed: apt-get install espeak-ng (scripts/bootstrap.sh does it as root)")


needs_espeak = pytest.mark.usefixtures("espeak")
VALUES = {"window": "综合受理窗口", "hotline": "12345"}


def library(tmp_path: Path, **settings) -> PromptLibrary:
    return PromptLibrary(VoiceSettings(clips_dir=str(tmp_path / "clips"), **settings), tmp_path / "cache", VALUES)


def clip(tmp_path: Path, language: str, name: str, content: bytes = b"RIFF-a-recording") -> Path:
    path = tmp_path / "clips" / language / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@needs_espeak
def test_a_clip_beats_synthesis(tmp_path):
    lib = library(tmp_path)
    assert lib.source_of("reader.place_card", "zh_CN").kind == "synthesis"
    recorded = clip(tmp_path, "zh_CN", "reader.place_card.wav")
    assert lib.source_of("reader.place_card", "zh_CN").kind == "clip"
    assert lib.sound_file("reader.place_card", "zh_CN") == recorded
    assert not (tmp_path / "cache").exists()     # nothing synthesised when the bureau recorded it


@needs_espeak
def test_synthesis_beats_silence_and_is_cached_privately(tmp_path):
    lib = library(tmp_path)
    first = lib.sound_file("reader.take_card", "zh_CN")
    assert first is not None and first.read_bytes()[:4] == b"RIFF" and first.stat().st_size > 10_000
    made = first.stat().st_mtime_ns
    assert lib.sound_file("reader.take_card", "zh_CN") == first and first.stat().st_mtime_ns == made
    assert stat.S_IMODE(os.stat(tmp_path / "cache").st_mode) == 0o700
    assert lib.sound_file("reader.take_card", "en") != first      # each language its own voice


def test_synthesis_off_is_silence(tmp_path):
    lib = library(tmp_path, synthesis=False)
    assert lib.source_of("reader.place_card", "zh_CN").kind == "none"
    assert lib.sound_file("reader.place_card", "zh_CN") is None


@needs_espeak
def test_mongolian_without_a_clip_is_silence_never_a_wrong_voice(tmp_path):
    lib = library(tmp_path)
    for key in every_prompt():
        assert lib.source_of(key, "mn").kind == "none"
    assert lib.sound_file("reader.place_card", "mn") is None
    assert not (tmp_path / "cache").exists()


def test_mongolian_is_spoken_from_the_bureaus_clip(tmp_path):
    recorded = clip(tmp_path, "mn", "reader.place_card.ogg", b"OggS-a-recording")
    assert library(tmp_path).sound_file("reader.place_card", "mn") == recorded


def test_wav_before_ogg_and_an_empty_clip_is_no_clip(tmp_path):
    lib = library(tmp_path, synthesis=False)
    ogg = clip(tmp_path, "zh_CN", "printer.printing.ogg")
    clip(tmp_path, "zh_CN", "printer.printing.wav", b"")       # a copy cut short
    assert lib.sound_file("printer.printing", "zh_CN") == ogg
    wav = clip(tmp_path, "zh_CN", "printer.printing.wav")
    assert lib.sound_file("printer.printing", "zh_CN") == wav


def test_no_text_in_the_language_is_never_synthesised_from_chinese():
    # The English catalogue lacks nothing today, so a key only the Chinese has stands in for one.
    assert spoken_text("no.such.key", "en", VALUES) is None
    assert spoken_text("reader.card_expired", "en", VALUES) == load_language("en")["reader.card_expired"].format(**VALUES)


def test_placeholders_are_filled_as_on_screen():
    assert spoken_text("reader.card_invalid", "zh_CN", VALUES) == "此证件信息无法读取，请到综合受理窗口办理"


def test_every_moment_speaks_a_message_of_both_catalogues():
    for language in ("zh_CN", "en"):
        messages = load_language(language)
        assert all(key in messages for key in MOMENT_MESSAGES.values()), language
    zh = load_language("zh_CN")
    assert zh[MOMENT_MESSAGES[Moment.PLACE_CARD]] == "请将身份证放在感应区"
    assert zh[MOMENT_MESSAGES[Moment.TAKE_CARD]] == "请取走您的身份证"
    assert zh[MOMENT_MESSAGES[Moment.PRINTING]] == "正在打印，请稍候"
    assert zh[MOMENT_MESSAGES[Moment.TAKE_PRINTOUT]] == "请取走您的凭条"


class Refusal(Exception):
    def __init__(self, message_key: str):
        super().__init__(message_key)
        self.message_key = message_key


def test_a_refusal_speaks_its_reason_and_a_failure_where_to_go():
    assert message_for(Moment.CARD_REFUSED, Refusal("reader.card_expired")) == "reader.card_expired"
    assert message_for(Moment.CARD_REFUSED, Refusal("printer.error.paper_out")) == "reader.replace_card"
    assert message_for(Moment.CARD_REFUSED, ValueError("no key")) == "reader.replace_card"
    assert message_for(Moment.PRINTER_OUT, Refusal("printer.error.paper_out")) == "printer.error.paper_out"
    assert message_for(Moment.PRINTER_OUT) == "printer.unavailable_here"


def test_quiet_hours_lower_the_volume_across_midnight():
    settings = VoiceSettings(volume=0.8, quiet_volume=0.3, quiet_hours_start="22:00", quiet_hours_end="07:00")
    assert volume_at(settings, time(23, 30)) == 0.3
    assert volume_at(settings, time(6, 59)) == 0.3
    assert volume_at(settings, time(7, 0)) == 0.8
    assert volume_at(settings, time(21, 59)) == 0.8
    assert not in_quiet_hours(VoiceSettings(quiet_hours_start="00:00", quiet_hours_end="00:00"), time(3, 0))
    assert in_quiet_hours(VoiceSettings(quiet_hours_start="12:00", quiet_hours_end="14:00"), time(13, 0))


def test_a_missing_synthesiser_is_silence(tmp_path):
    lib = PromptLibrary(VoiceSettings(clips_dir=""), tmp_path / "cache", VALUES,
                        synthesizer=SpeechSynthesizer(tmp_path / "cache", program=""))
    assert lib.source_of("reader.place_card", "zh_CN").detail == "no clip; espeak-ng is not installed"
    assert lib.sound_file("reader.place_card", "zh_CN") is None


def test_a_hotline_is_said_digit_by_digit_and_markup_in_a_text_stays_text():
    from kiosk.services.voice.synthesis import ssml
    assert ssml("或拨打12345 <b>", "zh_CN") == "<speak>或拨打1 2 3 4 5 &lt;b&gt;</speak>"


@needs_espeak
def test_an_english_prompt_says_the_chinese_window_name_in_mandarin_not_chinese_letter():
    import subprocess
    from kiosk.services.voice.synthesis import VOICES, engine_path, ssml

    text = spoken_text("printer.error.paper_out", "en", VALUES)
    assert "综合受理窗口" in text
    phonemes = subprocess.run([engine_path(), "-m", "-q", "-x", "-v", VOICES["en"]], input=ssml(text, "en"),
                              capture_output=True, text=True, timeout=10, check=True).stdout
    assert "tS'aIni:z" not in phonemes            # "Chinese letter", once per character
    assert "ts.hw'A55N" in phonemes               # 窗 (chuāng) in Mandarin


@needs_espeak
def test_a_cache_that_cannot_be_written_is_silence_not_a_failure(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    lib = PromptLibrary(VoiceSettings(clips_dir=""), blocked / "cache", VALUES)
    assert lib.source_of("reader.place_card", "zh_CN").kind == "synthesis"
    assert lib.sound_file("reader.place_card", "zh_CN") is None
