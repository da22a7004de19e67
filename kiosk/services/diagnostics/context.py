"""What the checks look at: the configuration, the running parts, and injectable ways to read
the clock and the free disk space (so a test can fake a nearly full disk), and to write the
values that differ on every run (temporary paths, ephemeral ports, measured latency and skew),
so the tour can draw the same screen twice."""
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


# What `DiagContext.shown` is asked to write: a value of one of these kinds, as found.
SHOWN_KINDS = ("path", "url", "latency_ms", "skew_s")


def as_found(kind: str, value: str) -> str:
    """Values are shown as the checks find them (the screen, `kiosk diag`, the heartbeat)."""
    return value


@dataclass
class DiagContext:
    config: KioskConfig
    parts: Parts | None = None
    in_app: bool = True   # True: the app's watcher owns the reader port, so the check asks it
    started_at: float = field(default_factory=lambda: PROCESS_STARTED)   # time.monotonic() at start
    free_space: Callable[[Path], int] = disk_free_bytes
    clock: Callable[[], float] = time.time              # wall clock, for ages of stored records
    monotonic: Callable[[], float] = time.monotonic
    # shown(kind, value) -> text: how a value of SHOWN_KINDS is written in a detail; the statuses
    # are decided on the values found, whatever this writes.
    shown: Callable[[str, str], str] = as_found

    def part(self, name: str) -> Any:
        """The running part `name` (reader, printer, platform, ratings), or None (see Parts)."""
        return getattr(self.parts, name) if self.parts is not None else None

    def problem_of(self, name: str) -> str:
        """Why a part did not start, or ""."""
        return self.parts.problem_of(name) if self.parts is not None else ""
