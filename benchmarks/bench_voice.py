"""Spoken prompts: espeak-ng synthesis time per prompt (cold cache, each prompt once) and the size
of the WAV it writes, for every prompt the terminal may speak, in Chinese and English.

    python -m benchmarks voice
"""
from __future__ import annotations

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
