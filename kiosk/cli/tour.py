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
    import dataclasses
    import tempfile

    from ..testing.clock import ManualClock
    from ..testing.harness import HeadlessKiosk

    # A fresh terminal every time: ratings, print journal and logs of earlier runs must not
    # change what the screenshots show (一次一评 would refuse a second walk's rating).
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-tour-"))
    config = dataclasses.replace(
        config, storage=dataclasses.replace(config.storage, data_dir=scratch / "data"),
        logging=dataclasses.replace(config.logging, dir=scratch / "log"),
        printer=dataclasses.replace(config.printer, output_dir=str(scratch / "prints")))
    clock = ManualClock()
    kiosk = HeadlessKiosk(config, clock=clock, start_devices=True)
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
            app.end_session() if prefix == "" else app.go_home()
            kiosk.settle()

    def status_flow(prefix: str) -> None:
        simulated = kiosk.simulated
        screens = app.screen_manager
        kiosk.tap(kiosk.screen.tile_for("status"))
        simulated.reader.place("bateer")
        kiosk.wait_until(lambda: screens.get_screen("identify").masked_name != "", timeout=10)
        shot(f"{prefix}identify-read")
        kiosk.wait_until(lambda: screens.current == "status_list", timeout=10)
        rows = screens.get_screen("status_list").ids.rows
        kiosk.wait_until(lambda: len(rows.children) > 0, timeout=10)
        shot(f"{prefix}status-list")
        overdue = next((r for r in rows.children if r.overdue), rows.children[-1])
        kiosk.tap(overdue)
        shot(f"{prefix}status-detail")
        app.finish_flow()
        kiosk.settle()
        if screens.current == "rating_offer":  # offered, never forced
            shot(f"{prefix}rating-offer")
            kiosk.tap(screens.current_screen.ids.decline)
        shot(f"{prefix}take-card")
        simulated.reader.lift()
        kiosk.wait_until(lambda: screens.current == "home", timeout=10)
        kiosk.settle()

    def guide_flow(prefix: str) -> None:
        screens = app.screen_manager
        kiosk.tap(kiosk.screen.tile_for("guide"))
        home = screens.get_screen("guide_home")
        kiosk.wait_until(lambda: not home.ids.by_department.disabled, timeout=10)
        kiosk.tap(home.ids.by_department)
        shot(f"{prefix}guide-departments")
        rows = screens.current_screen.ids.rows
        kiosk.tap(next(r for r in reversed(rows.children) if type(r).__name__ == "GuideRow"))
        shot(f"{prefix}guide-item")
        app.go("guide_home")
        kiosk.settle()
        kiosk.tap(home.ids.by_theme)
        kiosk.tap(next(r for r in reversed(screens.current_screen.ids.rows.children)
                       if type(r).__name__ == "GuideRow"))
        shot(f"{prefix}guide-theme")
        app.end_session()
        kiosk.settle()

    def rating_flow(prefix: str, person: str) -> None:
        # 一次一评: each walk rates as another sample person.
        screens = app.screen_manager
        kiosk.tap(kiosk.screen.tile_for("rating"))
        kiosk.simulated.reader.place(person)
        kiosk.wait_until(lambda: screens.current == "rating_pick", timeout=10)
        rows = screens.current_screen.ids.rows
        kiosk.wait_until(lambda: len(rows.children) > 0, timeout=10)
        shot(f"{prefix}rating-pick")
        kiosk.tap(rows.children[-1])
        shot(f"{prefix}rating-levels")
        kiosk.tap(screens.current_screen.button_for("不满意"))
        reasons = screens.current_screen
        for button in reasons.reason_buttons()[:2]:
            kiosk.tap(button)
        shot(f"{prefix}rating-reasons")
        kiosk.tap(reasons.ids.next)
        if screens.current == "rating_comment":  # optional phrases, when the platform publishes them
            comment = screens.current_screen
            kiosk.tap(comment.phrase_buttons()[0])
            shot(f"{prefix}rating-comment")
            kiosk.tap(comment.ids.next)
        shot(f"{prefix}rating-confirm")
        kiosk.tap(screens.current_screen.ids.submit)
        kiosk.wait_until(lambda: screens.current == "rating_thanks", timeout=10)
        shot(f"{prefix}rating-thanks")
        kiosk.simulated.reader.lift()
        app.end_session()
        kiosk.settle()

    try:
        walk("")
        status_flow("")
        guide_flow("")
        rating_flow("", "wang")
        kiosk.tap(kiosk.screen.tile_for("status"))
        kiosk.tap(app.screen_manager.current_screen.ids.keypad_button)
        for digit in "1506260000010001":
            app.screen_manager.current_screen.press(digit)
        shot("status-keypad")
        app.end_session()
        kiosk.simulated.reader.unplug()
        kiosk.wait_until(lambda: "reader" in kiosk.services.out_of_order, timeout=20)
        shot("reader-fault-banner")
        kiosk.simulated.reader.replug()
        kiosk.wait_until(lambda: "reader" not in kiosk.services.out_of_order, timeout=20)
        from ..testing.diag_tour import diag_tour
        diag_tour(kiosk, shot)
        app.go("help")
        kiosk.pump(4)
        countdown()
        shot("idle-countdown")
        app.keep_going()
        app.go_home()
        kiosk.pump(4)
        app.toggle_elder()
        walk("elder-")
        status_flow("elder-")
        app.toggle_elder()
        rating_flow("elder-", "aoyun")
        # Each flow ends its session, which restores Chinese for the next citizen: switch again.
        for english_walk in (lambda: walk("en-"), lambda: status_flow("en-"), lambda: guide_flow("en-"),
                             lambda: rating_flow("en-", "qiqige")):
            app.set_language("en")
            english_walk()
        app.set_language("en")
        app.go("help")
        kiosk.settle()
        countdown()
        shot("en-idle-countdown")
    finally:
        kiosk.close()
    return written
