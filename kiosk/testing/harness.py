"""Drives the kiosk app with no display: for the headless tour and the UI tests.

The app is built as `kiosk run` builds it, but frames are pumped by the caller, so a test
can tap a widget, advance an injected clock and look at the result deterministically.
"""
from __future__ import annotations

import shutil
import time
from datetime import datetime
from pathlib import Path
from typing import Callable

from ..config import KioskConfig
from ..ui.boot import apply_kivy_config, prepare_environment


class HeadlessKiosk:
    def __init__(self, config: KioskConfig, clock: Callable[[], float] = time.monotonic,
                 start_devices: bool = False, now: Callable[[], datetime] | None = None):
        prepare_environment(offscreen=True)
        apply_kivy_config(config)
        from kivy.base import EventLoop, runTouchApp
        from kivy.core.window import Window

        from ..app import KioskApp, build_services

        self._event_loop = EventLoop
        self.window = Window
        Window.size = (config.ui.width, config.ui.height)
        self.services = build_services(config, clock=clock)
        self.app = KioskApp(self.services, start_devices=start_devices, now=now)
        self.app._run_prepare()
        runTouchApp(embedded=True)
        self.pump(3)
        if start_devices:
            self.wait_until(lambda: self.services.parts is not None, timeout=30)

    @property
    def simulated(self):
        """The simulators standing in for the parts (kiosk.parts.Simulated), once started."""
        return self.app.simulated

    @property
    def screen(self):
        return self.app.screen_manager.current_screen

    def pump(self, frames: int = 2) -> None:
        for _ in range(frames):
            self._event_loop.idle()

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        """Pumps frames until predicate() is true (e.g. a background result arrived)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(1)
            if predicate():
                return True
        return predicate()

    def settle(self) -> None:
        """Pumps until a screen transition has finished and no text is still being fitted to
        its box, so a screenshot shows one screen as it stays."""
        from ..screens.text import fits_pending

        self.wait_until(lambda: not self.app.screen_manager.transition.is_active, timeout=2.0)
        self.pump(2)
        self.wait_until(lambda: not fits_pending(), timeout=2.0)

    def advance_idle(self, clock, seconds: float) -> None:
        """Moves the injected clock and lets the app look at its idle timer."""
        clock.advance(seconds)
        self.app.check_idle()
        self.pump(3)

    def tap(self, widget, frames: int = 4) -> None:
        """A real touch at the widget's centre, through the window's input dispatch."""
        from kivy.tests.common import UnitTestTouch

        self.pump(2)  # let layouts settle first: a widget just added still sits at (0, 0)
        self._scroll_into_view(widget)
        x, y = widget.to_window(*widget.center)
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        touch.touch_up()
        self.pump(frames)
        self.settle()

    def _scroll_into_view(self, widget) -> None:
        """As a citizen would: scroll a list until the widget is on screen (e.g. tiles in 长辈模式)."""
        from kivy.uix.scrollview import ScrollView

        parent = widget.parent
        while parent is not None and parent is not self.window and not isinstance(parent, ScrollView):
            parent = parent.parent
        if not isinstance(parent, ScrollView):
            return
        x, y = widget.to_window(*widget.center)
        left, bottom = parent.to_window(parent.x, parent.y)
        if left <= x <= left + parent.width and bottom <= y <= bottom + parent.height:
            return  # already on screen: scrolling would only move the list
        parent.scroll_to(widget, padding=10, animate=False)
        self.pump(2)

    def press_key(self, key: int) -> None:
        self.window.dispatch("on_key_down", key, 0, None, [])
        self.window.dispatch("on_key_up", key, 0)
        self.pump(2)

    def screenshot(self, path: Path) -> Path:
        self.settle()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        written = self.window.screenshot(name=str(path))
        shutil.move(written, path)
        return path

    def all_texts(self) -> list[str]:
        """Every text currently held by a widget of the app (screens and overlays)."""
        texts = []
        roots = list(self.window.children) + list(self.app.screen_manager.screens)
        for root in roots:
            for widget in root.walk(restrict=True):
                text = getattr(widget, "text", None)
                if isinstance(text, str) and text:
                    texts.append(text)
        return texts

    def close(self) -> None:
        from kivy.base import stopTouchApp
        from kivy.clock import Clock

        self.app.stop()
        # The Clock outlives the app in one process: nothing scheduled here may fire in the next test.
        for event in Clock.get_events():
            event.cancel()
        for child in list(self.window.children):
            self.window.remove_widget(child)
        stopTouchApp()
        self.pump(1)
