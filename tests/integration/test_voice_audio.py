"""Spoken prompts for real: `kiosk voice say` writes a WAV with sound in it, `kiosk voice list` tells
the sources apart, and Kivy's own audio (SoundLoader, SDL2) plays a prompt through the player:
SDL's disk audio driver writes what would reach the speaker to a file, which must hold sound."""
from __future__ import annotations

import array
import math
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from kiosk.paths import DEFAULT_CONFIG, ROOT
from kiosk.services.voice.synthesis import engine_path


@pytest.fixture(autouse=True)
def espeak():
    if engine_path() is None:
        pytest.fail("espeak-ng is not installed: apt-get install espeak-ng (scripts/bootstrap.sh does it as root)")


def config_file(tmp_path: Path, voice: str = "") -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8").split("\n[voice]\n")[0]
                    + f'\n[voice]\nclips_dir = "clips"\n{voice}', encoding="utf-8")
    return path


def kiosk(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})


def rms(path: Path) -> float:
    with wave.open(str(path)) as w:
        assert w.getsampwidth() == 2
        samples = array.array("h", w.readframes(w.getnframes()))
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def test_voice_say_writes_a_wav_with_sound_in_it(tmp_path):
    config = config_file(tmp_path)
    for language in ("zh_CN", "en"):
        out = tmp_path / f"place-{language}.wav"
        result = kiosk("voice", "say", "reader.place_card", "--lang", language, "--out", str(out),
                       "--config", str(config), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        with wave.open(str(out)) as w:
            seconds = w.getnframes() / w.getframerate()
        assert 1.0 < seconds < 10.0
        assert rms(out) > 500       # speech, not a silent file


def test_voice_say_in_mongolian_without_a_clip_is_refused_in_one_line(tmp_path):
    out = tmp_path / "mn.wav"
    result = kiosk("voice", "say", "reader.place_card", "--lang", "mn", "--out", str(out),
                   "--config", str(config_file(tmp_path)), cwd=tmp_path)
    assert result.returncode == 1 and not out.exists()
    assert result.stderr.strip() == "kiosk voice say: reader.place_card in mn is silent: " \
                                    "no clip, and no synthesiser voice for mn"


def test_voice_list_names_each_prompts_source_per_language(tmp_path):
    config = config_file(tmp_path)
    (tmp_path / "clips" / "mn").mkdir(parents=True)
    synthesised = tmp_path / "clip.wav"
    assert kiosk("voice", "say", "printer.printing", "--out", str(synthesised), "--config", str(config),
                 cwd=tmp_path).returncode == 0
    (tmp_path / "clips" / "mn" / "printer.printing.wav").write_bytes(synthesised.read_bytes())
    result = kiosk("voice", "list", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in result.stdout.splitlines()[1:]}
    assert rows["printer.printing"] == ["printing", "synthesis", "synthesis", "clip"]
    assert rows["reader.place_card"] == ["place_card", "synthesis", "synthesis", "none"]
    assert rows["reader.card_expired"][0] == "reason"


PLAY = """
import sys, time
from pathlib import Path
from kivy.clock import Clock
from kiosk.config.voice import VoiceSettings
from kiosk.services.voice import Moment, PromptLibrary, VoiceGuide
from kiosk.threads import BackgroundWork, kivy_delivery
from kiosk.ui.voice_player import VoicePlayer

settings = VoiceSettings(clips_dir=sys.argv[3], volume=1.0, quiet_volume=1.0, synthesis=sys.argv[4] == "on")
library = PromptLibrary(settings, Path(sys.argv[1]), {"window": "综合受理窗口", "hotline": "12345"})
player = VoicePlayer(library.sound_file, BackgroundWork(kivy_delivery), settings)
guide = VoiceGuide(player, language=lambda: "zh_CN")
guide.player.muted = sys.argv[2] == "muted"
guide.say(Moment.PLACE_CARD)
end = time.monotonic() + 1.5
while time.monotonic() < end:
    Clock.tick()
    time.sleep(0.01)
print("playing" if player.playing else "silent")
"""


def play_through_sdl(tmp_path: Path, mode: str, clips: str = "", synthesis: str = "on") -> tuple[str, array.array]:
    out = tmp_path / f"speaker-{mode}.raw"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(out),
           "KIVY_NO_ARGS": "1", "KIVY_NO_CONSOLELOG": "1", "KIVY_NO_FILELOG": "1",
           "KIVY_HOME": str(tmp_path / f"kivy-{mode}")}
    result = subprocess.run([sys.executable, "-c", PLAY, str(tmp_path / "cache"), mode, clips, synthesis], env=env,
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip(), array.array("h", out.read_bytes() if out.exists() else b"")


def test_kivy_audio_plays_the_prompt_through_sdl(tmp_path):
    state, samples = play_through_sdl(tmp_path, "speaking")
    assert state == "playing"
    assert sum(1 for s in samples if s) > 10_000        # at least a fraction of a second of sound


def test_a_muted_terminal_sends_nothing_to_the_speaker(tmp_path):
    state, samples = play_through_sdl(tmp_path, "muted")
    assert state == "silent"
    assert not any(samples)


def test_the_bureaus_ogg_clip_plays_through_sdl_without_synthesis(tmp_path):
    import kivy
    recording = Path(kivy.__file__).parent / "tests" / "sample1.ogg"     # Kivy's own Vorbis sample
    clips = tmp_path / "clips" / "zh_CN"
    clips.mkdir(parents=True)
    (clips / "reader.place_card.ogg").write_bytes(recording.read_bytes())
    state, samples = play_through_sdl(tmp_path, "clip", clips=str(tmp_path / "clips"), synthesis="off")
    assert state == "playing" and sum(1 for s in samples if s) > 10_000
    assert not (tmp_path / "cache").exists()
