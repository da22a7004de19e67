"""The A4 job printed: take the pages from the A4 printer (not the receipt printer's slot)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from .widgets import KioskScreen


class A4DoneScreen(KioskScreen):
    message = StringProperty("")
    back_screen = StringProperty("home")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._view, self._back = None, "home"
        app = App.get_running_app()
        if app is not None:     # the texts follow a language switch
            app.bind(lang=lambda *_: self._view is not None and self.show(self._view, self._back))

    def show(self, view, back_screen: str) -> None:
        self._view, self._back = view, back_screen
        self.message = App.get_running_app().t(view.message_key, **dict(view.values))
        self.back_screen = back_screen

    def reset(self) -> None:
        self._view = None
        self.message, self.back_screen = "", "home"
