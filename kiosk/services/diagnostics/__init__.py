"""Diagnostics for technicians: one set of checks shared by the diagnostics screen, `kiosk diag`
and the health heartbeat. No Kivy here.

    ctx = DiagContext(config, parts, in_app=True)     # in_app=False: the CLI opens the reader itself
    report = run_checks(ctx)                           # Report(results=(CheckResult, ...), printer_status)
    exit_code(report.results)                          # 0 ok, 1 warnings, 2 failures
    start_health(config, parts, deliver) -> HealthReporter   # heartbeat + out-of-order news
"""
from .audit import AuditLog
from .context import DiagContext, disk_free_bytes
from .health import HealthReporter, heartbeat_of, start_health
from .pin import PinAttempt, PinGate, gate_for, hash_pin, verify_pin
from .results import CheckResult, Status, exit_code, worst
from .runner import PARTS, Report, out_of_order, run_checks

__all__ = ["AuditLog", "CheckResult", "DiagContext", "HealthReporter", "PARTS", "PinAttempt", "PinGate", "Report",
           "Status", "disk_free_bytes", "exit_code", "gate_for", "hash_pin", "heartbeat_of", "out_of_order",
           "run_checks", "start_health", "verify_pin", "worst"]
