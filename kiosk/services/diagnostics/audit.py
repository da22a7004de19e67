"""The technicians' audit log: one JSON line per diagnostics action (entry, PIN failure, test
print, reload ...) with time and outcome, in the log directory beside kiosk.log. Details are
masked (kiosk.masking) before they are written.

Writing it never raises into the caller (a touch handler, a worker): a full or unwritable log
directory is recorded in kiosk.logs.write_faults, which the diagnostics checks show, and logged
once; the action itself goes on."""
from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ...logs import report_write_fault, write_faults
from ...masking import mask_text

AUDIT_FILE = "diagnostics-audit.log"


class AuditLog:
    def __init__(self, log_dir: Path, clock: Callable[[], float] = time.time):
        self.path = Path(log_dir) / AUDIT_FILE
        self._clock = clock
        self._lock = threading.Lock()

    def record(self, action: str, outcome: str, detail: str = "") -> dict:
        """Appends one entry and returns it; entry["written"] says whether it reached the disk."""
        entry = {"at": datetime.fromtimestamp(self._clock(), timezone.utc).astimezone().isoformat(timespec="seconds"),
                 "action": action, "outcome": outcome, "detail": mask_text(detail)}
        line = json.dumps(entry, ensure_ascii=False)
        with self._lock:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as f:
                    f.write(line + "\n")
            except OSError as exc:
                report_write_fault(self.path, exc, "the diagnostics audit log")
                return {**entry, "written": False}
        write_faults.clear(self.path)
        return {**entry, "written": True}

    def fault(self) -> str | None:
        """What went wrong with the last write, or None when it was written."""
        return write_faults.current().get(str(self.path))

    def entries(self, last: int = 50) -> list[dict]:
        try:
            lines = self.path.read_text("utf-8").splitlines()[-last:]
        except OSError:
            return []
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
        return out
