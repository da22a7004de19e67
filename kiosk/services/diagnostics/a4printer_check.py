"""A4 printer checks: reachable, state (with its reasons), paper, toner, and the jobs waiting for a
补打 decision — from one Get-Printer-Attributes through the A4 print service's worker (never
beside a running job). A terminal without an A4 printer ([a4printer] installed = false) has no
A4 checks at all. The test page is `a4_test_page`, printed by `kiosk diag a4-print-test`.
"""
from __future__ import annotations

from datetime import datetime

from ...devices.a4printer.document import A4Document
from ...devices.a4printer.errors import A4PrinterError
from ...devices.a4printer.status import A4PrinterStatus
from .context import DiagContext
from .results import CheckResult, Hint, failure, ok, warning

STATUS_TIMEOUT_S = 15.0
HINT_REACH = Hint("check the A4 printer's power and network cable; [a4printer] uri (ipp://ADDRESS/ipp/print or the "
                  "CUPS queue); `lpstat -t` for a CUPS queue", "diag.hint.a4printer.reach")
_JAM = Hint("open the A4 printer's doors, remove the jammed paper, close them", "diag.hint.a4printer.jam")
_DOOR = Hint("close the A4 printer's door or cover firmly", "diag.hint.a4printer.door")
_PAPER = Hint("load A4 paper into the tray and push it in fully", "diag.hint.a4printer.paper")
_TONER = Hint("replace the toner cartridge", "diag.hint.a4printer.toner")
HINT = {
    "media-jam": _JAM,
    "door-open": _DOOR,
    "cover-open": _DOOR,
    "interlock-open": _DOOR,
    "media-empty": _PAPER,
    "media-needed": _PAPER,
    "input-tray-missing": Hint("put the paper tray back into the A4 printer", "diag.hint.a4printer.tray"),
    "toner-empty": _TONER,
    "marker-supply-empty": _TONER,
    "offline": Hint("the A4 printer is off-line: look at its panel; for a CUPS queue: cupsenable kiosk-a4",
                    "diag.hint.a4printer.offline"),
    "shutdown": Hint("switch the A4 printer on", "diag.hint.a4printer.shutdown"),
    "paused": Hint("the queue or printer is paused: cupsenable kiosk-a4, or resume it on the printer's panel",
                   "diag.hint.a4printer.paused"),
    "moving-to-paused": Hint("the queue or printer is pausing: cupsenable kiosk-a4", "diag.hint.a4printer.pausing"),
}
HINT_STOPPED = Hint("the A4 printer is stopped: look at its panel and clear the error", "diag.hint.a4printer.stopped")
HINT_LOW_PAPER = Hint("the A4 paper is running low: fill the tray soon", "diag.hint.a4printer.low_paper")
HINT_LOW_TONER = Hint("the toner is running low: have a new cartridge ready", "diag.hint.a4printer.low_toner")
HINT_TONER_UNKNOWN = Hint("the printer does not report its toner level: check it on the printer's panel",
                          "diag.hint.a4printer.toner_unknown")
HINT_JOURNAL = Hint("a citizen's A4 job may not have printed: reprint it from the journal (补打) or dismiss it",
                    "diag.hint.a4printer.journal")

CHECKS = ("a4printer.reachable", "a4printer.state", "a4printer.paper", "a4printer.toner", "a4printer.journal")


def check_a4printer(ctx: DiagContext) -> tuple[list[CheckResult], A4PrinterStatus | None]:
    """The results, and the status read (None when the printer could not be asked)."""
    if not ctx.config.a4printer.installed:
        return [], None
    service = ctx.part("a4printer")
    if service is None:
        why = ctx.problem_of("a4printer") or "the A4 print service is not running"
        return [failure("a4printer.reachable", f"not started: {why}", HINT_REACH, key="diag.detail.not_started",
                        values={"why": why})], None
    try:
        status = service.status(timeout=STATUS_TIMEOUT_S)
    except A4PrinterError as exc:
        error = f"{type(exc).__name__}: {exc}"
        return [failure("a4printer.reachable", error, HINT_REACH, key="diag.detail.error", values={"error": error})] + \
            [journal_result(service)], None
    return results_of(status) + [journal_result(service)], status


def results_of(status: A4PrinterStatus) -> list[CheckResult]:
    model = status.make_and_model or "printer"
    results = [ok("a4printer.reachable", f"answers IPP: {model}", key="diag.detail.a4printer.answers",
                  values={"model": model})]
    stopping = status.stopping()
    refusal = status.refusal()
    # The printer's own state words (IPP printer-state and its reasons) are shown as it says them.
    state = {"key": "diag.detail.a4printer.state", "values": {"state": status.describe()}}
    if stopping:
        results.append(failure("a4printer.state", status.describe(), HINT.get(stopping[0], HINT_STOPPED), **state))
    elif refusal is not None:
        results.append(failure("a4printer.state", f"{status.describe()}: {refusal.detail}", HINT_STOPPED,
                               key="diag.detail.a4printer.state_refused",
                               values={"state": status.describe(), "detail": refusal.detail}))
    elif status.warnings():
        results.append(warning("a4printer.state", status.describe(),
                               HINT_LOW_TONER if "toner-low" in status.warnings() else HINT_LOW_PAPER, **state))
    else:
        results.append(ok("a4printer.state", status.describe(), **state))
    reasons = ", ".join(status.reasons)
    results.append({"out": failure("a4printer.paper", f"no paper ({reasons})", HINT["media-empty"],
                                   key="diag.detail.a4printer.paper_out", values={"reasons": reasons}),
                    "low": warning("a4printer.paper", "paper low", HINT_LOW_PAPER, key="diag.detail.a4printer.paper_low"),
                    "ok": ok("a4printer.paper", "no paper problem reported", key="diag.detail.a4printer.paper_ok")
                    }[status.paper])
    levels = ", ".join(f"{m.name} {m.level}%" for m in status.markers if m.level >= 0)
    if levels:
        empty = {"key": "diag.detail.a4printer.toner_empty", "values": {"levels": levels}}
        low = {"key": "diag.detail.a4printer.toner_low", "values": {"levels": levels}}
    else:
        empty, low = {"key": "diag.detail.a4printer.toner_empty_reported"}, {"key": "diag.detail.a4printer.toner_low_reported"}
    results.append({"empty": failure("a4printer.toner", f"toner empty ({levels or 'reported'})", HINT["toner-empty"],
                                     **empty),
                    "low": warning("a4printer.toner", f"toner low ({levels or 'reported'})", HINT_LOW_TONER, **low),
                    "ok": ok("a4printer.toner", f"toner {levels}", key="diag.detail.a4printer.toner",
                             values={"levels": levels}),
                    "unknown": warning("a4printer.toner", "toner level not reported", HINT_TONER_UNKNOWN,
                                       key="diag.detail.a4printer.toner_unknown")}[status.toner])
    return results


def journal_result(service) -> CheckResult:
    waiting = service.pending_reprints()
    if waiting:
        return warning("a4printer.journal", f"{len(waiting)} uncertain A4 job(s) waiting for a 补打 decision",
                       HINT_JOURNAL, key="diag.detail.a4printer.journal_waiting", values={"count": len(waiting)})
    counts = ", ".join(f"{n} {state}" for state, n in sorted(service.journal.counts().items()))
    if not counts:
        return ok("a4printer.journal", "no jobs yet", key="diag.detail.a4printer.journal_empty")
    return ok("a4printer.journal", counts, key="diag.detail.a4printer.journal_counts", values={"counts": counts})


def toner_word(status: A4PrinterStatus | None) -> str:
    """ok | low | empty | unknown, for the heartbeat's details and the metrics."""
    return status.toner if status is not None else "unknown"


def a4_test_page(terminal_id: str, hall_name: str, version: str, when: datetime | None = None) -> A4Document:
    """One A4 page: Chinese and Latin text, a frame at the printable edge, a QR code, and what
    the technician should see, so alignment, fonts and the toner can be judged at a glance."""
    from ...devices.a4printer.pdf_tools import FONT, draw_qr, new_pdf
    when = when or datetime.now()
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_line_width(0.4)
    pdf.rect(10, 10, 190, 277)
    pdf.set_font(FONT, size=24)
    pdf.set_xy(10, 30)
    pdf.cell(190, 14, "A4打印测试页", align="C")
    pdf.set_font(FONT, size=12)
    rows = [("终端", terminal_id), ("大厅", hall_name), ("版本", version), ("时间", when.strftime("%Y-%m-%d %H:%M:%S")),
            ("文字", "中文 ABC abc 0123456789 —— 政务服务 电子证照")]
    y = 60.0
    for label, value in rows:
        pdf.set_xy(30, y)
        pdf.cell(30, 8, label)
        pdf.set_xy(60, y)
        pdf.cell(120, 8, value)
        y += 11
    for i, shade in enumerate((0, 64, 128, 192)):
        pdf.set_fill_color(shade, shade, shade)
        pdf.rect(30 + i * 38, y + 8, 34, 16, style="F")
    draw_qr(pdf, f"kiosk-a4-test:{terminal_id}:{when:%Y%m%d%H%M%S}", 80, y + 36, 50)
    pdf.set_xy(20, y + 96)
    pdf.multi_cell(170, 8, "如能看清本页文字，边框完整，灰度分明，二维码可扫，A4打印机正常。", align="C")
    return A4Document("test", bytes(pdf.output()), 1, "diagnostics A4 test page")
