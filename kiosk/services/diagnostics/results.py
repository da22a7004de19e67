"""What a check says: one typed result per aspect, shared by the screen, `kiosk diag` and the heartbeat."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Iterable


class Status(enum.Enum):
    OK = "ok"
    WARNING = "warning"
    FAILURE = "failure"

    @property
    def rank(self) -> int:
        return {"ok": 0, "warning": 1, "failure": 2}[self.value]

    @property
    def heartbeat(self) -> str:
        """The platform's word for it (HealthCheck.status: ok | warning | fault)."""
        return "fault" if self is Status.FAILURE else self.value


@dataclass(frozen=True)
class CheckResult:
    check: str        # dotted name, e.g. "printer.paper"; also the message key suffix diag.check.<check>
    status: Status
    detail: str       # what was found (English, technical, never personal data)
    hint: str = ""    # how to fix it; empty when status is ok

    @property
    def part(self) -> str:
        return self.check.split(".", 1)[0]

    def to_json(self) -> dict:
        return {"check": self.check, "status": self.status.value, "detail": self.detail, "hint": self.hint}


def ok(check: str, detail: str) -> CheckResult:
    return CheckResult(check, Status.OK, detail)


def warning(check: str, detail: str, hint: str) -> CheckResult:
    return CheckResult(check, Status.WARNING, detail, hint)


def failure(check: str, detail: str, hint: str) -> CheckResult:
    return CheckResult(check, Status.FAILURE, detail, hint)


def worst(results: Iterable[CheckResult]) -> Status:
    return max((r.status for r in results), key=lambda s: s.rank, default=Status.OK)


def exit_code(results: Iterable[CheckResult]) -> int:
    """`kiosk diag`: 0 all pass, 1 warnings only, 2 any failure."""
    return worst(results).rank
