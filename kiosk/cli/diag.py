"""`kiosk diag [--json] [--config PATH]`: the diagnostics checks in a shell (the same checks as
the diagnostics screen). Exit status: 0 all pass, 1 warnings only, 2 any failure.

    kiosk diag print-test [--config PATH]         print a test page
    kiosk diag a4-print-test [--config PATH]      print the A4 test page and wait for the job's end
    kiosk diag read-test [--timeout S] [--config PATH]
                                                  read a card and show masked fields only

When the kiosk of this configuration is running, the checks are its own: `kiosk diag` asks it for a
fresh health round over [metrics] address and port (/health, this machine only), so the reader's
port stays with the kiosk. When none answers (or with --local), the checks run here, and the
output says so. With the embedded default configuration the simulated reader, printer and platform
are then started inside this process, as the app starts them inside its own (the read test then places the first
sample card on the virtual reader by itself). A running kiosk holds the real reader's port
exclusively: stop it before a read test on real hardware.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys

from .arguments import seconds
from .common import add_config_option, load_or_explain

MARK = {"ok": "OK  ", "warning": "WARN", "failure": "FAIL"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk diag", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", nargs="?", choices=("checks", "print-test", "a4-print-test", "read-test"),
                        default="checks")
    parser.add_argument("--json", action="store_true", help="print a JSON list of {check, status, detail, hint}")
    parser.add_argument("--timeout", type=seconds, default=20.0, help="read-test: seconds to wait for a card")
    parser.add_argument("--local", action="store_true",
                        help="run the checks in this process even when the kiosk is running")
    add_config_option(parser)
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    config = load_or_explain(args.config)
    if config is None:
        return 2
    if args.action == "print-test":
        return print_test(config)
    if args.action == "read-test":
        return read_test(config, args.timeout)
    if args.action == "a4-print-test":
        from .print import a4_print_test
        return a4_print_test(config)
    return checks(config, args.json, args.local)


def table(results) -> str:
    width = max((len(r.check) for r in results), default=10)
    lines = []
    for r in results:
        lines.append(f"{MARK[r.status.value]}  {r.check:<{width}}  {r.detail}")
        if r.hint:
            lines.append(f"      {'':<{width}}  -> {r.hint}")
    return "\n".join(lines)


def checks(config, as_json: bool, local: bool = False) -> int:
    from ..services.diagnostics import exit_code
    from .running_kiosk import RunningReport, ask_running_kiosk

    running = "--local given" if local else ask_running_kiosk(config)
    if isinstance(running, RunningReport):
        results, source = running.results, _from_running(running)
    else:
        results, source = _checks_here(config), f"checks run in this process, not by the kiosk: {running}"
    if as_json:
        print(f"kiosk diag: {source}", file=sys.stderr)
        print(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2))
    else:
        print(f"{source}\n")
        print(table(results))
        counts = {s: sum(r.status.value == s for r in results) for s in MARK}
        print(f"\n{counts['ok']} ok, {counts['warning']} warning(s), {counts['failure']} failure(s)")
    return exit_code(results)


def _checks_here(config):
    from ..parts import open_parts_for_checks
    from ..services.diagnostics import DiagContext, run_checks

    terminal = open_parts_for_checks(config)
    try:
        return run_checks(DiagContext(terminal.config, terminal.parts, in_app=False)).results
    finally:
        terminal.stop()


def _from_running(running) -> str:
    import time

    k = running.kiosk
    when = "a round run just now" if running.fresh else (
        f"its last round, {time.time() - running.at:.0f} s ago" if running.at else "its last round")
    parts = ", ".join(f"{part} {'ok' if works else 'OUT OF ORDER'}" for part, works in running.parts.items())
    return (f"checks from the running kiosk (pid {k.get('pid')}, terminal {k.get('terminal_id')}, "
            f"up {k.get('uptime_s', 0) / 3600:.1f} h): {when}\nparts: {parts}")


def print_test(config) -> int:
    import threading

    from ..services.diagnostics.app_check import app_version
    from ..services.diagnostics.device_tests import test_page
    from ..parts import open_parts_for_checks

    terminal = open_parts_for_checks(config, reader=False, platform=False, a4printer=False)
    parts = terminal.parts
    try:
        if parts.printer is None:
            print(f"FAIL  printer not started: {'; '.join(parts.problems)}", file=sys.stderr)
            return 2
        done = threading.Event()
        box: dict = {}
        document = test_page(config.terminal.terminal_id, config.terminal.hall_name, app_version())
        parts.printer.submit(document, lambda outcome: (box.update(outcome=outcome), done.set()),
                             lambda error: (box.update(error=error), done.set()))
        if not done.wait(config.printer.timeout_s * 4 + 10):
            print("FAIL  the test page did not finish in time", file=sys.stderr)
            return 2
        if "error" in box:
            e = box["error"]
            print(f"FAIL  {type(e).__name__}: {e}", file=sys.stderr)
            return 2
        outcome = box["outcome"]
        where = f" (virtual printer output in {config.printer.output_dir})" if terminal.simulated.printer else ""
        print(f"OK    test page printed: job {outcome.job_id}, {outcome.size_bytes} bytes, "
              f"printer {outcome.status_after.condition.value}{where}")
        return 0
    finally:
        terminal.stop()


def read_test(config, timeout: float) -> int:
    from ..devices.idcard.errors import ReaderError
    from ..devices.idcard.reader import IdCardReader
    from ..services.diagnostics.device_tests import masked_card_fields
    from ..parts import open_parts_for_checks

    terminal = open_parts_for_checks(config, printer=False, platform=False, a4printer=False)
    virtual = terminal.simulated.reader
    s = terminal.config.reader
    reader = IdCardReader(s.port, s.baud, command_timeout_s=s.command_timeout_s, read_timeout_s=s.read_timeout_s,
                          probe_timeout_s=s.probe_timeout_s, probe_baud=s.probe_baud,
                          read_fingerprint=s.read_fingerprint)
    try:
        if virtual is not None:
            virtual.place(next(iter(virtual.people)))
            print("virtual reader: a sample card was placed")
        else:
            print(f"place an ID card on the reader ({timeout:g} s) ...")
        reader.open()
        card = reader.wait_for_card(timeout)
    except ReaderError as exc:
        print(f"FAIL  {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    finally:
        reader.dispose()
        terminal.stop()
    try:
        for label, value in masked_card_fields(card):
            print(f"  {label:<18} {value}")
    finally:
        card.wipe()
    print("OK    card read")
    return 0
