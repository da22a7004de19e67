"""`kiosk sim idcard|printer|a4printer|platform ...`: dispatches to the simulator modules."""
from __future__ import annotations

import importlib
import signal
import sys

SIMULATORS = {
    "idcard": "kiosk.sim.idcard_sim",
    "printer": "kiosk.sim.printer_sim",
    "a4printer": "kiosk.sim.a4printer_sim",
    "platform": "kiosk.sim.platform_console",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in SIMULATORS:
        print("usage: kiosk sim {" + ",".join(SIMULATORS) + "} [--help]", file=sys.stderr)
        return 2
    # A job started with `&` from a script inherits SIGINT ignored, and Python then leaves it so:
    # `kill -INT` (what ends a simulator) would do nothing.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    module = importlib.import_module(SIMULATORS[argv[0]])
    return int(module.main(argv[1:]) or 0)
