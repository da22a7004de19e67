"""The bureau's recorded prompts: <clips_dir>/<language>/<message id>.wav or .ogg."""
from __future__ import annotations

from pathlib import Path

CLIP_SUFFIXES = (".wav", ".ogg")   # what Kivy's SDL2 audio plays; .wav first when both are there


def find_clip(clips_dir: str | Path, language: str, message_id: str) -> Path | None:
    """The clip for `message_id` in `language`, or None. An empty file is no clip (a copy cut short)."""
    if not str(clips_dir):
        return None
    folder = Path(clips_dir) / language
    for suffix in CLIP_SUFFIXES:
        path = folder / f"{message_id}{suffix}"
        try:
            if path.is_file() and path.stat().st_size > 0:
                return path
        except OSError:       # an unreadable folder is no clip; the next source speaks
            return None
    return None
