"""Spoken prompts: espeak-ng synthesis time per prompt (cold cache, each prompt once) and the size
of the WAV it writes, for every prompt the terminal may speak, in Chinese and English.

    python -m benchmarks voice
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from kiosk.config.voice import VoiceSettings
from kiosk.services.voice import PromptLibrary
from kiosk.services.voice.moments import every_prompt
from kiosk.services.voice.synthesis import engine_path


def main(_argv: list[str]) -> None:
    if engine_path() is None:
        print("espeak-ng not installed: nothing to measure")
        return
    with tempfile.TemporaryDirectory() as folder:
        library = PromptLibrary(VoiceSettings(clips_dir=""), Path(folder) / "cache",
                                {"window": "政务服务中心一楼综合窗口", "hotline": "12345"})
        for language in ("zh_CN", "en"):
            seconds, sizes, lengths = [], [], []
            for message_id in every_prompt():
                started = time.perf_counter()
                path = library.sound_file(message_id, language)
                if path is None:
                    continue
                seconds.append(time.perf_counter() - started)
                sizes.append(path.stat().st_size)
                lengths.append((path.stat().st_size - 44) / (22050 * 2))
            print(f"{language}: {len(seconds)} prompts synthesised; per prompt median "
                  f"{statistics.median(seconds) * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms; "
                  f"WAV median {statistics.median(sizes) / 1024:.0f} KiB (max {max(sizes) / 1024:.0f} KiB), "
                  f"spoken median {statistics.median(lengths):.1f} s")


if __name__ == "__main__":
    main([])
