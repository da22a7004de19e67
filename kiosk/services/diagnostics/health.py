"""Health reporting: on its own thread, every [diagnostics] heartbeat_interval_s, run the checks,
send a heartbeat to the platform (results, paper, unsent counts, version, uptime), and tell the
app which citizen-facing parts are out of order, so the home screen hides their tiles and shows
the banner — and brings them back by itself when a later round finds them working.

    reporter = start_health(config, parts, deliver)   # kiosk.services.parts calls this
    reporter.on_change = app.health_changed           # (set) -> None, called via deliver
    reporter.check_now()                              # run a round at once (diagnostics, tests)
    reporter.last_report, reporter.out_of_order
    reporter.stop()
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from ...platform.models import HealthCheck, Heartbeat
from ...threads import Deliver
from .app_check import app_version, uptime_s
from .context import DiagContext
from .outbox import read_outbox
from .printer_check import paper_word
from .runner import Report, out_of_order, run_checks

log = logging.getLogger(__name__)

FIRST_ROUND_S = 5.0


def heartbeat_of(report: Report, ctx: DiagContext) -> Heartbeat:
    """Every check goes out, the A4 printer's too (a4printer.reachable, .state, .paper, .toner,
    .journal): the contract's one `paper` word stays the receipt printer's, whose roll runs out
    first; the A4 tray and toner travel as checks."""
    checks = tuple(HealthCheck(r.check, r.status.heartbeat, r.detail[:200]) for r in report.results)
    outbox = read_outbox(ctx.part("ratings"), ctx.config.storage.data_dir)
    return Heartbeat(app_version=app_version(), uptime_s=uptime_s(ctx), checks=checks,
                     paper=paper_word(report.printer_status),
                     unsent_ratings=outbox.unsent if outbox else 0)


class HealthReporter:
    def __init__(self, ctx: DiagContext, deliver: Deliver, *, interval_s: float | None = None,
                 on_change: Callable[[set[str]], None] | None = None):
        self.ctx = ctx
        self.interval_s = interval_s if interval_s is not None else ctx.config.diagnostics.heartbeat_interval_s
        self._deliver = deliver
        self._on_change = on_change
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._round = threading.Lock()
        self._thread: threading.Thread | None = None
        self.last_report: Report | None = None
        self.last_report_at: float | None = None      # time.time() when last_report was made
        self.out_of_order: set[str] | None = None     # None until the first round
        self.rounds = 0
        self.sent = 0

    # --- the app's side ----------------------------------------------------------------------
    @property
    def on_change(self) -> Callable[[set[str]], None] | None:
        return self._on_change

    @on_change.setter
    def on_change(self, callback: Callable[[set[str]], None] | None) -> None:
        """Set by the app; a listener set after a round hears that round's result at once."""
        with self._lock:
            self._on_change = callback
            known = None if self.out_of_order is None else set(self.out_of_order)
        if callback is not None and known is not None:
            self._deliver(lambda: callback(known))

    def check_now(self) -> None:
        self._wake.set()

    # --- the thread --------------------------------------------------------------------------
    def start(self) -> "HealthReporter":
        self._thread = threading.Thread(target=self._run, name="health", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _run(self) -> None:
        # The first round waits a moment: the reader is still probing its rate right after start.
        self._wake.wait(min(FIRST_ROUND_S, self.interval_s))
        self._wake.clear()
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:   # noqa: BLE001 - health reporting must outlive any one failure
                log.exception("health round failed")
            self._wake.wait(self.interval_s)
            self._wake.clear()

    def run_once(self) -> Report:
        """One round: checks, heartbeat, out-of-order news. Blocking; the thread calls it."""
        with self._round:
            report = run_checks(self.ctx)
            self.last_report, self.last_report_at = report, time.time()
            self.rounds += 1
            self._send(report)
        down = out_of_order(report)
        with self._lock:
            changed = down != self.out_of_order
            self.out_of_order = set(down)
            callback = self._on_change
        if changed:
            log.info("health: out of order: %s", ", ".join(sorted(down)) or "nothing")
            if callback is not None:
                self._deliver(lambda: callback(set(down)))
        return report

    def _send(self, report: Report) -> None:
        platform = self.ctx.part("platform")
        if platform is None or self._stop.is_set():
            return
        try:
            platform.send_heartbeat(heartbeat_of(report, self.ctx))
            self.sent += 1
        except Exception as exc:   # noqa: BLE001 - not retried: the next heartbeat carries the news
            log.info("heartbeat not sent: %s: %s", type(exc).__name__, exc)


def start_health(config, parts, deliver: Deliver) -> HealthReporter:
    """For the composition root (kiosk/parts.py): starts the reporter for the app's running parts."""
    return HealthReporter(DiagContext(config, parts, in_app=True), deliver).start()
