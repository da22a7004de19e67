"""The 运维诊断 part of the headless tour (kiosk/cli/tour.py calls `diag_tour(kiosk, shot)`
with a started HeadlessKiosk, devices running, and its shot(name) function).

It walks the hidden entry as a technician does — five taps on the hall name, the PIN on the
pad — then the checks screen: all well, the printer out of paper, and a test card read with
masked fields; `pin_lockout` then enters five wrong PINs. It needs a PIN: the configuration's
pin_hash when `pin` is given, otherwise a temporary demonstration PIN set for the walk only. It
leaves the app on the home screen with the virtual devices as it found them.

Some details differ on every run: a temporary folder's random name, a simulator's ephemeral
port, the measured latency and clock skew, the free disk space, the uptime. The walk shows fixed
stand-ins for them (`tour_readings`), through the checks' injectable readings (DiagContext), so
two tours draw the same pictures; each check still decides its status on what it finds."""
from __future__ import annotations

import re
import tempfile
from contextlib import contextmanager
from dataclasses import replace

DEMO_PIN = "246810"
WRONG_PIN = "135791"

# The stand-ins the tour shows (see the module's docstring).
TOUR_FREE_BYTES = 48 * 1024 ** 3
TOUR_UPTIME_S = 5400.0
TOUR_PORT = "8080"
TOUR_LATENCY_MS = "12"
_MKDTEMP_SUFFIX = re.compile(r"[-_]?[a-z0-9_]{8}$")     # tempfile.mkdtemp's random name, after the prefix


def stand_in(kind: str, value: str) -> str:
    """DiagContext.shown for the tour: the same text on every run for a value that is not."""
    if kind == "path":
        tmp = tempfile.gettempdir().rstrip("/") + "/"
        if value.startswith(tmp):
            first, _, rest = value[len(tmp):].partition("/")
            return tmp + _MKDTEMP_SUFFIX.sub("", first) + (f"/{rest}" if rest else "")
        return value
    if kind == "url":
        return re.sub(r"^(\w+://[^/:]+):\d+", rf"\1:{TOUR_PORT}", value)
    if kind == "latency_ms":
        return TOUR_LATENCY_MS
    if kind == "skew_s":
        return "+0.0" if "." in value else "+0"
    return value


def tour_readings() -> dict:
    """The DiagContext options the tour's checks screen runs with."""
    return {"free_space": lambda _path: TOUR_FREE_BYTES, "started_at": 0.0, "monotonic": lambda: TOUR_UPTIME_S,
            "shown": stand_in}


@contextmanager
def fixed_readings(kiosk):
    """The checks screen runs with `tour_readings` for the walk (built now if it was not yet:
    screens are built on first use, and its first checks run as it opens)."""
    from ..screens import build_screen

    screens = kiosk.app.screen_manager
    if not screens.has_screen("diag_checks"):
        screens.add_widget(build_screen("diag_checks"))
    screen = screens.get_screen("diag_checks")
    original = screen.context_options
    screen.context_options = tour_readings()
    try:
        yield
    finally:
        screen.context_options = original


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


def refreshed(kiosk, screen, shows) -> None:
    """Checks again, and waits for the list to show what `shows()` expects."""
    def ready() -> bool:
        if screen.checking:
            return False
        if shows():
            return True
        screen.refresh()
        return False

    if not kiosk.wait_until(ready, timeout=30):
        raise TimeoutError("diagnostics tour: the checks did not show the expected state")


def diag_tour(kiosk, shot, pin: str | None = None) -> None:
    app = kiosk.app
    with demo_pin(kiosk, pin) as pin, fixed_readings(kiosk):
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
            refreshed(kiosk, screen, lambda: screen.row("printer.paper").status_text == app.t("diag.status.ok"))
        if simulated is not None and simulated.reader is not None:
            screen.read_test()
            simulated.reader.place(next(iter(simulated.reader.people)))
            kiosk.wait_until(lambda: not screen.reading, timeout=10)
            screen.ids.scroll.scroll_y = 0     # the storage and app checks, beside the read result
            shot("diag-read-test")
            simulated.reader.lift()
        screen.leave()
        kiosk.settle()
