"""`kiosk sim platform`: the platform simulator from a shell, with a command console on stdin
for faults and figures during a demonstration (the simulator itself is platform_sim.py)."""
from __future__ import annotations

import argparse
import sys
from datetime import date

from ..platform.signing import DEFAULT_WINDOW_S
from .platform_sim import FAULT_KINDS, HOST, OPERATIONS, PlatformSimulator, start_platform_simulator


HELP = """commands:
  fault KIND [OPERATION|*] [SECONDS] [TIMES]   inject a fault (kinds: {kinds})
  clear [OPERATION]                            remove faults (all, or one operation's)
  faults                                       list active faults
  stats                                        requests per operation, ratings, heartbeats, help requests
  numbers                                      the sample 办件编号 to type on the keypad (names masked)
  quit                                         stop the simulator
operations: {ops}""".format(kinds=", ".join(FAULT_KINDS), ops=", ".join(OPERATIONS))


def run_command(sim: PlatformSimulator, line: str) -> tuple[str, bool]:
    """Executes one stdin command; returns (reply, keep running)."""
    words = line.split()
    if not words:
        return "", True
    cmd, args = words[0].lower(), words[1:]
    try:
        if cmd in ("quit", "exit"):
            return "bye", False
        if cmd == "fault" and args:
            operation = args[1] if len(args) > 1 and args[1] != "*" else None
            seconds = float(args[2]) if len(args) > 2 else 0.0
            times = int(args[3]) if len(args) > 3 else None
            sim.set_fault(args[0], operation, seconds=seconds, times=times)
            return f"fault {args[0]} on {operation or 'every operation'}", True
        if cmd == "clear":
            sim.clear_faults(args[0] if args else None)
            return "faults cleared", True
        if cmd == "faults":
            faults = sim.faults()
            return "\n".join(f"{op}: {f.kind} {f.seconds:g}s times={f.remaining}" for op, f in faults.items()) \
                or "no faults", True
        if cmd == "numbers":
            lines = []
            for apps in sim.data.applications_by_holder.values():
                for app in apps:
                    overdue = " overdue" if app["status"] not in ("completed", "returned", "not_accepted") \
                        and date.fromisoformat(app["promised_date"]) < sim.today else ""
                    lines.append(f"{app['application_no']}  {app['applicant_name_masked']}  {app['status']}{overdue}"
                                 f"  {app['item_name']}")
            return "\n".join(lines), True
        if cmd == "stats":
            counts = ", ".join(f"{op}={sim.request_count(op)}" for op in OPERATIONS)
            return (f"requests: {counts}\nratings={len(sim.ratings)} heartbeats={len(sim.heartbeats)} "
                    f"help_requests={len(sim.help_requests)}"), True
    except ValueError as exc:
        return f"error: {exc}", True
    return HELP, True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk sim platform", description="the platform simulator on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8470, help="TCP port on 127.0.0.1 (0 picks a free one)")
    parser.add_argument("--secret", help="HMAC secret (default: [platform] secret of the configuration)")
    parser.add_argument("--config", help="configuration file whose [platform] secret to use")
    parser.add_argument("--today", type=date.fromisoformat, help="pin 'today' (YYYY-MM-DD) for the sample data")
    parser.add_argument("--window", type=float, default=DEFAULT_WINDOW_S, help="accepted clock skew in seconds")
    args = parser.parse_args(argv)
    secret = args.secret
    codes = "gbt39046"
    if secret is None:
        from ..config import ConfigError, load_config, resolve_config_path
        try:
            config = load_config(resolve_config_path(args.config))
        except ConfigError as exc:
            print(exc, file=sys.stderr)
            return 2
        secret, codes = config.platform.secret, config.platform.satisfaction_codes
    try:
        sim = start_platform_simulator(secret, args.port, today=args.today, window_s=args.window,
                                       satisfaction_codes=codes)
    except OSError as exc:
        print(f"cannot listen on {HOST}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"platform simulator on {sim.base_url} (today = {sim.today}); type 'help' for commands", flush=True)
    from .console import serve_console

    def command(line: str) -> str | None:
        reply, keep = run_command(sim, line)
        if not keep:
            if reply:
                print(reply, flush=True)
            return None
        return reply
    return serve_console(command, sim.stop)
