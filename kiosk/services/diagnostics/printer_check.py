"""Printer checks: reachable, online, paper, cover, cutter — from one status query through the
print service's worker (never beside a running job). The last status read is kept so the
heartbeat can report the paper state without asking twice."""
from __future__ import annotations

from ...devices.printer.errors import PrinterError
from ...devices.printer.status import Paper, PrinterStatus
from .context import DiagContext
from .results import CheckResult, Hint, failure, ok, warning

HINT_REACH = Hint("check the printer's power and cable (network: its IP address and [printer] host/port)",
                  "diag.hint.printer.reach")
HINT_ONLINE = Hint("the printer is off-line: look at its panel; clear the error and press FEED/ON-LINE",
                   "diag.hint.printer.online")
HINT_PAPER = Hint("load a new paper roll (80 mm thermal) and close the cover", "diag.hint.printer.paper")
HINT_NEAR_END = Hint("the roll is nearly used up: load a new roll soon", "diag.hint.printer.near_end")
HINT_COVER = Hint("close the printer cover firmly until it clicks", "diag.hint.printer.cover")
HINT_CUTTER = Hint("open the cover, remove jammed paper around the cutter, close the cover; power-cycle the printer",
                   "diag.hint.printer.cutter")
HINT_UNKNOWN = Hint("the printer did not answer the status query: check the cable and [printer] settings",
                    "diag.hint.printer.unknown")
STATUS_TIMEOUT_S = 10.0

CHECKS = ("printer.reachable", "printer.online", "printer.paper", "printer.cover", "printer.cutter")


def check_printer(ctx: DiagContext) -> tuple[list[CheckResult], PrinterStatus | None]:
    """The results, and the status read (None when the printer could not be asked)."""
    printer = ctx.part("printer")
    if printer is None:
        why = ctx.problem_of("printer") or "the print service is not running"
        return [failure("printer.reachable", f"not started: {why}", HINT_REACH, key="diag.detail.not_started",
                        values={"why": why})], None
    try:
        status = printer.status(timeout=STATUS_TIMEOUT_S)
    except PrinterError as exc:
        error = f"{type(exc).__name__}: {exc}"
        return [failure("printer.reachable", error, HINT_REACH, key="diag.detail.error", values={"error": error})], None
    return results_of(status), status


def results_of(status: PrinterStatus) -> list[CheckResult]:
    if not status.supported:
        return [ok("printer.reachable", "reachable; this transport cannot report status (file)",
                   key="diag.detail.printer.no_status")]
    results = [ok("printer.reachable", "answers status queries", key="diag.detail.printer.answers")]
    stopped_by_other = status.paper is Paper.OUT or status.cover_open or status.cutter_error
    if status.online is None:
        results.append(failure("printer.online", "no valid reply to DLE EOT 1", HINT_UNKNOWN,
                               key="diag.detail.printer.no_reply"))
    elif status.online:
        results.append(ok("printer.online", "on-line", key="diag.detail.printer.online"))
    elif stopped_by_other:
        # Paper out or an open cover also takes it off-line; the cause is reported below.
        results.append(warning("printer.online", "off-line (see paper, cover, cutter)", HINT_ONLINE,
                               key="diag.detail.printer.offline_see_below"))
    elif status.unrecoverable_error:
        results.append(failure("printer.online", "off-line: unrecoverable error", HINT_CUTTER,
                               key="diag.detail.printer.offline_unrecoverable"))
    else:
        results.append(failure("printer.online", "off-line", HINT_ONLINE, key="diag.detail.printer.offline"))
    paper = {Paper.OK: ok("printer.paper", "paper present", key="diag.detail.printer.paper_ok"),
             Paper.NEAR_END: warning("printer.paper", "paper near end", HINT_NEAR_END,
                                     key="diag.detail.printer.paper_near_end"),
             Paper.OUT: failure("printer.paper", "paper out", HINT_PAPER, key="diag.detail.printer.paper_out"),
             Paper.UNKNOWN: failure("printer.paper", "paper sensor did not answer", HINT_UNKNOWN,
                                    key="diag.detail.printer.paper_unknown")}[status.paper]
    results.append(paper)
    if status.cover_open is None:
        results.append(failure("printer.cover", "cover state not reported", HINT_UNKNOWN,
                               key="diag.detail.printer.cover_unknown"))
    else:
        results.append(failure("printer.cover", "cover open", HINT_COVER, key="diag.detail.printer.cover_open")
                       if status.cover_open else ok("printer.cover", "cover closed", key="diag.detail.printer.cover_closed"))
    if status.cutter_error is None:
        results.append(failure("printer.cutter", "cutter state not reported", HINT_UNKNOWN,
                               key="diag.detail.printer.cutter_unknown"))
    else:
        results.append(failure("printer.cutter", "cutter error", HINT_CUTTER, key="diag.detail.printer.cutter_error")
                       if status.cutter_error else ok("printer.cutter", "cutter ok", key="diag.detail.printer.cutter_ok"))
    return results


def paper_word(status: PrinterStatus | None) -> str:
    """The heartbeat's paper state: ok | low | out | unknown."""
    if status is None or not status.supported:
        return "unknown"
    return {Paper.OK: "ok", Paper.NEAR_END: "low", Paper.OUT: "out"}.get(status.paper, "unknown")
