"""The kiosk's side of its systemd service (Type=notify, WatchdogSec=):

- READY=1 once the first frame is on screen, so `systemctl start` returns when a citizen can see
  the home screen, and a kiosk that never draws counts as failed to start;
- WATCHDOG=1 from a Clock interval, i.e. from the Kivy main loop itself: a UI thread that blocks or
  spins stops the pings, and systemd kills and restarts the kiosk after WatchdogSec (a worker
  thread that kept pinging would hide exactly the freeze the watchdog is for);
- STATUS= what `systemctl status kiosk` shows a technician: each part in order or not, and the
  ratings waiting to be uploaded.

Without $NOTIFY_SOCKET (a developer's shell, the tests' harness) nothing is scheduled at all.

    ServiceManagerLink(app).start()      # in KioskApp.on_start; stops itself with the app
"""
from __future__ import annotations

import logging
import time

from kivy.clock import Clock
from kivy.core.window import Window

from ..notify import Notifier
from ..services.metrics.state import parts_in_order

log = logging.getLogger(__name__)

STATUS_EVERY_S = 10.0    # without a watchdog, how often the STATUS line is refreshed


def status_line(works: dict[str, bool] | None, unsent: tuple[int, float | None] | None, now: float) -> str:
    """"reader ok, printer OUT OF ORDER, ...; 3 unsent ratings, oldest 2.0 h" for systemctl status."""
    if works is None:
        return "starting: the parts start after the first frame"
    parts = ", ".join(f"{part} {'ok' if ok else 'OUT OF ORDER'}" for part, ok in works.items())
    if unsent is None:
        return f"{parts}; unsent ratings not known yet"
    count, oldest = unsent
    text = f"{parts}; {count} unsent rating{'' if count == 1 else 's'}"
    if count and oldest is not None:
        age = max(0.0, now - oldest)
        text += f", oldest {age / 3600:.1f} h" if age >= 3600 else f", oldest {age / 60:.0f} min"
    return text


class ServiceManagerLink:
    def __init__(self, app, notifier: Notifier | None = None, clock=time.time):
        self.app = app
        self.notifier = notifier or Notifier()
        self._clock = clock
        self._event = None
        self._unsent: tuple[int, float | None] | None = None
        self._asking = False
        self.ready_sent = False
        self.pings = 0

    def start(self) -> "ServiceManagerLink":
        if not self.notifier.enabled:
            return self
        Window.bind(on_flip=self._on_flip)
        self._event = Clock.schedule_interval(self._tick, self.notifier.watchdog_interval_s or STATUS_EVERY_S)
        self.app.bind(on_stop=lambda *_: self.stop())
        log.info("telling systemd: ready after the first frame, %s", f"watchdog ping every "
                 f"{self.notifier.watchdog_interval_s:g} s" if self.notifier.watchdog_interval_s else "no watchdog")
        return self

    def stop(self) -> None:
        Window.unbind(on_flip=self._on_flip)
        if self._event is not None:
            self._event.cancel()
            self._event = None
            self.notifier.stopping()
        self.notifier.close()

    def status(self) -> str:
        services = self.app.services
        works = None if services.parts is None else parts_in_order(services.parts, services.out_of_order)
        return status_line(works, self._unsent, self._clock())

    # --- on the UI thread ------------------------------------------------------------------------
    def _on_flip(self, *_args) -> None:
        if self.app.root is None:     # a flip before the home screen is in the window
            return
        Window.unbind(on_flip=self._on_flip)
        self.ready_sent = self.notifier.ready(self.status())

    def _tick(self, _dt) -> None:
        if self.notifier.watchdog_interval_s:
            self.pings += self.notifier.ping(self.status())
        else:
            self.notifier.status(self.status())
        self._ask_outbox()

    def _ask_outbox(self) -> None:
        """The unsent count is read on a worker: the ratings database is on disk, and the UI thread
        never waits for a disk."""
        ratings = self.app.services.ratings
        if ratings is None or self._asking:
            return
        self._asking = True

        def done(summary) -> None:
            self._asking = False
            self._unsent = (int(summary[0]), summary[1])

        def failed(error) -> None:
            self._asking = False
            log.debug("unsent ratings not read for the status line: %s", error)

        self.app.services.work.submit(lambda _job: ratings.outbox_summary(), name="status line: outbox",
                                      timeout=10, scope="app", on_result=done, on_error=failed)
