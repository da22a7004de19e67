"""The A4 printer's state as IPP reports it, and what it means for a job.

printer-state (idle, processing, stopped) and printer-state-reasons decide. A reason keyword may
end in -report, -warning or -error (RFC 8011 5.4.12), but printers choose the suffix by their own
state, not by what a job will meet: CUPS's ippeveprinter says media-empty-report while idle and
media-empty-warning while printing, CUPS says offline-report for a printer its backend cannot
reach. The kiosk asks "would a job sent now come out?", so a reason that stops printing (no
paper, a jam, a door open, no toner, offline, paused) stops it whatever its suffix.

"Unknown" is never "ready": a reply without printer-state is refused as not responding.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import ipp
from .errors import (A4DoorOpen, A4PaperJam, A4PaperOut, A4PrinterError, A4PrinterNotResponding, A4PrinterOffline,
                     A4TonerEmpty)

# reason keyword (without suffix) -> the error it stops printing with, most urgent first
STOPPING: tuple[tuple[str, type[A4PrinterError]], ...] = (
    ("media-jam", A4PaperJam),
    ("door-open", A4DoorOpen), ("cover-open", A4DoorOpen), ("interlock-open", A4DoorOpen),
    ("media-empty", A4PaperOut), ("media-needed", A4PaperOut), ("input-tray-missing", A4PaperOut),
    ("toner-empty", A4TonerEmpty), ("marker-supply-empty", A4TonerEmpty),
    ("offline", A4PrinterOffline), ("shutdown", A4PrinterOffline), ("paused", A4PrinterOffline),
    ("moving-to-paused", A4PrinterOffline),
)
STOPPING_KEYWORDS = {k for k, _e in STOPPING}
WARNINGS = ("media-low", "toner-low", "marker-supply-low", "marker-waste-almost-full", "marker-waste-full")

PRINTER_ATTRIBUTES = ("printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs",
                      "marker-names", "marker-levels", "marker-low-levels", "marker-types", "media-ready",
                      "printer-supply", "printer-supply-description", "printer-make-and-model",
                      "document-format-supported")
CONSUMED = "supplyThatIsConsumed"


def split_reason(keyword: str) -> tuple[str, str]:
    """("media-empty", "error") from "media-empty-error"; no suffix is an error."""
    for severity in ("report", "warning", "error"):
        if keyword.endswith(f"-{severity}"):
            return keyword[:-len(severity) - 1], severity
    return keyword, "error"


@dataclass(frozen=True)
class Marker:
    name: str
    kind: str          # marker-types: toner, ink-cartridge, ...
    level: int         # 0..100; -1 unavailable, -2 unknown, -3 some remaining
    low: int           # marker-low-levels


@dataclass(frozen=True)
class A4PrinterStatus:
    state: str                                  # idle | processing | stopped
    reasons: tuple[str, ...] = ()               # printer-state-reasons as sent ("none" dropped)
    accepting: bool | None = None               # printer-is-accepting-jobs
    message: str = ""                           # printer-state-message
    markers: tuple[Marker, ...] = ()
    media_ready: tuple[str, ...] = ()
    make_and_model: str = ""
    formats: tuple[str, ...] = ()               # document-format-supported

    # --- what a job may expect ------------------------------------------------------------------
    def stopping(self) -> list[str]:
        """The reasons that stop printing (without suffix), most urgent first."""
        found = {split_reason(keyword)[0] for keyword in self.reasons}
        return [k for k, _e in STOPPING if k in found]

    def warnings(self) -> list[str]:
        """Reasons worth a technician's look that do not stop printing (toner-low, media-low ...)."""
        found = {split_reason(keyword)[0] for keyword in self.reasons}
        return [k for k in WARNINGS if k in found]

    def refusal(self) -> A4PrinterError | None:
        """The error a job sent now would meet, or None when the printer can print."""
        stopping = self.stopping()
        if stopping:
            cls = dict(STOPPING)[stopping[0]]
            return cls(f"printer-state-reasons: {', '.join(self.reasons)}")
        if self.state == "stopped":
            return A4PrinterOffline(f"printer-state stopped{': ' + self.message if self.message else ''}")
        if self.accepting is False:
            return A4PrinterOffline("printer-is-accepting-jobs is false")
        return None

    # --- words for diagnostics and the heartbeat -------------------------------------------------
    @property
    def paper(self) -> str:
        """ok | low | out. A printer says media-empty when it has none; none said is paper present."""
        if {"media-empty", "media-needed", "input-tray-missing"} & set(self.stopping()):
            return "out"
        return "low" if "media-low" in self.warnings() else "ok"

    @property
    def toner(self) -> str:
        """ok | low | empty | unknown: from the reasons, else from the toner markers' levels."""
        if {"toner-empty", "marker-supply-empty"} & set(self.stopping()):
            return "empty"
        if {"toner-low", "marker-supply-low"} & set(self.warnings()):
            return "low"
        levels = [m for m in self.markers if m.level >= 0 and m.kind in ("toner", "toner-cartridge", "")]
        if not levels:
            return "unknown"
        if any(m.level == 0 for m in levels):
            return "empty"
        return "low" if any(m.level <= m.low for m in levels) else "ok"

    def describe(self) -> str:
        reasons = ", ".join(self.reasons) or "none"
        return f"{self.state}, reasons {reasons}" + (f" ({self.message})" if self.message else "")


def printer_status(reply: ipp.Message) -> A4PrinterStatus:
    """The status in a Get-Printer-Attributes reply; raises A4PrinterNotResponding without printer-state."""
    state = reply.first("printer-state", ipp.TAG_PRINTER)
    if state not in ipp.PRINTER_STATES:
        raise A4PrinterNotResponding(f"no valid printer-state in the reply ({state!r})")
    reasons = tuple(r for r in reply.values("printer-state-reasons", ipp.TAG_PRINTER) if r and r != "none")
    accepting = reply.first("printer-is-accepting-jobs", ipp.TAG_PRINTER)
    return A4PrinterStatus(
        state=ipp.PRINTER_STATES[state], reasons=reasons,
        accepting=accepting if isinstance(accepting, bool) else None,
        message=str(reply.first("printer-state-message", ipp.TAG_PRINTER) or ""),
        markers=_markers(reply) or _supplies(reply),
        media_ready=tuple(str(m) for m in reply.values("media-ready", ipp.TAG_PRINTER) if m),
        make_and_model=str(reply.first("printer-make-and-model", ipp.TAG_PRINTER) or ""),
        formats=tuple(str(f) for f in reply.values("document-format-supported", ipp.TAG_PRINTER) if f))


def _markers(reply: ipp.Message) -> tuple[Marker, ...]:
    """marker-names/-levels/-low-levels/-types (the CUPS and RFC 3805 way)."""
    names = reply.values("marker-names", ipp.TAG_PRINTER)
    levels = reply.values("marker-levels", ipp.TAG_PRINTER)
    lows = reply.values("marker-low-levels", ipp.TAG_PRINTER)
    kinds = reply.values("marker-types", ipp.TAG_PRINTER)
    return tuple(Marker(str(names[i]) if i < len(names) else f"marker {i + 1}",
                        str(kinds[i]) if i < len(kinds) else "",
                        int(levels[i]) if isinstance(levels[i], int) else -2,
                        int(lows[i]) if i < len(lows) and isinstance(lows[i], int) else 10)
                 for i in range(len(levels)))


def _supplies(reply: ipp.Message) -> tuple[Marker, ...]:
    """printer-supply (PWG 5100.13: "index=2;class=supplyThatIsConsumed;type=toner;level=75;..."),
    what IPP Everywhere printers report; only supplies that are used up count (not a waste tank)."""
    descriptions = reply.values("printer-supply-description", ipp.TAG_PRINTER)
    found = []
    for i, raw in enumerate(reply.values("printer-supply", ipp.TAG_PRINTER)):
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        fields = dict(part.split("=", 1) for part in text.split(";") if "=" in part)
        if fields.get("class") != CONSUMED:
            continue
        try:
            level = int(fields.get("level", "-2"))
            capacity = int(fields.get("maxcapacity", "100"))
        except ValueError:
            continue
        if level >= 0 and capacity > 0 and capacity != 100:
            level = round(level * 100 / capacity)
        name = str(descriptions[i]) if i < len(descriptions) else fields.get("type", "supply")
        found.append(Marker(name, fields.get("type", ""), level, 10))
    return tuple(found)


@dataclass(frozen=True)
class JobState:
    """One answer to Get-Job-Attributes."""
    job_id: int
    state: int                                  # ipp.JOB_* enum
    reasons: tuple[str, ...] = ()               # job-state-reasons
    impressions_completed: int | None = None    # sides printed, when the printer counts them
    sheets_completed: int | None = None         # job-media-sheets-completed
    message: str = ""

    @property
    def name(self) -> str:
        return ipp.JOB_STATES.get(self.state, f"job-state {self.state}")

    @property
    def ended(self) -> bool:
        return self.state in ipp.JOB_ENDED

    @property
    def pages_printed(self) -> int | None:
        """Impressions, else sheets; None when the printer counts neither (or reports 0 for a
        finished job, which printers that do not count say)."""
        for count in (self.impressions_completed, self.sheets_completed):
            if isinstance(count, int) and count > 0:
                return count
        return None


JOB_ATTRIBUTES = ("job-id", "job-state", "job-state-reasons", "job-state-message", "job-impressions-completed",
                  "job-media-sheets-completed")


def job_state(reply: ipp.Message, job_id: int) -> JobState:
    state = reply.first("job-state", ipp.TAG_JOB)
    if state not in ipp.JOB_STATES:
        raise A4PrinterNotResponding(f"no valid job-state for job {job_id} ({state!r})")

    def count(name: str) -> int | None:
        value = reply.first(name, ipp.TAG_JOB)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    return JobState(job_id, state, tuple(r for r in reply.values("job-state-reasons", ipp.TAG_JOB) if r and r != "none"),
                    count("job-impressions-completed"), count("job-media-sheets-completed"),
                    str(reply.first("job-state-message", ipp.TAG_JOB) or ""))
