"""The running kiosk's health report as JSON, for `kiosk diag` in a shell on the same terminal:
the results of the last health round (the checks the diagnostics screen runs), the parts' states
the metrics show, and who answers (so diag can tell this configuration's kiosk from another one).

    health_document(config, parts, fresh=True)   # a new round first (waits up to FRESH_WAIT_S)
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ...config import KioskConfig
from ..diagnostics.app_check import app_version
from ..diagnostics.context import PROCESS_STARTED
from .state import parts_in_order

if TYPE_CHECKING:
    from ..parts import Parts

FRESH_WAIT_S = 30.0     # a round asks the printer (10 s at most) and the platform (connect + read timeouts)


def identity(config: KioskConfig) -> dict:
    """What `kiosk diag` compares with its own configuration before it trusts the answer."""
    return {"terminal_id": config.terminal.terminal_id, "data_dir": str(Path(config.storage.data_dir).resolve()),
            "config": str(config.source), "version": app_version(), "pid": os.getpid(),
            "uptime_s": round(time.monotonic() - PROCESS_STARTED, 1)}


def health_document(config: KioskConfig, parts: Parts, fresh: bool = False, wait_s: float = FRESH_WAIT_S,
                    sleep: Callable[[float], None] = time.sleep) -> dict:
    health = parts.health
    ran = False
    if health is not None and fresh:
        before = health.rounds
        health.check_now()
        deadline = time.monotonic() + wait_s
        while health.rounds == before and time.monotonic() < deadline:
            sleep(0.05)
        ran = health.rounds != before
    # The parts' states after the round, so they agree with its results.
    document = {"kiosk": identity(config), "parts": parts_in_order(parts), "problems": list(parts.problems),
                "report": None, "fresh": ran}
    if health is None:
        return document
    report, at = health.last_report, health.last_report_at
    if report is not None:
        document["report"] = {"round": health.rounds, "at": at, "results": [r.to_json() for r in report.results]}
    return document
