"""The terminal as Prometheus sees it, read from the running parts when Prometheus scrapes: no
cost on any hot path, and never older than the scrape (except what only a health round learns,
the paper state and the checks' results, which are as old as the last round).

Every metric name is in METRIC_NAMES (the alert rules and the fleet dashboard are tested against
it). Labels are parts, checks, states and flows: fixed words, never personal data.
The A4 printer's paper and toner (kiosk_a4printer_paper, kiosk_a4printer_toner) are served only on
a terminal that has one.
"""
from __future__ import annotations

import logging
import platform as python_platform
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, InfoMetricFamily, StateSetMetricFamily

from ...config import KioskConfig
from ...devices.printer.journal import STATES as JOURNAL_STATES
from ..diagnostics.app_check import app_version
from ..diagnostics.context import PROCESS_STARTED, disk_free_bytes
from ..diagnostics.outbox import read_outbox
from ..diagnostics.printer_check import paper_word
from .state import parts_in_order

if TYPE_CHECKING:
    from ..parts import Parts

log = logging.getLogger(__name__)

PAPER_STATES = ("ok", "low", "out", "unknown")
TONER_STATES = ("ok", "low", "empty", "unknown")
STATUS_VALUE = {"ok": 0, "warning": 1, "failure": 2}

# Everything this collector and kiosk.counters export (counters without their _total suffix).
METRIC_NAMES = frozenset({
    "kiosk_build_info", "kiosk_terminal_info", "kiosk_uptime_seconds", "kiosk_time_seconds", "kiosk_part_up",
    "kiosk_check_status", "kiosk_health_rounds", "kiosk_health_last_round_timestamp_seconds",
    "kiosk_heartbeats_sent", "kiosk_printer_paper", "kiosk_a4printer_paper", "kiosk_a4printer_toner",
    "kiosk_outbox_unsent_ratings",
    "kiosk_outbox_oldest_age_seconds", "kiosk_ratings", "kiosk_print_journal_jobs",
    "kiosk_print_jobs_awaiting_reprint", "kiosk_data_free_bytes",
    # kiosk.counters
    "kiosk_print_jobs", "kiosk_card_reads", "kiosk_reader_faults", "kiosk_platform_call_seconds",
    "kiosk_platform_call_errors", "kiosk_sessions",
})


class TerminalCollector:
    def __init__(self, config: KioskConfig, parts: Parts, *, clock: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic, started_at: float = PROCESS_STARTED,
                 free_space: Callable[[Path], int] = disk_free_bytes):
        self.config = config
        self.parts = parts
        self._clock = clock
        self._monotonic = monotonic
        self._started_at = started_at
        self._free_space = free_space
        self._failing: set[str] = set()

    def collect(self) -> Iterator:
        for group in (self._identity, self._parts, self._health, self._outbox, self._ratings, self._journal,
                      self._disk):
            yield from self._guarded(group)

    def _guarded(self, group: Callable[[], list]) -> list:
        """One group's metrics, or none when reading them failed: a broken database must not cost
        the scrape its other metrics. Logged once per failing group, until it works again."""
        name = group.__name__
        try:
            found = group()
        except Exception as exc:   # noqa: BLE001 - the scrape goes on without this group
            if name not in self._failing:
                log.warning("metrics: %s not read: %s: %s", name.lstrip("_"), type(exc).__name__, exc)
            self._failing.add(name)
            return []
        self._failing.discard(name)
        return found

    # --- groups -------------------------------------------------------------------------------
    def _identity(self) -> list:
        build = InfoMetricFamily("kiosk_build", "The kiosk's version and Python")
        build.add_metric([], {"version": app_version(), "python": python_platform.python_version()})
        terminal = InfoMetricFamily("kiosk_terminal", "Which terminal this is ([terminal] settings)")
        t = self.config.terminal
        terminal.add_metric([], {"terminal_id": t.terminal_id, "region_code": t.region_code})
        uptime = GaugeMetricFamily("kiosk_uptime_seconds", "Seconds since the kiosk process started",
                                   value=max(0.0, self._monotonic() - self._started_at))
        # Prometheus compares this with its own clock: timestamp(kiosk_time_seconds) - kiosk_time_seconds.
        now = GaugeMetricFamily("kiosk_time_seconds", "The terminal's clock (Unix time) when scraped",
                                value=self._clock())
        return [build, terminal, uptime, now]

    def _parts(self) -> list:
        up = GaugeMetricFamily("kiosk_part_up", "1 when the part runs and works as far as the kiosk knows "
                               "(reader, printer, platform, ratings, health); 0 when out of order or not started",
                               labels=["part"])
        for part, works in parts_in_order(self.parts).items():
            up.add_metric([part], 1.0 if works else 0.0)
        return [up]

    def _health(self) -> list:
        health = self.parts.health
        if health is None:
            return []
        found = [CounterMetricFamily("kiosk_health_rounds", "Health check rounds run", value=health.rounds),
                 CounterMetricFamily("kiosk_heartbeats_sent", "Heartbeats the platform accepted", value=health.sent)]
        report = health.last_report
        if report is None:
            return found
        at = getattr(health, "last_report_at", None)
        if at is not None:
            found.append(GaugeMetricFamily("kiosk_health_last_round_timestamp_seconds",
                                           "When the last health round finished (Unix time)", value=at))
        checks = GaugeMetricFamily("kiosk_check_status", "Result of each diagnostics check in the last health "
                                   "round: 0 ok, 1 warning, 2 failure", labels=["check"])
        for result in report.results:
            checks.add_metric([result.check], STATUS_VALUE[result.status.value])
        paper = paper_word(report.printer_status)
        found += [checks, StateSetMetricFamily("kiosk_printer_paper", "Receipt paper in the last health round",
                                               value={state: state == paper for state in PAPER_STATES})]
        a4 = getattr(report, "a4printer_status", None)
        if self.parts.a4printer is not None or a4 is not None:
            a4_paper = a4.paper if a4 is not None else "unknown"
            toner = a4.toner if a4 is not None else "unknown"
            found += [StateSetMetricFamily("kiosk_a4printer_paper", "A4 paper in the last health round",
                                           value={state: state == a4_paper for state in PAPER_STATES}),
                      StateSetMetricFamily("kiosk_a4printer_toner", "A4 printer toner in the last health round",
                                           value={state: state == toner for state in TONER_STATES})]
        return found

    def _outbox(self) -> list:
        summary = read_outbox(self.parts.ratings, self.config.storage.data_dir)
        unsent = summary.unsent if summary else 0
        oldest = summary.oldest_created_at if summary else None
        age = max(0.0, self._clock() - oldest) if unsent and oldest is not None else 0.0
        return [GaugeMetricFamily("kiosk_outbox_unsent_ratings", "好差评 ratings stored, not yet accepted by the "
                                  "platform", value=unsent),
                GaugeMetricFamily("kiosk_outbox_oldest_age_seconds", "Age of the oldest unsent rating (0: none)",
                                  value=age)]

    def _ratings(self) -> list:
        ratings = self.parts.ratings
        if ratings is None:
            return []
        family = GaugeMetricFamily("kiosk_ratings", "Ratings in the local store by state: pending (to upload), "
                                   "confirmed, rejected and unreadable (kept, never uploaded), parked (given up "
                                   "on after failed sends: a technician retries or discards them in diagnostics)",
                                   labels=["state"])
        for state, count in sorted(ratings.counts().items()):
            family.add_metric([state], count)
        return [family]

    def _journal(self) -> list:
        printer = self.parts.printer
        if printer is None:
            return []
        jobs = GaugeMetricFamily("kiosk_print_journal_jobs", "Print jobs in the journal by state (finished jobs "
                                 "are purged after the retention time)", labels=["state"])
        counts = {state: 0 for state in JOURNAL_STATES} | printer.journal.counts()
        for state, count in counts.items():
            jobs.add_metric([state], count)
        awaiting = GaugeMetricFamily("kiosk_print_jobs_awaiting_reprint", "Jobs whose outcome is unknown, "
                                     "waiting for a 补打 or to be dismissed", value=len(printer.pending_reprints()))
        return [jobs, awaiting]

    def _disk(self) -> list:
        return [GaugeMetricFamily("kiosk_data_free_bytes", "Free bytes on the filesystem of [storage] data_dir",
                                  value=self._free_space(Path(self.config.storage.data_dir)))]
