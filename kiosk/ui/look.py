"""How the app fits the panel it runs on (mixed into KioskApp): the density from [ui] density or
the window, portrait or landscape (the kv rules lay out for either), and the wall clock the
screens show, injectable so the tour can stop time."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Callable

from kivy.properties import BooleanProperty

from ..platform.models import CHINA_TZ
from .boot import apply_density

log = logging.getLogger(__name__)


def china_now() -> datetime:
    return datetime.now(CHINA_TZ)


class Look:
    landscape = BooleanProperty(False)

    def __init__(self, *args, now: Callable[[], datetime] | None = None, **kwargs):
        # The wall clock the screens show (home clock, dates, times of checks): aware, China time.
        self.now = now or china_now
        super().__init__(*args, **kwargs)

    def fit_to_window(self) -> None:
        """Before the first widget: the density and the orientation (the app follows later
        resizes through its window handlers)."""
        from kivy.core.window import Window

        density = apply_density(self.services.config.ui.density, Window.size)
        log.info("window %dx%d, density %.3g", *Window.size, density)
        self._window_resized(Window, Window.size)

    def _window_resized(self, _window, size) -> None:
        self.landscape = size[0] > size[1]

    def today(self):
        return self.now().date()
