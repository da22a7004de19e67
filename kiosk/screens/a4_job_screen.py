"""What the A4 job's screens (printing, done, failed) share: the job's view, in the chosen language,
shown again when the citizen switches language."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from .widgets import KioskScreen


class A4JobScreen(KioskScreen):
    message = StringProperty("")
    back_screen = StringProperty("home")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._view, self._back = None, "home"
        app = App.get_running_app()
        if app is not None:
            app.bind(lang=lambda *_: self._view is not None and self.show(self._view, self._back))

    def show(self, view, back_screen: str = "home") -> None:
        self._view, self._back = view, back_screen
        self.back_screen = back_screen
        self.present(App.get_running_app(), view)

    def present(self, app, view) -> None:
        """The view's texts and state on the screen (the view: kiosk.flows.a4)."""
        self.message = app.t(view.message_key, **dict(view.values))

    def reset(self) -> None:
        self._view = None
        self.message, self.back_screen = "", "home"
