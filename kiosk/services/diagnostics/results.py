"""What a check says: one typed result per aspect, shared by the screen, `kiosk diag` and the heartbeat."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Callable, Iterable


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


class Keys(tuple):
    """A value that is itself texts to look up (part names ...), joined as a list when shown."""


@dataclass(frozen=True)
class Hint:
    """How to fix a finding: English for `kiosk diag` and the heartbeat, and the message key
    (with its values) the diagnostics screen shows in the chosen language."""
    text: str
    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def given(self, **values: Any) -> Hint:
        """The same hint with values for its text and key: HINT_SET_BAUD.given(baud=9600)."""
        return Hint(self.text.format(**values), self.key, tuple(values.items()))


@dataclass(frozen=True)
class CheckResult:
    check: str        # dotted name, e.g. "printer.paper"; also the message key suffix diag.check.<check>
    status: Status
    detail: str       # what was found (English, technical, never personal data): `kiosk diag`, heartbeat
    hint: str = ""    # how to fix it; empty when status is ok
    # The same for the screen, in the chosen language: message keys and their values. A result
    # without a key (one read back from another process) shows its English text.
    detail_key: str = ""
    detail_values: tuple[tuple[str, Any], ...] = ()
    hint_key: str = ""
    hint_values: tuple[tuple[str, Any], ...] = ()

    @property
    def part(self) -> str:
        return self.check.split(".", 1)[0]

    def to_json(self) -> dict:
        return {"check": self.check, "status": self.status.value, "detail": self.detail, "hint": self.hint}

    def shown(self, text: Callable[..., str]) -> tuple[str, str]:
        """(detail, hint) as the screen shows them; `text(key, **values)` looks a message up."""
        detail = _said(text, self.detail_key, self.detail_values) if self.detail_key else self.detail
        hint = _said(text, self.hint_key, self.hint_values) if self.hint_key else self.hint
        return detail, hint


def _said(text: Callable[..., str], key: str, values: tuple[tuple[str, Any], ...]) -> str:
    plain = {name: text("diag.list_separator").join(text(k) for k in value) if isinstance(value, Keys) else value
             for name, value in values}
    return text(key, **plain)


def _result(check: str, status: Status, detail: str, hint: Hint | str, key: str,
            values: dict[str, Any] | None) -> CheckResult:
    hint_text, hint_key, hint_values = ((hint.text, hint.key, hint.values) if isinstance(hint, Hint)
                                        else (hint, "", ()))
    return CheckResult(check, status, detail, hint_text, key, tuple((values or {}).items()), hint_key, hint_values)


def ok(check: str, detail: str, *, key: str = "", values: dict[str, Any] | None = None) -> CheckResult:
    """`key` and `values`: the message the screen shows for `detail` (diag.detail.*)."""
    return _result(check, Status.OK, detail, "", key, values)


def warning(check: str, detail: str, hint: Hint | str, *, key: str = "",
            values: dict[str, Any] | None = None) -> CheckResult:
    return _result(check, Status.WARNING, detail, hint, key, values)


def failure(check: str, detail: str, hint: Hint | str, *, key: str = "",
            values: dict[str, Any] | None = None) -> CheckResult:
    return _result(check, Status.FAILURE, detail, hint, key, values)


def worst(results: Iterable[CheckResult]) -> Status:
    return max((r.status for r in results), key=lambda s: s.rank, default=Status.OK)


def exit_code(results: Iterable[CheckResult]) -> int:
    """`kiosk diag`: 0 all pass, 1 warnings only, 2 any failure."""
    return worst(results).rank
