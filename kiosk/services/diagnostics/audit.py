"""The technicians' audit log: one JSON line per diagnostics action (entry, PIN failure, test
print, reload ...) with time and outcome, in the log directory beside kiosk.log. Details are
masked (kiosk.masking) before they are written."""
from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ...masking import mask_text

AUDIT_FILE = "diagnostics-audit.log"


class AuditLog:
    def __init__(self, log_dir: Path, clock: Callable[[], float] = time.time):
        self.path = Path(log_dir) / AUDIT_FILE
        self._clock = clock
        self._lock = threading.Lock()

    def record(self, action: str, outcome: str, detail: str = "") -> dict:
        entry = {"at": datetime.fromtimestamp(self._clock(), timezone.utc).astimezone().isoformat(timespec="seconds"),
                 "action": action, "outcome": outcome, "detail": mask_text(detail)}
        line = json.dumps(entry, ensure_ascii=False)
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                f.write(line + "\n")
        return entry

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
