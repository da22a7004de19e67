"""Reader checks: port present, the baud it answers at, SAM ID and SAM status.

In the app the card watcher owns the port and polls it on its own thread; the reader driver is
not thread-safe and the port is opened exclusively, so the check never opens it a second time.
It reads what the watcher knows (open, faulty, the rate found by probing) and has the SAM ID
command run *on the watcher's thread*, between two polls (`ask_watcher`). From the command line
nobody owns the port, so the check opens it itself.
"""
from __future__ import annotations

import os
from typing import Any, Callable

from ...devices.idcard.errors import (PortVanished, ReaderError, ReaderNotFound, SamFault)
from .context import DiagContext
from .results import CheckResult, Hint, failure, ok, warning

HINT_PORT = Hint("check the reader's USB cable and power; the [reader] port setting must name the device "
                 "(e.g. /dev/ttyUSB0)", "diag.hint.reader.port")
HINT_LINK = Hint("power-cycle the reader; check [reader] baud (the reader may have been set to another rate)",
                 "diag.hint.reader.link")
HINT_SAM = Hint("the reader's SAM module failed its self-test: power-cycle the reader; if it persists, replace "
                "the reader", "diag.hint.reader.sam")
HINT_SET_BAUD = Hint("set [reader] baud = {baud} to skip probing at start", "diag.hint.reader.set_baud")
WATCHER_ANSWER_S = 3.0


def ask_watcher(watcher: Any, fn: Callable[[Any], Any], timeout: float = WATCHER_ANSWER_S) -> Any:
    """fn(reader) on the watcher's thread (see CardWatcher.call_on_reader)."""
    return watcher.call_on_reader(fn, timeout)


def reader_port(ctx: DiagContext) -> str:
    watcher = ctx.part("reader")
    if watcher is not None:
        return watcher.reader.port
    return ctx.config.reader.port


def check_reader(ctx: DiagContext) -> list[CheckResult]:
    port = reader_port(ctx)
    present = os.path.exists(port)
    shown = ctx.shown("path", port)
    port_result = (ok("reader.port", f"{shown} present", key="diag.detail.reader.port_present", values={"port": shown})
                   if present else failure("reader.port", f"{shown} does not exist", HINT_PORT,
                                           key="diag.detail.reader.port_missing", values={"port": shown}))
    if ctx.in_app:
        return [port_result] + _through_watcher(ctx)
    if not present:
        return [port_result, failure("reader.link", "not tried: no port", HINT_PORT, key="diag.detail.reader.no_port"),
                failure("reader.sam", "not tried: no port", HINT_PORT, key="diag.detail.reader.no_port")]
    return [port_result] + _by_opening(ctx, port)


def _link_result(ctx: DiagContext, baud: int) -> CheckResult:
    configured = ctx.config.reader.baud
    if baud != configured:
        return warning("reader.link", f"answers at {baud} baud (configured {configured})", HINT_SET_BAUD.given(baud=baud),
                       key="diag.detail.reader.baud_other", values={"baud": baud, "configured": configured})
    return ok("reader.link", f"answers at {baud} baud", key="diag.detail.reader.baud", values={"baud": baud})


def _fault_results(ctx: DiagContext, error: Exception, baud: int) -> list[CheckResult]:
    text = f"{type(error).__name__}: {error}"
    said = {"key": "diag.detail.error", "values": {"error": text}}
    if isinstance(error, SamFault):
        return [_link_result(ctx, baud), failure("reader.sam", f"SAM status: {text}", HINT_SAM,
                                                 key="diag.detail.reader.sam_status", values={"error": text})]
    if isinstance(error, (ReaderNotFound, PortVanished)):
        return [failure("reader.link", text, HINT_PORT, **said),
                failure("reader.sam", "not known: no link", HINT_PORT, key="diag.detail.reader.no_link")]
    return [failure("reader.link", text, HINT_LINK, **said),
            failure("reader.sam", "not known: no answer", HINT_LINK, key="diag.detail.reader.no_answer")]


def _through_watcher(ctx: DiagContext) -> list[CheckResult]:
    watcher = ctx.part("reader")
    if watcher is None:
        why = ctx.problem_of("reader") or "the card watcher is not running"
        return [failure("reader.link", f"not started: {why}", HINT_PORT, key="diag.detail.not_started",
                        values={"why": why}),
                failure("reader.sam", "not known: reader not started", HINT_PORT, key="diag.detail.reader.not_started")]
    reader = watcher.reader
    if watcher.faulty is not None:
        return _fault_results(ctx, watcher.faulty, reader.baud)
    try:
        sam_id = ask_watcher(watcher, lambda r: r.sam_id())
    except TimeoutError as exc:
        if watcher.faulty is not None:
            return _fault_results(ctx, watcher.faulty, reader.baud)
        # Still opening (probing rates) or between reopen attempts: the watcher reports a real
        # fault itself, so this alone must not take the reader out of order.
        return [warning("reader.link", str(exc), HINT_LINK, key="diag.detail.error", values={"error": str(exc)}),
                warning("reader.sam", "not known yet", HINT_LINK, key="diag.detail.reader.not_known_yet")]
    except SamFault as exc:
        return _fault_results(ctx, exc, reader.baud)
    except ReaderError as exc:
        error = f"{type(exc).__name__}: {exc}"
        return [_link_result(ctx, reader.baud),
                warning("reader.sam", f"SAM ID not read: {error}", HINT_LINK, key="diag.detail.reader.sam_id_not_read",
                        values={"error": error})]
    # The watcher's open() passed the SAM status command, and it reports a later SAM failure as a fault.
    return [_link_result(ctx, reader.baud), ok("reader.sam", f"No. {sam_id}, self-test passed",
                                               key="diag.detail.reader.sam_ok", values={"sam": sam_id})]


def _by_opening(ctx: DiagContext, port: str) -> list[CheckResult]:
    from ...devices.idcard.reader import IdCardReader

    s = ctx.config.reader
    reader = IdCardReader(port, s.baud, command_timeout_s=s.command_timeout_s, read_timeout_s=s.read_timeout_s,
                          probe_timeout_s=s.probe_timeout_s, probe_baud=True)
    try:
        try:
            reader.open()
        except ReaderError as exc:
            return _fault_results(ctx, exc, reader.baud)
        link = _link_result(ctx, reader.baud)
        try:
            info = reader.sam_info()
        except ReaderError as exc:
            error = f"{type(exc).__name__}: {exc}"
            return _fault_results(ctx, exc, reader.baud) if isinstance(exc, SamFault) else \
                [link, failure("reader.sam", error, HINT_LINK, key="diag.detail.error", values={"error": error})]
        return [link, ok("reader.sam", f"No. {info.sam_id}, self-test passed", key="diag.detail.reader.sam_ok",
                         values={"sam": info.sam_id})]
    finally:
        reader.dispose()
