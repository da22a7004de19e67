"""Runs every check: the one list the screen, `kiosk diag` and the heartbeat all use."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from .a4printer_check import check_a4printer
from .app_check import check_app
from .context import DiagContext
from .platform_check import check_platform
from .printer_check import check_printer
from .reader_check import check_reader
from .results import CheckResult, Hint, failure
from .storage_check import check_storage

log = logging.getLogger(__name__)

HINT_CRASHED = Hint("report this to the software maintainers with the log", "diag.hint.check_crashed")
PARTS = ("reader", "printer", "a4printer", "platform", "storage", "app")


@dataclass(frozen=True)
class Report:
    results: tuple[CheckResult, ...]
    printer_status: object = None       # PrinterStatus read by the printer check, or None
    a4printer_status: object = None     # A4PrinterStatus read by the A4 printer check, or None

    def of(self, part: str) -> list[CheckResult]:
        return [r for r in self.results if r.part == part]


def _guarded(part: str, fn: Callable[[], list[CheckResult]]) -> list[CheckResult]:
    """A check that crashes is itself a failure to report, not a reason to lose the others."""
    try:
        return fn()
    except Exception as exc:   # noqa: BLE001
        log.exception("diagnostics: the %s check crashed", part)
        error = f"{type(exc).__name__}: {exc}"
        return [failure(f"{part}.check", f"check crashed: {error}", HINT_CRASHED, key="diag.detail.check_crashed",
                        values={"error": error})]


def run_checks(ctx: DiagContext, parts: tuple[str, ...] = PARTS) -> Report:
    results: list[CheckResult] = []
    statuses: dict = {}
    for part in parts:
        if part in ("printer", "a4printer"):
            check = check_printer if part == "printer" else check_a4printer

            def printer(check=check, part=part) -> list[CheckResult]:
                found, statuses[part] = check(ctx)
                return found
            results += _guarded(part, printer)
        else:
            fn = {"reader": check_reader, "platform": check_platform, "storage": check_storage,
                  "app": check_app}[part]
            results += _guarded(part, lambda fn=fn: fn(ctx))
    return Report(tuple(results), statuses.get("printer"), statuses.get("a4printer"))


def out_of_order(report: Report) -> set[str]:
    """The citizen-facing parts that cannot serve now (home tiles hidden, banner shown).
    A warning (paper near end, slow network) does not take a part out of order."""
    down = set()
    for part in ("reader", "printer", "a4printer", "platform"):
        # Platform: a clock off by more than 300 s is a failure too, as every signed call is refused.
        if any(r.status.rank == 2 for r in report.of(part)):
            down.add(part)
    return down
