"""What the checks look at: the configuration, the running parts, and injectable ways to read
the clock and the free disk space (so a test can fake a nearly full disk)."""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ...config import KioskConfig

if TYPE_CHECKING:
    from ..parts import Parts

PROCESS_STARTED = time.monotonic()


def disk_free_bytes(path: Path) -> int:
    """Free bytes on the filesystem holding `path` (its nearest existing parent)."""
    path = Path(path).absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free


@dataclass
class DiagContext:
    config: KioskConfig
    parts: Parts | None = None
    in_app: bool = True   # True: the app's watcher owns the reader port, so the check asks it
    started_at: float = field(default_factory=lambda: PROCESS_STARTED)   # time.monotonic() at start
    free_space: Callable[[Path], int] = disk_free_bytes
    clock: Callable[[], float] = time.time              # wall clock, for ages of stored records
    monotonic: Callable[[], float] = time.monotonic

    def part(self, name: str) -> Any:
        """The running part `name` (reader, printer, platform, ratings), or None (see Parts)."""
        return getattr(self.parts, name) if self.parts is not None else None

    def problem_of(self, name: str) -> str:
        """Why a part did not start, or ""."""
        return self.parts.problem_of(name) if self.parts is not None else ""
