"""Settings that must agree with each other. Each key is valid on its own (see its section), but
some pairs contradict: a countdown as long as the idle time before it, a first reconnect wait
longer than the longest one. Every such pair is listed here, in one place, and refused with one
line that names both keys, their values and what to set."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Below:
    """In [section], `low` stays below `high` (or equal to it, unless `strict`)."""
    section: str
    low: str
    high: str
    strict: bool = False
    why: str = ""

    def holds(self, low: float, high: float) -> bool:
        return low < high if self.strict else low <= high


RELATIONS: tuple[Below, ...] = (
    Below("ui", "countdown_s", "idle_timeout_s", strict=True,
          why="the 还需要更多时间吗 countdown is a short last call after the idle time"),
    Below("ui", "idle_timeout_s", "elder_idle_timeout_s",
          why="长辈模式 gives more time, never less"),
    Below("reader", "reopen_backoff_s", "reopen_backoff_max_s",
          why="the first wait before reopening the port doubles up to the longest"),
    Below("reader", "poll_interval_s", "rest_poll_interval_s",
          why="at rest the reader is polled less often, never more"),
    Below("reader", "command_timeout_s", "read_timeout_s",
          why="reading a card takes longer than any other reader command"),
    Below("printer", "status_timeout_s", "timeout_s",
          why="one status reply is part of the wait for the printer"),
    Below("a4printer", "request_timeout_s", "job_timeout_s",
          why="the A4 job's deadline covers the requests that follow it"),
    Below("a4printer", "poll_interval_s", "stall_s", strict=True,
          why="a stopped A4 job is seen by polling before it is given up"),
    Below("platform", "read_timeout_s", "call_deadline_s", strict=True,
          why="the deadline of a whole call covers every wait for the answer within it"),
    Below("ratings", "upload_interval_s", "upload_backoff_max_s",
          why="the wait after failed uploads grows from the interval up to the longest"),
)


def check_relations(config: Any, raw: dict, source: str) -> str | None:
    """The one-line problem of the first contradicting pair in `config` (built from the TOML
    table `raw` read from `source`), or None when every pair agrees."""
    for rel in RELATIONS:
        section = getattr(config, rel.section)
        low, high = getattr(section, rel.low), getattr(section, rel.high)
        if rel.holds(low, high):
            continue
        written = raw.get(rel.section, {}) if isinstance(raw.get(rel.section), dict) else {}

        def shown(key: str, value: float) -> str:
            return f"{rel.section}.{key} = {value:g}" + ("" if key in written else " (default)")

        relation = "less than" if rel.strict else "at most"
        return (f"{source}: {shown(rel.low, low)} must be {relation} {shown(rel.high, high)}; "
                f"set {rel.low} {'below' if rel.strict else 'no higher than'} {rel.high} ({rel.why})")
    return None
