"""Printing a document: the job's stages as they happen (checking the printer, sending the
job, waiting for the printer to confirm), then the outcome with what to do next.

A refused job (paper out, cover open ...) says where to go instead; a job whose outcome is
uncertain is offered again as a 补打 reprint, never silently dropped or printed twice unmarked,
and offered only while the printer can print: until it can, the screen says where to go, and
the 补打 button appears by itself when the printer is back (app.printer_ready)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from .widgets import KioskScreen

DONE, FAILED = "done", "failed"


def size_text(size_bytes: int) -> str:
    """A job's size as the citizen reads it: 12.3 KB."""
    if size_bytes < 1024:
        return f"{size_bytes} B"
    return f"{size_bytes / 1024:.1f} KB"


class PrintingScreen(KioskScreen):
    busy = BooleanProperty(False)
    message = StringProperty("")
    progress = NumericProperty(0.0)     # share of the job done: the stages', 1 once printed
    stage = StringProperty("")          # the job's stage while busy (kiosk.devices.printer.service)
    outcome = StringProperty("")        # DONE | FAILED once the job has ended
    back_screen = StringProperty("home")
    reprint_job = NumericProperty(0)    # an uncertain job the citizen may have reprinted (补打)
    reprint_offered = BooleanProperty(False)   # the 补打 button: a job to reprint and a printer that can

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._error: BaseException | None = None
        app = App.get_running_app()
        if app is not None:
            app.bind(printer_ready=lambda *_: self._show_reprint(), lang=lambda *_: self._show_reprint())

    def start(self, submit, back_screen: str) -> None:
        """`submit(on_done, on_error, on_progress)` queues the job on the print service."""
        app = App.get_running_app()
        self.back_screen, self.reprint_job, self._error = back_screen, 0, None
        self.busy, self.outcome, self.stage, self.progress = True, "", "", 0.0
        self.message = app.t("printer.printing")
        self.reprint_offered = False
        try:
            submit(self._done, self._failed, self._progress)
        except Exception as error:  # the service refused at once (closed, no such reprint)
            self._failed(error)

    def _progress(self, progress) -> None:
        if not self.busy:
            return
        self.progress = progress.share
        self.message = App.get_running_app().t(progress.message_key, size=size_text(progress.size_bytes))
        self.stage = progress.stage     # last: who watches the stage sees its bar and text

    def _done(self, outcome) -> None:
        self.busy, self.outcome, self.stage, self.progress = False, DONE, "", 1.0
        self.message = App.get_running_app().t(outcome.message_key)

    def _failed(self, error) -> None:
        app = App.get_running_app()
        self.busy, self.outcome, self.stage = False, FAILED, ""
        self._error = error
        app.printer_failed(error)
        if getattr(error, "reprint_offered", False):
            self.reprint_job = getattr(error, "job_id", 0) or 0
        self._show_reprint()

    def _show_reprint(self) -> None:
        """The failure, and the 补打 offer only while the printer can print; else that it comes back."""
        if self.busy or self.outcome != FAILED or self._error is None:
            return
        app = App.get_running_app()
        failure = app.failure_text(self._error, "printer.error.generic")
        self.reprint_offered = bool(self.reprint_job) and app.printer_ready
        if not self.reprint_job:
            self.message = failure
        elif self.reprint_offered:
            self.message = failure + "\n" + app.t("printer.reprint_offer")
        else:
            self.message = failure + "\n" + app.t("printer.reprint_when_ready")

    def reprint(self) -> None:
        if not self.reprint_offered:
            return
        self.start(App.get_running_app().spoken_reprint(self.reprint_job), self.back_screen)

    def reset(self) -> None:
        self.busy, self.message, self.reprint_job, self.reprint_offered = False, "", 0, False
        self.outcome, self.stage, self.progress, self._error = "", "", 0.0, None
