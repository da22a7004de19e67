"""Which printer a paper goes to, and an A4 job as the citizen follows it. No widgets here.

Certificate copies go to the A4 printer where the terminal has one ([a4printer] installed): the
platform's PDF with the kiosk's footer. A terminal without one prints the 仅供查验 slip on the
receipt printer, as before. Receipts and rating slips go to the receipt printer; a receipt goes on
A4 when the citizen asks for it (the choice offered only while both printers can print).

A4Job follows one job through the A4 print service's real stages (sending, accepted, printing
page n of m, completed) and, when it fails, says why, where to go instead, and whether 补打 may
be offered: only for a job whose outcome is uncertain, and only while the A4 printer can print.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..threads import LOCAL

if TYPE_CHECKING:
    from ..devices.a4printer.document import A4Document
    from ..devices.a4printer.service import A4PrintOutcome, A4Progress
    from ..platform.models import Application
    from .context import Services

RECEIPT, A4 = "receipt", "a4"
LAYOUT_TIMEOUT_S = 30.0      # fpdf2 opens and subsets the CJK font: ~0.5 s, far more on a loaded machine

# Errors after which the A4 printer cannot print until someone sees to it: it is out of service
# (its 打印 buttons hidden, the home banner names it) until a state query says it can print.
OUT_OF_SERVICE = ("A4PaperOut", "A4PaperJam", "A4DoorOpen", "A4TonerEmpty", "A4PrinterOffline",
                  "A4PrinterUnreachable", "A4PrinterTimeout", "A4PrinterNotResponding", "A4PrinterDisconnected",
                  "A4PrinterConfigError")


# which printer ------------------------------------------------------------------------------------
def a4_installed(services: Services) -> bool:
    return services.config.a4printer.installed


def can_print(services: Services, printer: str) -> bool:
    """The printer's part is running and not out of order."""
    if printer == A4:
        return services.a4printer is not None and "a4printer" not in services.out_of_order
    return services.printer is not None and "printer" not in services.out_of_order


def certificate_printer(services: Services) -> str:
    """Copies on A4 where there is an A4 printer (even while it is out: the flow then says where
    to go, it does not fall back to a slip nobody can hand in); the slip where there is none."""
    return A4 if a4_installed(services) else RECEIPT


def receipt_printers(services: Services) -> tuple[str, ...]:
    """The printers a receipt can be printed on now, the receipt printer first."""
    return tuple(p for p in (RECEIPT, A4) if (p == RECEIPT or a4_installed(services)) and can_print(services, p))


def receipt_choice_needed(services: Services) -> bool:
    """The citizen chooses only when both printers can print; otherwise the one that can is used."""
    return len(receipt_printers(services)) == 2


def out_of_service(error: BaseException) -> bool:
    return type(error).__name__ in OUT_OF_SERVICE


# what is printed on A4 ------------------------------------------------------------------------------
def receipt_a4(services: Services, application: Application, on_ready: Callable[[A4Document], None],
               on_error: Callable[[BaseException], None]) -> None:
    """The 办件回执 on A4, laid out in the background (from the same data as the slip)."""
    session, terminal, messages = services.session, services.config.terminal, services.catalogue

    def layout(_job) -> A4Document:
        # Loaded on the first A4 print, not with the screens: fpdf2 and the font are heavy.
        from ..services.documents.a4_receipt import receipt_a4 as layout_a4
        from ..services.documents.receipt import receipt_for

        return layout_a4(receipt_for(application, session.identity, terminal, messages))

    services.work.submit(layout, name="A4 receipt layout", timeout=LAYOUT_TIMEOUT_S, on_result=on_ready,
                         on_error=on_error, lane=LOCAL)


# an A4 job, stage by stage ----------------------------------------------------------------------------
PRINTING, DONE, FAILED = "printing", "done", "failed"

# the share of the bar each stage shows; the pages fill the rest
STAGE_SHARE = {"laying_out": 0.05, "sending": 0.15, "accepted": 0.3, "printing": 0.3}


@dataclass(frozen=True)
class JobView:
    """What the screens show of a job at one moment."""
    state: str                      # printing | done | failed
    stage: str = ""                 # laying_out | sending | accepted | printing (while printing)
    message_key: str = ""
    values: tuple[tuple[str, object], ...] = ()
    share: float = 0.0
    reprint_offered: bool = False   # failed, uncertain, and the A4 printer can print now
    reprint_later: bool = False     # failed, uncertain, and the printer cannot print yet


def stage_view(stage: str, pages: int = 0, printed: int | None = None) -> JobView:
    if stage == "printing" and pages:
        done = min(printed or 0, pages)
        return JobView(PRINTING, stage, "a4printer.stage.printing", (("printed", done), ("pages", pages)),
                       STAGE_SHARE["printing"] + (1 - STAGE_SHARE["printing"]) * done / pages)
    return JobView(PRINTING, stage, f"a4printer.stage.{stage}", (), STAGE_SHARE.get(stage, 0.0))


class A4Job:
    """One A4 print (and its 补打) for the screens: start(document) or start_reprint(), then
    `view` changes as the service reports; on_change(view) is called on every change (on the
    thread the service delivers to: the UI thread in the app)."""

    def __init__(self, services: Services, on_change: Callable[[JobView], None]):
        self.services = services
        self.on_change = on_change
        self.view = JobView(PRINTING, "laying_out", "a4printer.stage.laying_out", (), STAGE_SHARE["laying_out"])
        self.error: BaseException | None = None
        self.outcome: A4PrintOutcome | None = None
        self.reprint_job = 0           # the uncertain job that may be reprinted
        self._pages = 0
        self._generation = 0           # answers of an earlier job (before a 补打) are ignored

    def laying_out(self) -> None:
        """A new print: an earlier job's 补打 is no longer offered (it may be another citizen's)."""
        self._generation += 1
        self.error, self.outcome, self.reprint_job = None, None, 0
        self._show(stage_view("laying_out"))

    def start(self, document: A4Document) -> None:
        printer = self.services.a4printer
        self._generation += 1
        self.error, self.outcome, self.reprint_job, self._pages = None, None, 0, document.pages
        if printer is None:
            self.failed(_not_available())
            return
        # Out of order meanwhile (the health check saw it while the copy was laid out): the
        # service reads the printer's state first and refuses with the reason, nothing sent.
        generation = self._generation
        self._show(stage_view("sending"))
        try:
            printer.submit(document, self._answer(generation, self.done), self._answer(generation, self.failed),
                           self._answer(generation, self.progressed))
        except Exception as error:  # refused at once (closed)
            self.failed(error)

    def start_reprint(self) -> bool:
        """Prints the uncertain job again, marked 补打; False (nothing sent) unless it is offered."""
        if not self.view.reprint_offered:
            return False
        printer, job = self.services.a4printer, self.reprint_job
        self._generation += 1
        generation = self._generation
        self.error, self.outcome = None, None
        self._show(stage_view("sending"))
        try:
            printer.reprint(job, self._answer(generation, self.done), self._answer(generation, self.failed),
                            on_progress=self._answer(generation, self.progressed))
        except Exception as error:  # no longer waiting for a reprint, or the service closed
            self.failed(error)
        return True

    def _answer(self, generation: int, handler: Callable) -> Callable:
        return lambda value: handler(value) if generation == self._generation else None

    # the service's answers --------------------------------------------------------------------------
    def progressed(self, progress: A4Progress) -> None:
        if self.view.state != PRINTING:
            return
        self._pages = progress.pages or self._pages
        self._show(stage_view(progress.stage, self._pages, progress.pages_printed))

    def done(self, outcome: A4PrintOutcome) -> None:
        self.outcome, self.reprint_job = outcome, 0
        self._show(JobView(DONE, "", outcome.message_key, (), 1.0))

    def failed(self, error: BaseException) -> None:
        self.error = error
        if getattr(error, "reprint_offered", False) and getattr(error, "job_id", None):
            self.reprint_job = error.job_id
        self.printer_changed()

    def printer_changed(self) -> None:
        """The A4 printer's readiness changed: a failed job's 补打 offer follows it."""
        if self.error is None:
            return
        key = getattr(self.error, "message_key", None) or "a4printer.error.generic"
        uncertain = bool(self.reprint_job)
        ready = can_print(self.services, A4)
        self._show(JobView(FAILED, "", key, (), self.view.share, reprint_offered=uncertain and ready,
                           reprint_later=uncertain and not ready))

    def _show(self, view: JobView) -> None:
        self.view = view
        self.on_change(view)


class A4NotAvailable(RuntimeError):
    """The A4 printer's part is not running (not started, or failed to start): nothing was sent."""
    message_key = "a4printer.error.offline"
    nothing_printed = True


def _not_available() -> A4NotAvailable:
    return A4NotAvailable("the A4 printer cannot print now")
