"""Spoken prompts: espeak-ng synthesis time per prompt (cold cache, each prompt once) and the size
of the WAV it writes, for every prompt the terminal may speak, in Chinese and English; and what
playing costs: loading (Kivy's SoundLoader: SDL_mixer decodes and resamples the whole file, on a
worker) and starting it (volume and play(), on the UI thread), with SDL's dummy audio driver unless
one is set.

    python -m benchmarks voice
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
import wave
from pathlib import Path

from kiosk.config.voice import VoiceSettings
from kiosk.services.voice import PromptLibrary
from kiosk.services.voice.moments import MOMENT_MESSAGES, every_prompt
from kiosk.services.voice.synthesis import engine_path


def main(_argv: list[str]) -> None:
    if engine_path() is None:
        print("espeak-ng not installed: nothing to measure")
        return
    with tempfile.TemporaryDirectory() as folder:
        library = PromptLibrary(VoiceSettings(clips_dir=""), Path(folder) / "cache",
                                {"window": "政务服务中心一楼综合窗口", "hotline": "12345"})
        for language in ("zh_CN", "en"):
            figures = {key: measure(library, key, language) for key in every_prompt()}
            moments = set(MOMENT_MESSAGES.values())
            for label, keys in (("the 9 moments", moments), ("every prompt (with reasons)", set(figures))):
                rows = [figures[k] for k in keys if figures[k] is not None]
                seconds, sizes, spoken = zip(*rows)
                print(f"{language}, {label}: {len(rows)} synthesised; per prompt median "
                      f"{statistics.median(seconds) * 1000:.0f} ms (max {max(seconds) * 1000:.0f} ms); "
                      f"WAV median {statistics.median(sizes) / 1024:.0f} KiB (max {max(sizes) / 1024:.0f} KiB); "
                      f"spoken median {statistics.median(spoken):.1f} s")
            longest = max(figures, key=lambda k: figures[k][2] if figures[k] else 0)
            load_and_start(library.sound_file(longest, language), f"{language} longest prompt ({longest})")
    import kivy
    load_and_start(Path(kivy.__file__).parent / "tests" / "sample1.ogg", "an OGG clip (Kivy's 1.4 s sample)")


def load_and_start(path: Path, label: str, rounds: int = 15) -> None:
    """Median and max of loading a sound (the worker's part) and of starting it (the UI thread's)."""
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from kivy.core.audio import SoundLoader
    SoundLoader.load(str(path)).unload()          # the mixer opens on the first load
    loads, starts = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        sound = SoundLoader.load(str(path))
        loads.append(time.perf_counter() - started)
        started = time.perf_counter()
        sound.volume = 0.8
        sound.play()
        starts.append(time.perf_counter() - started)
        sound.stop()
        sound.unload()
    ms = lambda values: f"median {statistics.median(values) * 1000:.1f} ms (max {max(values) * 1000:.1f} ms)"
    print(f"{label}, {path.stat().st_size / 1024:.0f} KiB: load on a worker {ms(loads)}; "
          f"start on the UI thread {ms(starts)}")


def measure(library: PromptLibrary, key: str, language: str) -> tuple[float, int, float] | None:
    """(synthesis seconds, WAV bytes, spoken seconds) of one prompt, synthesised cold."""
    started = time.perf_counter()
    path = library.sound_file(key, language)
    if path is None:
        return None
    took = time.perf_counter() - started
    with wave.open(str(path)) as w:
        spoken = w.getnframes() / w.getframerate()
    return took, path.stat().st_size, spoken

if __name__ == "__main__":
    main([])
