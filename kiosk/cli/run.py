"""`kiosk run [--config PATH]`: start the terminal. Ctrl+C or SIGTERM stops it as its own quit
does (parts stopped, simulators' files removed), with one line instead of a traceback."""
from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import time

from .common import add_config_option, load_or_explain


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk run", description=__doc__)
    add_config_option(parser)
    parser.add_argument("--offscreen", action="store_true", help="render offscreen even with a display")
    # For the start-up benchmark: print when the first home frame is drawn, then exit.
    parser.add_argument("--first-frame-exit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    config = load_or_explain(args.config)
    if config is None:
        return 2

    from ..ui.boot import UnsafeFolder, apply_kivy_config, prepare_environment
    try:
        offscreen = prepare_environment(True if args.offscreen else None, config.storage.data_dir)
    except UnsafeFolder as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    if offscreen and not args.first_frame_exit:
        print("kiosk: no display found, running offscreen (nothing is shown; `make tour` saves screenshots)",
              file=sys.stderr)
    apply_kivy_config(config)
    from ..logs import setup_logging
    setup_logging(config.logging.dir, config.logging.level, config.logging.max_bytes, config.logging.backups,
                  console=not args.first_frame_exit)

    from ..app import KioskApp, build_services
    app = KioskApp(build_services(config))
    if args.first_frame_exit:
        _exit_after_first_frame(app)
    _stop_cleanly_on_signals(app)
    app.run()
    return 0


def _stop_cleanly_on_signals(app) -> None:
    """SIGINT (Ctrl+C, also through `make run`) and SIGTERM (systemd) ask the app to stop on its
    next frame, so on_stop runs; a second signal while stopping ends the process at once."""
    from kivy.clock import Clock

    stopping = False

    def on_signal(signum, _frame) -> None:
        nonlocal stopping
        name = "Ctrl+C" if signum == signal.SIGINT else signal.Signals(signum).name
        if stopping:
            _say(f"kiosk: {name} again, stopping at once")
            os._exit(128 + signum)
        stopping = True
        _say(f"kiosk: {name}, stopping")
        Clock.schedule_once(lambda _dt: app.stop(), 0)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _exit_after_first_frame(app) -> None:
    from kivy.clock import Clock
    from kivy.core.window import Window

    def on_flip(*_args):
        if app.root is None:
            return
        Window.unbind(on_flip=on_flip)
        print(json.dumps({"first_frame_monotonic": time.monotonic(),
                          "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)
        Clock.schedule_once(lambda _dt: app.stop(), 0)

    Window.bind(on_flip=on_flip)
