"""Command line: `kiosk run` starts the terminal; the other commands are tools for developers
and technicians. Each command's module is imported only when that command runs, so a
simulator or `kiosk card read` never loads Kivy.

What every command shares is handled here once: output piped into a reader that stops early
(`kiosk i18n missing mn | head`) ends quietly, as other command-line tools do, and Ctrl+C ends
a command with one line instead of a traceback."""
from __future__ import annotations

import importlib
import os
import select
import sys

EXIT_PIPE_CLOSED = 128 + 13     # what a shell shows for a tool ended by SIGPIPE
EXIT_INTERRUPTED = 128 + 2

# command -> (module, description); a module exposes main(argv: list[str]) -> int
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("kiosk.cli.run", "start the kiosk (default when no command is given)"),
    "tour": ("kiosk.cli.tour", "walk every screen offscreen and save one PNG per state"),
    "check-config": ("kiosk.cli.check_config", "validate a configuration file and exit"),
    "i18n": ("kiosk.cli.i18n", "message catalogues: what is left to translate, export, import, proof"),
    "voice": ("kiosk.cli.voice", "spoken prompts: where each comes from, and the sound of one"),
    "card": ("kiosk.cli.card", "ID card reader: read a card, show SAM info"),
    "print": ("kiosk.cli.print", "receipt printer: write sample documents as ESC/POS bytes"),
    "sim": ("kiosk.sim.cli", "virtual devices and the platform simulator"),
    "diag": ("kiosk.cli.diag", "technicians: run the health checks, test print, test read"),
    "pin-hash": ("kiosk.cli.pin_hash", "technicians: read a PIN and print its hash for [diagnostics] pin_hash"),
    "udev-rule": ("kiosk.cli.udev_rule", "technicians: a udev rule giving the attached reader or printer a stable name"),
}


def usage() -> str:
    lines = ["usage: kiosk [COMMAND] [ARGS...]", "", "commands:"]
    lines += [f"  {name:<13} {desc}" for name, (_m, desc) in COMMANDS.items()]
    lines += ["", "kiosk COMMAND --help shows a command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _dispatch(argv)
        sys.stdout.flush()          # here, not at exit, where a closed pipe can only be reported
        return code
    except SystemExit:              # argparse's --help and usage errors
        if not _flush_stdout():
            return EXIT_PIPE_CLOSED
        raise
    except BrokenPipeError:
        if not _stdout_reader_gone():
            raise                   # a socket or a child's pipe: a real fault, keep its traceback
        _discard_stdout()
        return EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        print(f"kiosk {argv[0] if argv else 'run'}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _stdout_reader_gone() -> bool:
    """True when stdout is a pipe whose reading end was closed (poll reports an error on it)."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _fd, events in poller.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


def _discard_stdout() -> None:
    """Whatever is still buffered for stdout goes nowhere, so the exit does not report the pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _flush_stdout() -> bool:
    """False when the reader went away before everything was written."""
    try:
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        _discard_stdout()
        return False


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    if not argv or argv[0].startswith("-"):
        argv.insert(0, "run")
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"kiosk: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    # Everything the kiosk writes (records, logs, the audit log, slips) is for its own user only:
    # files 0600 and folders 0700 however the service was started.
    os.umask(0o077)
    module = importlib.import_module(COMMANDS[name][0])
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
