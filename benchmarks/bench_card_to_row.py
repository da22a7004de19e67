"""Card placed -> first row of 办件进度查询 on screen, end to end, with the ratio to the sum of its parts.

    python -m benchmarks card_to_row [--runs 20]

The real app, headless (kiosk.testing.harness.HeadlessKiosk with its parts as the embedded default
starts them: the real reader driver on the virtual reader's pty, the real platform client against
the platform simulator over HTTP on 127.0.0.1). Each run: the 办件进度查询 tile, a card placed on the
virtual reader, then the clock stops at the first frame drawn (Window on_flip) with a row of the
list in it. The segments of each run, seen from the app's side:

    card      placement -> the card's record in the app (reader driver, delivery to the UI thread)
    shown     the record -> the list screen entered: the masked name stays [ui] show_identity_s by design,
              then the screens' fade (0.15 s)
    platform  the list screen entered -> the platform's answer back on the UI thread
    layout    the answer -> the first frame drawn with a row in it

and the parts they are compared with, each measured alone:

    reader floor   wire time of the bytes from placement to record at the configured rate plus the
                   virtual reader's processing delays (as benchmarks/bench_idcard.py computes it)
    shown          the configured dwell
    platform call  the same lookup (PlatformClient.applications_of) called directly, on this thread
    layout         the layout segment itself (it has no smaller part to compare with)

ratio = end to end / (reader floor + shown + platform call + layout): what the kiosk's own plumbing
(polling, thread hand-overs, frame pacing) adds on top of what physics, design and the platform cost.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from .bench_idcard import exchange_bytes
from .machine import describe

PERSON = "bateer"


def one_run(kiosk, stamps: dict) -> dict:
    from kiosk.flows import status as status_flow

    app = kiosk.app
    app.go_home()
    kiosk.settle()
    flow = next(f for f in app.flows if f.key == "status")
    app.start_flow(flow)
    kiosk.settle()
    stamps.clear()
    t0 = time.monotonic()
    kiosk.simulated.reader.place(PERSON)
    if not kiosk.wait_until(lambda: "drawn" in stamps, timeout=30):
        screen = app.screen_manager.current_screen
        raise RuntimeError(f"no row drawn (seen: {sorted(stamps)}; on {screen.name}, "
                           f"{getattr(screen, 'message', '')!r}, {len(getattr(screen, 'ids', {}).get('rows', []).children if 'rows' in getattr(screen, 'ids', {}) else [])} rows)")
    # The same lookup, alone: the platform's part.
    lookup = status_flow.lookup_of(kiosk.services.session)
    started = time.monotonic()
    lookup.run(kiosk.services.platform)
    direct = time.monotonic() - started
    kiosk.simulated.reader.lift()
    kiosk.wait_until(lambda: not app.card_on_reader, timeout=10)
    app.end_session()
    kiosk.settle()
    return {"end_to_end": stamps["drawn"] - t0, "card": stamps["card"] - t0,
            "shown": stamps["entered"] - stamps["card"], "switch": stamps["switched"] - stamps["card"], "platform": stamps["answer"] - stamps["entered"],
            "layout": stamps["drawn"] - stamps["answer"], "platform_call": direct}


def instrument(kiosk, stamps: dict) -> None:
    """Each callback returns None: a Kivy handler returning a true value stops the event there
    (the screen's own on_enter would never run)."""
    app = kiosk.app
    screen = app.screen_manager.get_screen("status_list")

    def stamp(name: str, when: bool = True) -> None:
        if when:
            stamps.setdefault(name, time.monotonic())

    app.bind(card_on_reader=lambda _a, on: stamp("card", on))
    screen.bind(on_enter=lambda *_: stamp("entered"))
    app.screen_manager.bind(current=lambda _m, name: stamp("switched", name == "status_list"))
    screen.bind(loading=lambda _s, loading: stamp("answer", "entered" in stamps and not loading))
    screen.ids.rows.bind(children=lambda _r, children: stamp("row", bool(children)))
    kiosk.window.bind(on_flip=lambda *_: stamp("drawn", "row" in stamps))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks card_to_row", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)

    from kiosk.config import load_config
    from kiosk.devices.idcard.reader import wire_seconds
    from kiosk.paths import DEFAULT_CONFIG
    from kiosk.testing.clock import ManualClock
    from kiosk.testing.harness import HeadlessKiosk
    from kiosk.testing.soak import soak_config

    scratch = Path(tempfile.mkdtemp(prefix="kiosk-card-to-row-"))
    shipped = load_config(DEFAULT_CONFIG)
    config = soak_config(shipped, scratch)   # files under scratch; the card read shown as shipped:
    config = replace(config, ui=replace(config.ui, show_identity_s=shipped.ui.show_identity_s))
    kiosk = HeadlessKiosk(config, clock=ManualClock(), start_devices=True)
    try:
        stamps: dict = {}
        warm_up(kiosk)          # the list screen is built on first use: one run unmeasured builds it
        instrument(kiosk, stamps)
        runs = [one_run(kiosk, stamps) for _ in range(args.runs)]
        sim = kiosk.simulated.reader
        baud = kiosk.services.config.reader.baud
        floor = wire_seconds(exchange_bytes(), baud) + 4 * sim.processing_delay_s + sim.read_delay_s
        shown = kiosk.services.config.ui.show_identity_s
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        parts = floor + shown + med["platform_call"] + med["layout"]
        print(f"card placed -> first row on screen, 办件进度查询, median of {len(runs)} "
              f"({describe()}; load average {os.getloadavg()[0]:.2f})")
        print(f"  end to end        {1000 * med['end_to_end']:8.0f} ms   "
              f"(min {1000 * min(r['end_to_end'] for r in runs):.0f}, "
              f"max {1000 * max(r['end_to_end'] for r in runs):.0f})")
        print(f"    card            {1000 * med['card']:8.0f} ms   reader floor {1000 * floor:.0f} ms "
              f"({baud} baud, {exchange_bytes()} bytes + the virtual reader's delays)")
        print(f"    shown           {1000 * med['shown']:8.0f} ms   by design: [ui] show_identity_s = {shown:g} s, then the fade")
        print(f"      of which to the screen change {1000 * med['switch']:.0f} ms")
        print(f"    platform        {1000 * med['platform']:8.0f} ms   the same call alone "
              f"{1000 * med['platform_call']:.0f} ms")
        print(f"    layout          {1000 * med['layout']:8.0f} ms")
        print(f"  sum of the parts  {1000 * parts:8.0f} ms   ratio end to end / parts = "
              f"{med['end_to_end'] / parts:.2f}")
        return 0
    finally:
        kiosk.close()
        shutil.rmtree(scratch, ignore_errors=True)


def warm_up(kiosk) -> None:
    app = kiosk.app
    app.go_home()
    kiosk.settle()
    app.start_flow(next(f for f in app.flows if f.key == "status"))
    kiosk.simulated.reader.place(PERSON)
    screen = app.screen_manager
    if not kiosk.wait_until(lambda: screen.current == "status_list"
                            and len(screen.current_screen.ids.rows.children) > 0, timeout=30):
        raise RuntimeError("the warm-up run showed no list")
    kiosk.simulated.reader.lift()
    kiosk.wait_until(lambda: not app.card_on_reader, timeout=10)
    app.end_session()
    kiosk.settle()


if __name__ == "__main__":
    raise SystemExit(main())
