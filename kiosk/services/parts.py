"""The terminal's running parts, as the rest of the app sees them: typed, each one present or None.

Who builds them is the composition root (kiosk/parts.py); what is here knows nothing of
simulators. A part is None while the parts are still starting (they start after the first frame)
and when it failed to start (`problems` says why, and the part is out of order). Every caller
treats None the same way: the part is not there, so the flow shows its fallback message.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..devices.a4printer.service import A4PrintService
    from ..devices.idcard.watcher import CardWatcher
    from ..devices.printer.service import PrintService
    from ..platform.client import PlatformClient
    from .diagnostics.health import HealthReporter
    from .ratings.service import RatingService

log = logging.getLogger(__name__)


@dataclass
class Parts:
    reader: CardWatcher | None = None        # polls the ID card reader, owns its port
    printer: PrintService | None = None      # the receipt printer's one worker
    a4printer: A4PrintService | None = None  # the A4 printer's one worker (None too where none is installed)
    platform: PlatformClient | None = None   # the integrated online government service platform
    ratings: RatingService | None = None     # the 好差评 outbox and its uploader
    health: HealthReporter | None = None     # checks and heartbeat
    problems: list[str] = field(default_factory=list)   # "reader: why it did not start", ...

    def problem_of(self, name: str) -> str:
        """Why part `name` did not start, or ""."""
        return next((p.split(": ", 1)[-1] for p in self.problems if p.startswith(f"{name}:")), "")

    def stop(self) -> None:
        """Stops what runs, services before the devices and the platform they use."""
        for name, part, stop in (("health", self.health, "stop"), ("ratings", self.ratings, "close"),
                                 ("reader", self.reader, "stop"), ("printer", self.printer, "close"),
                                 ("a4printer", self.a4printer, "close"),
                                 ("platform", self.platform, "close")):
            if part is None:
                continue
            try:
                getattr(part, stop)()
            except Exception:
                log.exception("stopping the %s failed", name)
