"""Printing a document: progress, then the outcome with what to do next.

A refused job (paper out, cover open ...) says where to go instead; a job whose outcome is
uncertain is offered again as a 补打 reprint, never silently dropped or printed twice unmarked.
"""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from .widgets import KioskScreen


class PrintingScreen(KioskScreen):
    busy = BooleanProperty(False)
    message = StringProperty("")
    back_screen = StringProperty("home")
    reprint_job = NumericProperty(0)   # an uncertain job the citizen may have reprinted (补打)

    def start(self, submit, back_screen: str) -> None:
        """`submit(on_done, on_error)` queues the job on the print service."""
        app = App.get_running_app()
        self.back_screen, self.reprint_job = back_screen, 0
        self.busy, self.message = True, app.t("printer.printing")
        try:
            submit(self._done, self._failed)
        except Exception as error:  # the service refused at once (closed, no such reprint)
            self._failed(error)

    def _done(self, outcome) -> None:
        self.busy = False
        self.message = App.get_running_app().t(outcome.message_key)

    def _failed(self, error) -> None:
        app = App.get_running_app()
        self.busy = False
        self.message = app.failure_text(error, "printer.error.generic")
        app.printer_failed(error)
        if getattr(error, "reprint_offered", False):
            self.reprint_job = getattr(error, "job_id", 0) or 0
            if self.reprint_job:
                self.message += "\n" + app.t("printer.reprint_offer")

    def reprint(self) -> None:
        printer = App.get_running_app().services.printer
        job = self.reprint_job
        self.start(lambda done, failed: printer.reprint(job, done, failed), self.back_screen)

    def reset(self) -> None:
        self.busy, self.message, self.reprint_job = False, "", 0
