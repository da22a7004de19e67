"""The app's side of A4 printing (mixed into KioskApp): a certificate copy or a receipt on A4,
followed on the A4 screens (progress, done, failed with 补打), and the A4 printer taken out of
service until it can print again. What is printed where is kiosk.flows.a4's to decide."""
from __future__ import annotations

from kivy.clock import Clock

from ..services.voice import Moment
from .spoken import Spoken

A4PRINTER_RECHECK_S = 15.0  # how often an out-of-service A4 printer is asked whether it is back


class A4Printing(Spoken):
    _a4_job = None
    _a4printer_check = None
    _a4_back_screen = "home"
    _a4_reported = None       # the failure already spoken and acted on (a 补打 offer may redraw it)

    @property
    def a4_job(self):
        """The A4 job the screens show (kiosk.flows.a4.A4Job), one for the app."""
        if self._a4_job is None:
            from ..flows.a4 import A4Job
            self._a4_job = A4Job(self.services, self._a4_changed)
        return self._a4_job

    # starting a print ------------------------------------------------------------------------------
    def print_certificate_copy(self, certificate, back_screen: str = "cert_list") -> bool:
        """The holder's copy on A4: the platform's PDF with the footer. False when it may not be printed now."""
        from ..flows import certificates

        self._a4_begin(back_screen)
        started = certificates.fetch_copy(self.services, certificate, self._a4_print, self._a4_layout_failed)
        if not started:
            self.go(back_screen)
        return started

    def print_receipt_a4(self, application, back_screen: str | None = None) -> None:
        """The 办件回执 on A4, at the citizen's request."""
        from ..flows import a4

        self._a4_begin(back_screen or self.screen_manager.current)
        a4.receipt_a4(self.services, application, self._a4_print, self._a4_layout_failed)

    def a4_reprint(self) -> None:
        if self.a4_job.start_reprint():
            self.speak(Moment.PRINTING)

    def _a4_begin(self, back_screen: str):
        self._a4_back_screen = back_screen
        job = self.a4_job
        job.laying_out()
        self.go("a4_printing")
        self.speak(Moment.PRINTING)
        return job

    def _a4_print(self, document) -> None:
        self.a4_job.start(document)

    def _a4_layout_failed(self, error) -> None:
        """The copy or the layout failed before anything was sent (the platform's copy broken,
        not the holder's, no platform): nothing is printed, the screen says what to do next."""
        self.a4_job.failed(error)

    # following it --------------------------------------------------------------------------------------
    def _a4_changed(self, view) -> None:
        from ..flows.a4 import DONE, FAILED

        if view.state == DONE:
            self._a4_show("a4_done", view)
        elif view.state == FAILED:
            error = self.a4_job.error
            if error is not self._a4_reported:
                self._a4_reported = error
                self.speak(Moment.PRINTER_OUT, reason=error)
                self.a4printer_failed(error)    # may take the printer out: the 补打 offer goes with it
            self._a4_show("a4_failed", self.a4_job.view)
        else:
            self._a4_show("a4_printing", view)

    def _a4_show(self, screen: str, view) -> None:
        if self.screen_manager.current not in ("a4_printing", "a4_done", "a4_failed"):
            return      # the citizen has left (idle reset, 完成): the job ends without the screens
        self.go(screen)
        self.screen_manager.get_screen(screen).show(view, self._a4_back_screen)

    # out of service ------------------------------------------------------------------------------------
    def a4printer_failed(self, error) -> None:
        from ..flows.a4 import out_of_service

        if error is None or not out_of_service(error):
            return
        self.set_out_of_order("a4printer", True, source="print jobs")
        if self._a4printer_check is None:
            self._a4printer_check = Clock.schedule_interval(lambda _dt: self.check_a4printer(),
                                                            A4PRINTER_RECHECK_S)

    def check_a4printer(self) -> None:
        """Asks the A4 printer whether it can print again (every 15 s while it is out of service)."""
        printer = self.services.a4printer
        if printer is None:
            return

        def answered(status) -> None:
            if status.refusal() is None:
                self.set_out_of_order("a4printer", False, source="print jobs")
                if self._a4printer_check is not None:
                    self._a4printer_check.cancel()
                    self._a4printer_check = None

        printer.request_status(answered, lambda _error: None)

    def on_a4printer_ready(self, *_args) -> None:
        """A failed job's 补打 offer follows the printer's readiness."""
        if self._a4_job is not None:
            self._a4_job.printer_changed()
