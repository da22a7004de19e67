"""What the checks look at: the configuration, the running parts, and injectable ways to read
the clock and the free disk space (so a test can fake a nearly full disk)."""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ...config import KioskConfig

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
    parts: Any = None                                   # kiosk.services.parts.Parts
    in_app: bool = True   # True: the app's watcher owns the reader port, so the check asks it
    started_at: float = field(default_factory=lambda: PROCESS_STARTED)   # time.monotonic() at start
    free_space: Callable[[Path], int] = disk_free_bytes
    clock: Callable[[], float] = time.time              # wall clock, for ages of stored records
    monotonic: Callable[[], float] = time.monotonic

    def part(self, name: str) -> Any:
        return getattr(self.parts, name, None) if self.parts is not None else None

    def problem_of(self, name: str) -> str:
        """Why a part did not start (from Parts.problems), or ""."""
        problems = getattr(self.parts, "problems", None) or []
        return next((p.split(": ", 1)[-1] for p in problems if p.startswith(f"{name}:")), "")
