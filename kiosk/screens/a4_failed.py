"""An A4 job that did not print: why, in words, and where to go instead. A job whose outcome is
uncertain (the printer stopped it after it was sent) is offered as 补打, marked on every page,
and only while the A4 printer can print; until then the screen says 补打 comes back with it, and
the button appears by itself when it does (kiosk.flows.a4.A4Job.printer_changed)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty

from .a4_job_screen import A4JobScreen


class A4FailedScreen(A4JobScreen):
    reprint_offered = BooleanProperty(False)

    def present(self, app, view) -> None:
        message = app.t(view.message_key)
        if view.reprint_offered:
            message += "\n" + app.t("a4printer.reprint_offer")
        elif view.reprint_later:
            message += "\n" + app.t("a4printer.reprint_when_ready")
        self.message = message
        self.reprint_offered = view.reprint_offered

    def reprint(self) -> None:
        if self.reprint_offered:
            App.get_running_app().a4_reprint()

    def reset(self) -> None:
        super().reset()
        self.reprint_offered = False
