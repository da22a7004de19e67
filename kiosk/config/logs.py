"""[logging]: rotating log files; personal data is masked by a filter on every handler."""
from dataclasses import dataclass
from pathlib import Path

from .schema import setting


@dataclass(frozen=True)
class LogSettings:
    dir: Path = setting(Path("var/log"), help="log directory (a relative path is from the configuration file's folder)")
    level: str = setting("INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR"))
    max_bytes: int = setting(2_000_000, min=10_000, max=500_000_000, help="size of one log file")
    backups: int = setting(10, min=1, max=100, help="rotated files kept")
