"""[voice]: spoken prompts for citizens who read little or see poorly.

Each prompt comes from a recording supplied by the bureau (clips_dir/<language>/<message id>.wav
or .ogg, the only way Mongolian is ever spoken), else from the offline synthesiser when it has a
voice for the language, else the terminal stays silent. The README says how clips are supplied.
"""
from dataclasses import dataclass

from .schema import setting

CLOCK_TIME = r"([01]\d|2[0-3]):[0-5]\d"


@dataclass(frozen=True)
class VoiceSettings:
    enabled: bool = setting(True, help="false: the terminal never speaks")
    clips_dir: str = setting("var/voice", help="the bureau's recorded prompts, one folder per language "
                                               "(zh_CN, en, mn) of <message id>.wav or .ogg; "
                                               "relative to this file's folder")
    synthesis: bool = setting(True, help="speak a prompt without a clip through the offline synthesiser "
                                         "(espeak-ng) when it has a voice for the language")
    volume: float = setting(0.8, min=0, max=1, help="playback volume by day, 0 (silent) to 1 (full)")
    quiet_hours_start: str = setting("22:00", pattern=CLOCK_TIME,
                                     help="HH:MM when the lobby is quiet and quiet_volume applies "
                                          "(equal to quiet_hours_end: no quiet hours)")
    quiet_hours_end: str = setting("07:00", pattern=CLOCK_TIME, help="HH:MM when the day volume returns")
    quiet_volume: float = setting(0.4, min=0, max=1, help="playback volume during quiet hours")
