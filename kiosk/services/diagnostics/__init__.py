"""Diagnostics for technicians: one set of checks shared by the diagnostics screen, `kiosk diag`
and the health heartbeat. No Kivy here.

    ctx = DiagContext(config, parts, in_app=True)     # in_app=False: the CLI opens the reader itself
    report = run_checks(ctx)                           # Report(results=(CheckResult, ...), printer_status)
    exit_code(report.results)                          # 0 ok, 1 warnings, 2 failures
    start_health(config, parts, deliver) -> HealthReporter   # heartbeat + out-of-order news

Names load on first use (PEP 562): the app imports the PIN gate and the audit log at start-up,
and the checks (which import every device driver) only when they first run.
"""
from __future__ import annotations

import importlib

_WHERE = {
    "AuditLog": "audit",
    "DiagContext": "context", "disk_free_bytes": "context",
    "HealthReporter": "health", "heartbeat_of": "health", "start_health": "health",
    "PinAttempt": "pin", "PinGate": "pin", "gate_for": "pin", "hash_pin": "pin", "verify_pin": "pin",
    "CheckResult": "results", "Status": "results", "exit_code": "results", "worst": "results",
    "PARTS": "runner", "Report": "runner", "out_of_order": "runner", "run_checks": "runner",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
