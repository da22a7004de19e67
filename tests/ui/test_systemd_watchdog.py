"""The watchdog pings come from the Kivy main loop itself: while the UI thread does not turn, no
ping leaves, whatever other threads do; and READY=1 waits for the first frame of the home screen.
The app runs headless with NOTIFY_SOCKET pointing at a real datagram socket."""
from __future__ import annotations

import threading
import time

import pytest

from tests.conftest import config_with
from tests.notify_listener import NotifyListener

PING_S = 0.1     # WATCHDOG_USEC of 0.2 s: a ping every 0.1 s


@pytest.fixture
def listener(monkeypatch):
    found = NotifyListener()
    for key, value in found.env(watchdog_s=2 * PING_S).items():
        monkeypatch.setenv(key, value)
    yield found
    found.close()


def pump_for(kiosk, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kiosk.pump(1)


def test_ready_is_sent_only_after_the_first_frame_of_the_home_screen(listener, default_config, clock):
    from kiosk.ui.boot import prepare_environment
    prepare_environment(offscreen=True)
    from kivy.core.window import Window

    from kiosk.testing.harness import HeadlessKiosk

    seen_before_draw: list[bool] = []

    def before_drawing(*_args):    # on_draw comes before the frame's flip, where READY may be sent
        if not seen_before_draw or not seen_before_draw[-1]:
            listener.drain()
            seen_before_draw.append(any("READY" in n for n in listener.received))

    Window.bind(on_draw=before_drawing)
    kiosk = HeadlessKiosk(config_with(default_config, ui={"allow_exit": False}), clock=clock)
    try:
        pump_for(kiosk, 0.3)
        listener.drain()
        ready = [n for n in listener.received if "READY" in n]
        assert len(ready) == 1, listener.received
        assert seen_before_draw[0] is False, "READY was sent before the first frame was drawn"
        assert ready[0].fields["STATUS"].startswith("starting"), ready[0].fields   # parts not started here
    finally:
        Window.unbind(on_draw=before_drawing)
        kiosk.close()


def test_a_blocked_main_loop_sends_no_pings_while_other_threads_run(listener, default_config, clock):
    from kiosk.testing.harness import HeadlessKiosk

    kiosk = HeadlessKiosk(config_with(default_config, ui={"allow_exit": False}), clock=clock)
    busy = threading.Event()
    worker = threading.Thread(target=lambda: [time.sleep(0.01) for _ in range(300) if not busy.is_set()],
                              daemon=True)
    try:
        pump_for(kiosk, 0.6)
        turning = [n for n in listener.drain() if "WATCHDOG" in n]
        assert len(turning) >= 3, listener.received

        worker.start()                          # another thread keeps running ...
        time.sleep(6 * PING_S)                  # ... while the UI thread is blocked (this test is it)
        blocked = [n for n in listener.drain() if "WATCHDOG" in n]
        # A ping already in flight when the block began may land; none after it.
        assert len(blocked) <= 1, blocked

        pump_for(kiosk, 0.6)
        assert len([n for n in listener.drain() if "WATCHDOG" in n]) >= 3, "pings did not resume"
    finally:
        busy.set()
        kiosk.close()
    assert any("STOPPING" in n for n in listener.collect(0.2)), "no STOPPING=1 when the app stopped"
