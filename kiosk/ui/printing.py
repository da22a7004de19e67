"""The app's side of printing: the printing screen, the receipt of an application (built by the
flow, kiosk.flows.status), and taking the printer out of service until it can print again.
Mixed into KioskApp."""
from __future__ import annotations

from kivy.clock import Clock

from ..services.voice import Moment
from .spoken import Spoken

PRINTER_RECHECK_S = 15.0  # how often an out-of-service printer is asked whether it is back


class Printing(Spoken):
    def print_document(self, document, back_screen: str) -> None:
        """Prints a kiosk.services.documents layout, with progress and outcome on the printing screen
        and in the voice (printing, take your receipt, or what failed and where to go)."""
        printer = self.services.printer
        self.go("printing")
        self.screen_manager.get_screen("printing").start(
            lambda on_done, on_error, on_progress: self._spoken_submit(
                lambda done, failed: printer.submit(document, done, failed, on_progress), on_done, on_error),
            back_screen)

    def spoken_reprint(self, job_id: int):
        """The printing screen's `submit` for a 补打 of `job_id`: spoken as the first print was
        (printing, then take your printout, or what failed and where to go)."""
        printer = self.services.printer
        return lambda on_done, on_error, on_progress: self._spoken_submit(
            lambda done, failed: printer.reprint(job_id, done, failed, on_progress=on_progress), on_done, on_error)

    def _spoken_submit(self, submit, on_done, on_error):
        def done(outcome) -> None:
            self.speak(Moment.TAKE_PRINTOUT)
            on_done(outcome)

        def failed(error) -> None:
            self.speak(Moment.PRINTER_OUT, reason=error)
            on_error(error)

        self.speak(Moment.PRINTING)
        try:
            return submit(done, failed)
        except Exception as error:  # refused at once: the screen shows it, the voice says it
            self.speak(Moment.PRINTER_OUT, reason=error)
            raise

    def print_receipt(self, application) -> None:
        """The 办件回执 of `application` (kiosk.flows.status builds it), back to the screen shown."""
        from ..flows import status

        services = self.services
        document = status.receipt(services.session, application, services.config.terminal, services.catalogue)
        self.print_document(document, back_screen=self.screen_manager.current)

    def printer_failed(self, error) -> None:
        """A printer that cannot print (paper out, cover open, gone) is out of service, and its
        tiles and buttons hidden, until a status query says it can print again."""
        from ..devices.printer import errors

        unusable = (errors.PaperOut, errors.CoverOpen, errors.CutterError, errors.PrinterHardwareError,
                    errors.PrinterOffline, errors.PrinterUnreachable, errors.PrinterNotFound,
                    errors.PrinterDisconnected, errors.PrinterNotResponding, errors.PrinterTimeout)
        if not isinstance(error, unusable):
            return
        self.set_out_of_order("printer", True, source="print jobs")
        if self._printer_check is None:
            self._printer_check = Clock.schedule_interval(lambda _dt: self._check_printer(), PRINTER_RECHECK_S)

    def _check_printer(self) -> None:
        printer = self.services.printer
        if printer is None:
            return

        def answered(status) -> None:
            if status.can_print:
                self.set_out_of_order("printer", False, source="print jobs")
                if self._printer_check is not None:
                    self._printer_check.cancel()
                    self._printer_check = None

        printer.request_status(answered, lambda _error: None)

