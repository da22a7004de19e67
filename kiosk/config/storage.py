"""[storage]: where data that must survive a crash lives (SQLite files)."""
from dataclasses import dataclass
from pathlib import Path

from .schema import setting


@dataclass(frozen=True)
class StorageSettings:
    data_dir: Path = setting(Path("var/data"), help="directory for the SQLite files")
