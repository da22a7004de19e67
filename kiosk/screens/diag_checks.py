"""运维诊断: the checks with colours and hints, refreshed live in the background, and the
technician's actions (test print, A4 test page, test card read with masked fields, resend the
好差评 outbox, reprint from the journal, recent log, reload configuration, the voice's volume
with a sample, leave, quit). Every action is
written to the audit log with its outcome. The app's idle timer brings the home screen back
when the technician walks away (audited as leaving by idle)."""
from __future__ import annotations

from collections import deque
from pathlib import Path

from kivy.app import App
from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from ..services.diagnostics import DiagContext, Status, run_checks
from ..services.diagnostics.device_tests import masked_card_fields, test_page
from ..services.diagnostics.runner import PARTS
from ..devices.idcard.events import ReaderListener
from ..masking import mask_text
from .widgets import KioskScreen

REFRESH_S = 10.0
VOLUME_STEP = 10            # percent per tap
SAMPLE_PROMPT = "reader.place_card"   # what the volume sample says, in the chosen language
DISCARD_CONFIRM_S = 5.0
LOG_LINES = 40
OUTPUT_LINES = 60
# Dark enough for 4.5:1 on white and under white text (the accessibility audit: 5.9, 5.4, 5.6).
COLOURS = {Status.OK: (0.10, 0.45, 0.20, 1), Status.WARNING: (0.60, 0.36, 0.0, 1),
           Status.FAILURE: (0.78, 0.12, 0.10, 1)}


class DiagCheckRow(BoxLayout):
    check = StringProperty("")
    title = StringProperty("")
    status_text = StringProperty("")
    detail = StringProperty("")
    hint = StringProperty("")
    colour = ListProperty([0.5, 0.5, 0.5, 1])


class DiagParkedRow(BoxLayout):
    """One parked rating (办件编号, attempts, reason: nothing of the person) with 重试 and 放弃."""
    key = StringProperty("")
    text = StringProperty("")
    confirming = BooleanProperty(False)     # 放弃 was tapped once: the next tap discards
    screen = ObjectProperty(None, allownone=True)


def tail(path: Path, lines: int) -> list[str]:
    try:
        with path.open("rb") as f:
            f.seek(0, 2)
            f.seek(max(0, f.tell() - 64 * 1024))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return []
    return text.splitlines()[-lines:]


def shown_field(app, name: str, value: str) -> str:
    """A masked card field's value in the chosen language (the card type's name, the check's outcome)."""
    if name == "card_type":
        key = f"diag.card_type.{value}"
        said = app.t(key)
        return value if said == key else said
    if name == "id_number_valid":
        return app.t("diag.card.valid_yes" if value == "yes" else "diag.card.valid_no")
    return value


class DiagChecksScreen(ReaderListener, KioskScreen):
    summary = StringProperty("")
    summary_colour = ListProperty([0.3, 0.33, 0.38, 1])
    output = StringProperty("")
    checking = BooleanProperty(False)
    reading = BooleanProperty(False)
    volume = NumericProperty(0)         # the voice's day volume for this run, percent
    volume_note = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._refresh_event = None
        self._left_by = ""
        self._lines: deque[str] = deque(maxlen=OUTPUT_LINES)
        self._parked_widgets: list = []
        self._deciding: set[str] = set()     # parked ratings whose 重试/放弃 is under way
        self.report = None
        # DiagContext's injectable readings (free_space, monotonic, started_at, shown ...): the
        # tour fixes the values that change on every run; the kiosk leaves them as found.
        self.context_options: dict = {}

    # lifecycle --------------------------------------------------------------------------------
    def on_enter(self, *_args) -> None:
        app = App.get_running_app()
        self._left_by = ""
        app.diag_audit.record("enter", "ok")
        self._show_volume()
        self.refresh()
        self._refresh_event = Clock.schedule_interval(lambda _dt: self.refresh(), REFRESH_S)

    def on_leave(self, *_args) -> None:
        if self._refresh_event is not None:
            self._refresh_event.cancel()
            self._refresh_event = None
        self.reading = False
        if not self._left_by:
            App.get_running_app().diag_audit.record("leave", "idle timeout or navigation")

    def reset(self) -> None:
        self._lines.clear()
        self.output = ""
        self.reading = False

    def note(self, text: str) -> None:
        self._lines.append(f"{App.get_running_app().now():%H:%M:%S}  {text}")
        self.output = "\n".join(self._lines)
        # Show the newest line: scroll to the bottom once the label has grown.
        Clock.schedule_once(lambda _dt: setattr(self.ids.output_scroll, "scroll_y", 0), 0)

    # checks -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.checking:
            return
        app = App.get_running_app()
        self.checking = True
        if not self.report:
            self.summary = app.t("diag.checking")
        ctx = DiagContext(app.services.config, app.services.parts, in_app=True, **self.context_options)
        app.services.work.submit(lambda job: run_checks(ctx), name="diagnostics checks", timeout=90, scope="diag",
                                 on_result=self._show, on_error=self._check_failed)

    def _show(self, report) -> None:
        app = App.get_running_app()
        self.checking = False
        self.report = report
        rows = self.ids.rows
        rows.clear_widgets()
        # Parts with a failure first, then those with a warning: what needs fixing is on top.
        ordered = sorted(PARTS, key=lambda part: -max((r.status.rank for r in report.of(part)), default=0))
        for part in ordered:
            found = report.of(part)
            if not found:
                continue
            rows.add_widget(Factory.DiagPartHeader(text=app.t(f"diag.part.{part}")))
            for r in found:
                key = f"diag.check.{r.check}"
                title = app.t(key)
                detail, hint = r.shown(app.t)     # in the chosen language; `kiosk diag` prints the English
                rows.add_widget(DiagCheckRow(check=r.check, title=r.check if title == key else title,
                                             status_text=app.t(f"diag.status.{r.status.value}"),
                                             detail=detail, hint=hint, colour=COLOURS[r.status]))
        counts = {s.value: sum(r.status is s for r in report.results) for s in Status}
        worst = max((r.status for r in report.results), key=lambda s: s.rank, default=Status.OK)
        self.summary = app.t("diag.summary", **counts) + "  " + app.t("diag.updated", time=f"{app.now():%H:%M:%S}")
        self.summary_colour = COLOURS[worst]
        self._load_parked()

    def _check_failed(self, error: BaseException) -> None:
        self.checking = False
        self.note(f"{type(error).__name__}: {error}")

    def row(self, check: str) -> DiagCheckRow | None:
        return next((w for w in self.ids.rows.children if isinstance(w, DiagCheckRow) and w.check == check), None)

    # actions ----------------------------------------------------------------------------------
    def _printer(self):
        return App.get_running_app().services.printer

    def print_test(self) -> None:
        from ..services.diagnostics.app_check import app_version

        app = App.get_running_app()
        printer = self._printer()
        if printer is None:
            self._action_failed("test print", "diag.print_test.failed", "printer not started")
            return
        terminal = app.services.config.terminal
        self.note(app.t("diag.print_test.running"))
        try:
            printer.submit(test_page(terminal.terminal_id, terminal.hall_name, app_version()),
                           self._printed, lambda e: self._action_failed("test print", "diag.print_test.failed", e))
        except Exception as exc:   # noqa: BLE001 - e.g. the service was closed
            self._action_failed("test print", "diag.print_test.failed", exc)

    def _printed(self, outcome) -> None:
        app = App.get_running_app()
        self.note(app.t("diag.print_test.done", job=outcome.job_id))
        app.diag_audit.record("test print", "ok", f"job {outcome.job_id}, {outcome.status_after.condition.value}")

    def _action_failed(self, action: str, key: str, error) -> None:
        app = App.get_running_app()
        text = f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else str(error)
        self.note(app.t(key, error=text))
        app.diag_audit.record(action, "failed", text)

    def print_a4_test(self) -> None:
        """The A4 test page (a4printer_check.a4_test_page), built on a worker: making the PDF
        takes longer than a frame."""
        from ..services.diagnostics.a4printer_check import a4_test_page
        from ..services.diagnostics.app_check import app_version

        app = App.get_running_app()
        service = app.services.a4printer
        if service is None:
            why = app.services.parts.problem_of("a4printer") if app.services.parts is not None else ""
            self._action_failed("A4 test print", "diag.a4_print_test.failed", why or "A4 printer not started")
            return
        terminal, when = app.services.config.terminal, app.now()
        failed = lambda e: self._action_failed("A4 test print", "diag.a4_print_test.failed", e)   # noqa: E731

        def send(page) -> None:         # UI thread, as every other caller of the A4 print service
            try:
                service.submit(page, self._a4_printed, failed)
            except Exception as exc:   # noqa: BLE001 - e.g. the service was closed
                failed(exc)

        self.note(app.t("diag.a4_print_test.running"))
        app.services.work.submit(
            lambda _job: a4_test_page(terminal.terminal_id, terminal.hall_name, app_version(), when),
            name="A4 test page", timeout=30, scope="diag", on_result=send, on_error=failed)

    def _a4_printed(self, outcome) -> None:
        app = App.get_running_app()
        self.note(app.t("diag.a4_print_test.done", job=outcome.job_id, pages=outcome.pages))
        app.diag_audit.record("A4 test print", "ok", f"job {outcome.job_id}, printer job {outcome.printer_job_id}")

    # the voice's volume: held for the running kiosk, the configuration file keeps its default --------
    def _player(self):
        return App.get_running_app().voice.player

    def _show_volume(self) -> None:
        app = App.get_running_app()
        voice = app.services.config.voice
        held = getattr(self._player(), "held_volume", None)
        self.volume = round(100 * (voice.volume if held is None else held))
        if not voice.enabled:
            self.volume_note = app.t("diag.volume.disabled")
            return
        self.volume_note = app.t("diag.volume.note", default=round(100 * voice.volume),
                                 quiet=round(100 * voice.quiet_volume), start=voice.quiet_hours_start,
                                 end=voice.quiet_hours_end)

    def step_volume(self, direction: int) -> None:
        """One step louder (+1) or quieter (-1), 0 to 100, for the running kiosk's prompts."""
        app = App.get_running_app()
        percent = max(0, min(100, self.volume + direction * VOLUME_STEP))
        self._player().held_volume = percent / 100
        self.volume = percent
        app.diag_audit.record("voice volume", "ok",
                              f"{percent} for this run (configuration: {round(100 * app.services.config.voice.volume)})")

    def play_volume_sample(self) -> None:
        app = App.get_running_app()
        if not app.services.config.voice.enabled:
            self.note(app.t("diag.volume.disabled"))
            return
        self._player().say(SAMPLE_PROMPT, app.services.catalogue.language, volume=self.volume / 100)
        self.note(app.t("diag.volume.sample", volume=self.volume))

    def read_test(self) -> None:
        app = App.get_running_app()
        self.reading = True
        identity = app.services.session.identity if app.card_on_reader else None
        if identity is not None:
            self.on_card_placed(identity)
            return
        self.note(app.t("diag.read_test.place"))

    def on_card_placed(self, card) -> None:
        """Forwarded by the app while this screen shows; only masked fields are shown or audited."""
        if not self.reading:
            return
        app = App.get_running_app()
        self.reading = False
        fields = masked_card_fields(card)
        self.note(app.t("diag.read_test.done") + "\n" + "\n".join(
            app.t("diag.card.row", label=app.t(f"diag.card.{k}"), value=shown_field(app, k, v)) for k, v in fields))
        app.diag_audit.record("test card read", "ok", f"{card.card_type}, {dict(fields)['id_number']}")

    def on_read_failed(self, error) -> None:
        if self.reading:
            self.reading = False
            self._action_failed("test card read", "diag.read_test.failed", error)

    def on_reader_fault(self, error) -> None:
        if self.reading:
            self.on_read_failed(error)
        self.refresh()

    def resend(self) -> None:
        from ..services.diagnostics.outbox import resend_now

        app = App.get_running_app()
        ratings = app.services.ratings
        self.note(app.t("diag.resend.running"))

        def done(result) -> None:
            counts = "" if result.before is None else app.t("diag.resend.counts", before=result.before,
                                                              after=result.after)
            self.note(app.t("diag.resend.done", result=counts))
            app.diag_audit.record("resend outbox", "ok", str(result))
            self.refresh()

        app.services.work.submit(lambda job: resend_now(ratings), name="resend outbox", timeout=60, scope="diag",
                                 on_result=done,
                                 on_error=lambda e: self._action_failed("resend outbox", "diag.resend.failed", e))

    def reprint(self) -> None:
        """Reprints the oldest job whose outcome is unknown (marked 补打), and lists the rest."""
        app = App.get_running_app()
        printer = self._printer()
        pending = printer.pending_reprints() if printer is not None else []
        if not pending:
            self.note(app.t("diag.reprint.none"))
            app.diag_audit.record("reprint", "nothing pending")
            return
        entry = pending[0]
        self.note(app.t("diag.reprint.started", job=entry.id) + "  "
                  + ", ".join(f"#{e.id} {e.kind} {e.summary}" for e in pending))

        def done(outcome) -> None:
            self.note(app.t("diag.reprint.done", job=entry.id))
            app.diag_audit.record("reprint", "ok", f"job {entry.id} as {outcome.job_id}")
            self.refresh()

        try:
            printer.reprint(entry.id, done, lambda e: self._action_failed("reprint", "diag.reprint.failed", e))
        except Exception as exc:   # noqa: BLE001 - ReprintNotAvailable, closed service
            self._action_failed("reprint", "diag.reprint.failed", exc)

    def show_log(self) -> None:
        app = App.get_running_app()
        lines = tail(Path(app.services.config.logging.dir) / "kiosk.log", LOG_LINES)
        # The file handler masks already; mask again so nothing slips through a line written before.
        text = "\n".join(mask_text(line) for line in lines) or app.t("diag.log.empty")
        self.note(app.t("diag.log.title") + "\n" + text)
        app.diag_audit.record("view log", "ok", f"{len(lines)} lines")

    def reload(self) -> None:
        app = App.get_running_app()
        ok, detail = app.reload_configuration()
        self.note(app.t("diag.reload.done", source=detail) if ok else app.t("diag.reload.failed", error=detail))
        self.refresh()

    def leave(self) -> None:
        self._left_by = "technician"
        App.get_running_app().leave_diagnostics()

    def quit(self) -> None:
        self._left_by = "quit"
        if not App.get_running_app().quit_from_diagnostics():
            self._left_by = ""

    # parked ratings: the uploader gave up on them; the technician retries or discards each ---------
    def _load_parked(self) -> None:
        from ..services.diagnostics.outbox import parked_ratings

        app = App.get_running_app()
        ratings = app.services.ratings
        app.services.work.submit(lambda job: parked_ratings(ratings), name="parked ratings", timeout=30,
                                 scope="diag", on_result=self._show_parked,
                                 on_error=lambda e: self.note(app.t("diag.parked.failed", error=str(e))))

    def _show_parked(self, parked: list) -> None:
        """Each refresh lists them again; a rating still parked keeps its row, so a technician's
        first tap on 放弃 (the row asking 确认放弃) or a decision under way survives the refresh."""
        app = App.get_running_app()
        rows = self.ids.rows
        kept = {w.key: w for w in self._parked_widgets if isinstance(w, DiagParkedRow)}
        for widget in self._parked_widgets:
            if widget.parent is rows:
                rows.remove_widget(widget)
        self._parked_widgets = []
        if parked:
            self._parked_widgets.append(Factory.DiagPartHeader(text=app.t("diag.parked.title")))
        for p in parked:
            row = kept.get(p.key) or DiagParkedRow(key=p.key, screen=self)
            row.text = app.t("diag.parked.row", application_no=p.application_no, attempts=p.attempts, reason=p.reason)
            row.disabled = p.key in self._deciding
            self._parked_widgets.append(row)
        for widget in self._parked_widgets:
            rows.add_widget(widget)

    def parked_row(self, application_no: str) -> DiagParkedRow | None:
        return next((w for w in self._parked_widgets if isinstance(w, DiagParkedRow) and application_no in w.text),
                    None)

    def retry_parked(self, row: DiagParkedRow) -> None:
        from ..services.diagnostics.outbox import retry_parked

        self._decide_parked(row, retry_parked, "diag.parked.retried")

    def discard_parked(self, row: DiagParkedRow) -> None:
        """The first tap asks (the button says 确认放弃 for a few seconds), the second discards."""
        from ..services.diagnostics.outbox import discard_parked

        if not row.confirming:
            row.confirming = True
            Clock.schedule_once(lambda _dt: setattr(row, "confirming", False), DISCARD_CONFIRM_S)
            return
        self._decide_parked(row, discard_parked, "diag.parked.discarded")

    def _decide_parked(self, row: DiagParkedRow, decide, done_key: str) -> None:
        app = App.get_running_app()
        ratings, audit, key = app.services.ratings, app.diag_audit, row.key
        row.disabled = True
        self._deciding.add(key)

        def done(application_no: str) -> None:
            self._deciding.discard(key)
            self.note(app.t(done_key, application_no=application_no))
            self.refresh()

        def failed(error: BaseException) -> None:     # audited where it was decided
            self._deciding.discard(key)
            self.note(app.t("diag.parked.failed", error=str(error)))
            self.refresh()

        app.services.work.submit(lambda job: decide(ratings, key, audit), name="parked rating", timeout=30,
                                 scope="diag", on_result=done, on_error=failed)
