"""Health reporting: the heartbeat the platform simulator records, and the out-of-order news
that takes a part off the home screen and brings it back."""
from __future__ import annotations

import sqlite3
import time

from kiosk.services.diagnostics import DiagContext, HealthReporter
from kiosk.threads import ManualDelivery
from tests.integration.test_diag_checks import base_config, config, parts, sims, terminal  # noqa: F401 - fixtures

__all__ = ["base_config", "config", "parts", "sims", "terminal"]


def reporter_for(config, parts, delivery, **kwargs) -> HealthReporter:  # noqa: F811
    return HealthReporter(DiagContext(config, parts, in_app=False), delivery, **kwargs)


def test_heartbeat_carries_checks_paper_unsent_counts_and_version(config, parts, sims):  # noqa: F811
    now = time.time()
    db = sqlite3.connect(config.storage.data_dir / "ratings.db")
    db.execute("CREATE TABLE ratings (key TEXT PRIMARY KEY, state TEXT NOT NULL, created_s REAL NOT NULL)")
    db.executemany("INSERT INTO ratings VALUES (?, 'pending', ?)", [("a", now - 30), ("b", now - 10)])
    db.commit()
    db.close()
    sims.printer.set_state(paper="near_end")
    reporter = reporter_for(config, parts, ManualDelivery())
    reporter.run_once()
    beats = sims.platform.heartbeats
    assert len(beats) == 1
    beat = beats[0]
    assert beat["terminal_id"] == config.terminal.terminal_id
    assert beat["app_version"] == "0.1.0"
    assert beat["paper"] == "low"
    assert beat["unsent"] == {"ratings": 2, "help_requests": 0}
    checks = {c["name"]: c["status"] for c in beat["checks"]}
    assert checks["printer.paper"] == "warning"
    assert checks["reader.sam"] == "ok" and checks["platform.reachable"] == "ok"
    assert set(checks.values()) <= {"ok", "warning", "fault"}
    assert beat["uptime_s"] >= 0


def test_a_failed_part_is_reported_as_fault(config, parts, sims):  # noqa: F811
    sims.printer.set_state(paper="out")
    reporter_for(config, parts, ManualDelivery()).run_once()
    beat = sims.platform.heartbeats[-1]
    assert beat["paper"] == "out"
    assert {c["name"]: c["status"] for c in beat["checks"]}["printer.paper"] == "fault"


def test_paper_out_between_jobs_takes_the_printer_out_of_order_and_back(config, parts, sims):  # noqa: F811
    delivery = ManualDelivery()
    heard: list[set[str]] = []
    reporter = reporter_for(config, parts, delivery, on_change=heard.append)
    reporter.run_once()
    delivery.drain()
    assert heard == [set()]
    sims.printer.set_state(paper="out")
    reporter.run_once()
    delivery.drain()
    assert heard[-1] == {"printer"}
    reporter.run_once()              # no change: no news
    delivery.drain()
    assert len(heard) == 2
    sims.printer.set_state(paper="ok")
    reporter.run_once()
    delivery.drain()
    assert heard[-1] == set()


def test_a_listener_set_later_hears_the_last_round(config, parts, sims):  # noqa: F811
    delivery = ManualDelivery()
    sims.platform.stop()
    reporter = reporter_for(config, parts, delivery)
    reporter.run_once()
    heard = []
    reporter.on_change = heard.append
    delivery.drain()
    assert heard == [{"platform"}]


def test_the_thread_runs_rounds_and_stops(config, parts):  # noqa: F811
    reporter = reporter_for(config, parts, ManualDelivery(), interval_s=3600).start()
    try:
        reporter.check_now()      # skips the first-round delay
        deadline = time.monotonic() + 10
        while reporter.sent < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reporter.sent >= 1
    finally:
        reporter.stop()
    assert not reporter._thread.is_alive()
