"""Figures of the Schemathesis run, printed at the end of the session: operations, generated
cases (by phase and data mode) and failed operations, so a run says what it covered."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest


@dataclass
class Tally:
    operations: set[str] = field(default_factory=set)
    cases: Counter = field(default_factory=Counter)          # (run, phase, mode) -> cases
    failed: dict[str, set[str]] = field(default_factory=dict)  # run -> operations that failed

    def record(self, run: str, case) -> None:
        meta = case.meta
        phase = meta.phase.name.value if meta is not None else "explicit"
        mode = meta.generation.mode.value if meta is not None else "positive"
        self.operations.add(case.operation.label)
        self.cases[(run, phase, mode)] += 1


TALLY = Tally()


@pytest.fixture(scope="session")
def tally() -> Tally:
    return TALLY


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed and "test_schemathesis.py::" in report.nodeid and "[" in report.nodeid:
        run = report.nodeid.split("::")[1].split("[")[0]
        TALLY.failed.setdefault(run, set()).add(report.nodeid.split("[", 1)[1].rstrip("]"))


def pytest_terminal_summary(terminalreporter) -> None:
    if not TALLY.cases:
        return
    write = terminalreporter.write_line
    write(f"Schemathesis: {len(TALLY.operations)} operations")
    for run in sorted({r for r, _p, _m in TALLY.cases}):
        counts = {(p, m): n for (r, p, m), n in TALLY.cases.items() if r == run}
        detail = ", ".join(f"{p} {m} {n}" for (p, m), n in sorted(counts.items()))
        failed = TALLY.failed.get(run, set())
        write(f"  {run}: {sum(counts.values())} cases ({detail}); failed operations: {len(failed)}"
              + (f" ({', '.join(sorted(failed))})" if failed else ""))
