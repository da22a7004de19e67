"""`kiosk tour --out DIR [--config PATH]`: walk every screen offscreen, one PNG per state."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_config_option, load_or_explain


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk tour", description=__doc__)
    parser.add_argument("--out", required=True, metavar="DIR", help="directory for the PNG files")
    add_config_option(parser)
    args = parser.parse_args(argv)
    config = load_or_explain(args.config)
    if config is None:
        return 2
    out = Path(args.out)
    written = run_tour(config, out)
    for path in written:
        print(path)
    print(f"kiosk tour: {len(written)} screenshots in {out}", file=sys.stderr)
    return 0


def run_tour(config, out: Path) -> list[Path]:
    from ..services.clock import ManualClock
    from ..ui.harness import HeadlessKiosk

    clock = ManualClock()
    kiosk = HeadlessKiosk(config, clock=clock)
    app, written = kiosk.app, []

    def shot(name: str) -> None:
        written.append(kiosk.screenshot(out / f"{name}.png"))

    def countdown() -> None:
        kiosk.advance_idle(clock, kiosk.services.idle.timeout + 3)

    def walk(prefix: str) -> None:
        shot(f"{prefix}home")
        for flow in list(app.flows):
            kiosk.tap(kiosk.screen.tile_for(flow.key))
            shot(f"{prefix}{flow.key}")
            app.go_home()
            kiosk.settle()

    try:
        walk("")
        app.go("help")
        kiosk.pump(4)
        countdown()
        shot("idle-countdown")
        app.keep_going()
        app.go_home()
        kiosk.pump(4)
        app.toggle_elder()
        walk("elder-")
        app.toggle_elder()
        app.set_language("en")
        walk("en-")
        countdown()
        shot("en-idle-countdown")
    finally:
        kiosk.close()
    return written
