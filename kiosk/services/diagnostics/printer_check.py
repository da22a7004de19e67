"""Printer checks: reachable, online, paper, cover, cutter — from one status query through the
print service's worker (never beside a running job). The last status read is kept so the
heartbeat can report the paper state without asking twice."""
from __future__ import annotations

from ...devices.printer.errors import PrinterError
from ...devices.printer.status import Paper, PrinterStatus
from .context import DiagContext
from .results import CheckResult, failure, ok, warning

HINT_REACH = "check the printer's power and cable (network: its IP address and [printer] host/port)"
HINT_ONLINE = "the printer is off-line: look at its panel; clear the error and press FEED/ON-LINE"
HINT_PAPER = "load a new paper roll (80 mm thermal) and close the cover"
HINT_NEAR_END = "the roll is nearly used up: load a new roll soon"
HINT_COVER = "close the printer cover firmly until it clicks"
HINT_CUTTER = "open the cover, remove jammed paper around the cutter, close the cover; power-cycle the printer"
HINT_UNKNOWN = "the printer did not answer the status query: check the cable and [printer] settings"
STATUS_TIMEOUT_S = 10.0

CHECKS = ("printer.reachable", "printer.online", "printer.paper", "printer.cover", "printer.cutter")


def check_printer(ctx: DiagContext) -> tuple[list[CheckResult], PrinterStatus | None]:
    """The results, and the status read (None when the printer could not be asked)."""
    printer = ctx.part("printer")
    if printer is None:
        why = ctx.problem_of("printer") or "the print service is not running"
        return [failure("printer.reachable", f"not started: {why}", HINT_REACH)], None
    try:
        status = printer.status(timeout=STATUS_TIMEOUT_S)
    except PrinterError as exc:
        return [failure("printer.reachable", f"{type(exc).__name__}: {exc}", HINT_REACH)], None
    return results_of(status), status


def results_of(status: PrinterStatus) -> list[CheckResult]:
    if not status.supported:
        return [ok("printer.reachable", "reachable; this transport cannot report status (file)")]
    results = [ok("printer.reachable", "answers status queries")]
    stopped_by_other = status.paper is Paper.OUT or status.cover_open or status.cutter_error
    if status.online is None:
        results.append(failure("printer.online", "no valid reply to DLE EOT 1", HINT_UNKNOWN))
    elif status.online:
        results.append(ok("printer.online", "on-line"))
    elif stopped_by_other:
        # Paper out or an open cover also takes it off-line; the cause is reported below.
        results.append(warning("printer.online", "off-line (see paper, cover, cutter)", HINT_ONLINE))
    elif status.unrecoverable_error:
        results.append(failure("printer.online", "off-line: unrecoverable error", HINT_CUTTER))
    else:
        results.append(failure("printer.online", "off-line", HINT_ONLINE))
    paper = {Paper.OK: ok("printer.paper", "paper present"),
             Paper.NEAR_END: warning("printer.paper", "paper near end", HINT_NEAR_END),
             Paper.OUT: failure("printer.paper", "paper out", HINT_PAPER),
             Paper.UNKNOWN: failure("printer.paper", "paper sensor did not answer", HINT_UNKNOWN)}[status.paper]
    results.append(paper)
    if status.cover_open is None:
        results.append(failure("printer.cover", "cover state not reported", HINT_UNKNOWN))
    else:
        results.append(failure("printer.cover", "cover open", HINT_COVER) if status.cover_open
                       else ok("printer.cover", "cover closed"))
    if status.cutter_error is None:
        results.append(failure("printer.cutter", "cutter state not reported", HINT_UNKNOWN))
    else:
        results.append(failure("printer.cutter", "cutter error", HINT_CUTTER) if status.cutter_error
                       else ok("printer.cutter", "cutter ok"))
    return results


def paper_word(status: PrinterStatus | None) -> str:
    """The heartbeat's paper state: ok | low | out | unknown."""
    if status is None or not status.supported:
        return "unknown"
    return {Paper.OK: "ok", Paper.NEAR_END: "low", Paper.OUT: "out"}.get(status.paper, "unknown")
