"""What the flows and screens may use: one bundle, built once by the app (kiosk/app.py).

The parts start after the first frame, so until then (and for a part that failed to start)
the accessors below return None; every caller treats None as "the part is not there" and
shows the part's fallback message. That is the one behaviour for a missing part.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import KioskConfig
from ..i18n import Catalogue
from ..session import CitizenSession
from ..services.idle import IdleTimer
from ..services.parts import Parts
from ..threads import BackgroundWork

if TYPE_CHECKING:
    from ..devices.a4printer.service import A4PrintService
    from ..devices.idcard.watcher import CardWatcher
    from ..devices.printer.service import PrintService
    from ..platform.client import PlatformClient
    from ..platform.status import PlatformStatus
    from ..services.diagnostics.health import HealthReporter
    from ..services.ratings import RatingService


@dataclass
class Services:
    config: KioskConfig
    catalogue: Catalogue
    session: CitizenSession
    work: BackgroundWork
    idle: IdleTimer
    platform_status: PlatformStatus | None = None
    parts: Parts | None = None  # set once the parts have started (after the first frame)
    out_of_order: set[str] = field(default_factory=set)

    # the running parts, or None (see the module docstring) --------------------------------------
    @property
    def reader(self) -> CardWatcher | None:
        return self.parts.reader if self.parts is not None else None

    @property
    def printer(self) -> PrintService | None:
        return self.parts.printer if self.parts is not None else None

    @property
    def a4printer(self) -> A4PrintService | None:
        return self.parts.a4printer if self.parts is not None else None

    @property
    def platform(self) -> PlatformClient | None:
        return self.parts.platform if self.parts is not None else None

    @property
    def ratings(self) -> RatingService | None:
        return self.parts.ratings if self.parts is not None else None

    @property
    def health(self) -> HealthReporter | None:
        return self.parts.health if self.parts is not None else None
