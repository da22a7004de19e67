"""The playback volume at a time of day: lower during the quiet hours, since the terminal stands
in a lobby around the clock."""
from __future__ import annotations

from datetime import time

from ...config.voice import VoiceSettings


def clock_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def in_quiet_hours(settings: VoiceSettings, now: time) -> bool:
    start, end = clock_time(settings.quiet_hours_start), clock_time(settings.quiet_hours_end)
    if start == end:
        return False
    if start < end:
        return start <= now < end
    return now >= start or now < end      # across midnight (22:00-07:00)


def volume_at(settings: VoiceSettings, now: time) -> float:
    return settings.quiet_volume if in_quiet_hours(settings, now) else settings.volume
