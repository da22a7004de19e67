"""Which parts work, as the kiosk knows it without asking a device: one answer for the metrics
(kiosk_part_up), the health report `kiosk diag` reads, and the STATUS line systemd shows.

Cheap and safe from any thread: it reads attributes the parts keep (the card watcher's fault, the
platform client's online state, the last health round's out-of-order parts), never a port.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Collection

if TYPE_CHECKING:
    from ..parts import Parts

PARTS = ("reader", "printer", "a4printer", "platform", "ratings", "health")
OPTIONAL = ("a4printer",)      # only on terminals that have one ([a4printer] installed)


def parts_in_order(parts: Parts | None, out_of_order: Collection[str] = ()) -> dict[str, bool]:
    """{part: works} for every part the terminal has. A part works when it started and nothing says
    otherwise: `out_of_order` (what the app took out of service), the last health round's report,
    the reader's own fault, the platform's last call. Before the parts start, none works. An optional
    part (the A4 printer) counts only where it was started or tried."""
    if parts is None:
        return {name: False for name in PARTS if name not in OPTIONAL}
    names = [name for name in PARTS if name not in OPTIONAL or getattr(parts, name, None) is not None
             or parts.problem_of(name)]
    report = parts.health.last_report if parts.health is not None else None
    down = set(out_of_order)
    if report is not None:
        # From the report itself, not the reporter's out_of_order set, which follows it a moment
        # later: the states must agree with the checks served beside them. (Loaded by then: the
        # report exists only once the parts run, so this costs the start-up nothing.)
        from ..diagnostics.runner import out_of_order as parts_down
        down |= parts_down(report)
    works = {name: getattr(parts, name) is not None and name not in down for name in names}
    if parts.reader is not None and parts.reader.faulty is not None:
        works["reader"] = False
    if parts.platform is not None and parts.platform.status.offline:
        works["platform"] = False
    return works
