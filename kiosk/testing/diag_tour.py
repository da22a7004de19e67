"""The 运维诊断 part of the headless tour (kiosk/cli/tour.py calls `diag_tour(kiosk, shot)`
with a started HeadlessKiosk, devices running, and its shot(name) function).

It walks the hidden entry as a technician does — five taps on the hall name, the PIN on the
pad — then the checks screen: all well, the printer out of paper, and a test card read with
masked fields; `pin_lockout` then enters five wrong PINs. It needs a PIN: the configuration's
pin_hash when `pin` is given, otherwise a temporary demonstration PIN set for the walk only. It
leaves the app on the home screen with the virtual devices as it found them."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace

DEMO_PIN = "246810"
WRONG_PIN = "135791"


@contextmanager
def demo_pin(kiosk, pin: str | None):
    """The PIN to walk with: the configuration's when `pin` is given, else a demonstration PIN
    (with a quick hash) set for the walk only."""
    from ..services.diagnostics.pin import hash_pin

    services = kiosk.services
    original = services.config
    if pin is None:
        pin = DEMO_PIN
        services.config = replace(original, diagnostics=replace(original.diagnostics,
                                                                 pin_hash=hash_pin(DEMO_PIN, n=2 ** 12)))
    try:
        yield pin
    finally:
        services.config = original


def open_pin_pad(kiosk):
    """Five taps on the hall name, as a technician does."""
    kiosk.app.go_home()
    kiosk.settle()
    for _ in range(5):
        kiosk.tap(kiosk.screen.ids.hall_name, frames=1)
    return kiosk.screen


def pin_lockout(kiosk, shot, pin: str | None = None) -> None:
    """Five wrong PINs: the pad locks and says until when. The lock stays (on disk): walk it last."""
    app = kiosk.app
    with demo_pin(kiosk, pin):
        pad = open_pin_pad(kiosk)
        for _ in range(5):
            for digit in WRONG_PIN:
                pad.press(digit)
            pad.submit()
            kiosk.wait_until(lambda: not pad.busy, timeout=10)
        kiosk.wait_until(lambda: pad.locked, timeout=5)
        shot("diag-pin-locked")
        app.end_session()
        kiosk.settle()


def diag_tour(kiosk, shot, pin: str | None = None) -> None:
    app = kiosk.app
    with demo_pin(kiosk, pin) as pin:
        pad = open_pin_pad(kiosk)
        for digit in pin[:3]:
            pad.press(digit)
        shot("diag-pin")
        for digit in pin[3:]:
            pad.press(digit)
        pad.submit()
        kiosk.wait_until(lambda: app.screen_manager.current == "diag_checks", timeout=10)
        screen = kiosk.screen
        kiosk.wait_until(lambda: screen.report is not None and not screen.checking, timeout=30)
        shot("diag-checks")

        simulated = kiosk.simulated
        if simulated is not None and simulated.printer is not None:
            simulated.printer.set_state(paper="out")
            screen.refresh()
            kiosk.wait_until(lambda: not screen.checking, timeout=30)
            kiosk.wait_until(lambda: screen.row("printer.paper") is not None
                             and screen.row("printer.paper").status_text != app.t("diag.status.ok"), timeout=5)
            shot("diag-checks-paper-out")
            simulated.printer.set_state(paper="ok")
        if simulated is not None and simulated.reader is not None:
            screen.read_test()
            simulated.reader.place(next(iter(simulated.reader.people)))
            kiosk.wait_until(lambda: not screen.reading, timeout=10)
            screen.ids.scroll.scroll_y = 0     # the storage and app checks, beside the read result
            shot("diag-read-test")
            simulated.reader.lift()
        screen.leave()
        kiosk.settle()
