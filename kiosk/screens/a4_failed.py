"""An A4 job that did not print: why, in words, and where to go instead. A job whose outcome is
uncertain (the printer stopped it after it was sent) is offered as 补打, marked on every page,
and only while the A4 printer can print; until then the screen says 补打 comes back with it, and
the button appears by itself when it does (kiosk.flows.a4.A4Job.printer_changed)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from .widgets import KioskScreen


class A4FailedScreen(KioskScreen):
    message = StringProperty("")
    back_screen = StringProperty("home")
    reprint_offered = BooleanProperty(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._view, self._back = None, "home"
        app = App.get_running_app()
        if app is not None:     # the texts follow a language switch
            app.bind(lang=lambda *_: self._view is not None and self.show(self._view, self._back))

    def show(self, view, back_screen: str) -> None:
        self._view, self._back = view, back_screen
        app = App.get_running_app()
        message = app.t(view.message_key)
        if view.reprint_offered:
            message += "\n" + app.t("a4printer.reprint_offer")
        elif view.reprint_later:
            message += "\n" + app.t("a4printer.reprint_when_ready")
        self.message = message
        self.back_screen = back_screen
        self.reprint_offered = view.reprint_offered

    def reprint(self) -> None:
        if self.reprint_offered:
            App.get_running_app().a4_reprint()

    def reset(self) -> None:
        self._view = None
        self.message, self.back_screen, self.reprint_offered = "", "home", False
