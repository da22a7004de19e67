"""Whether the platform can be used right now, for the home screen's banner.

The client reports every call's outcome here. The status goes offline when a call fails with
PlatformUnavailable (or the platform refuses the terminal's credentials, which leaves citizens
just as stranded) and comes back online by itself the first time any call gets a usable answer:
a success, or a refusal of the request itself (a 办件 not found shows the platform is there).
A malformed answer to one call says nothing about reachability and leaves the state alone.

Listeners are called only on a change, with a `PlatformState` snapshot. They run on the thread
whose call changed the state unless a `deliver` (see kiosk.threads) is given, which the
app sets so its listeners run on the UI thread.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

from ..threads import Deliver
from .errors import PlatformError, PlatformRejected, PlatformUnavailable

log = logging.getLogger(__name__)

ONLINE = "online"
OFFLINE = "offline"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class PlatformState:
    state: str                      # online | offline | unknown (nothing tried yet)
    since: float                    # time.time() of the last change
    reason: str = ""                # offline: connect | timeout | server_error | tls | credentials
    message_key: str = ""           # what the banner says (with the fallback) while offline

    @property
    def online(self) -> bool:
        return self.state == ONLINE

    @property
    def offline(self) -> bool:
        return self.state == OFFLINE


Listener = Callable[[PlatformState], None]


class PlatformStatus:
    def __init__(self, deliver: Deliver | None = None, clock: Callable[[], float] = time.time):
        self._deliver = deliver
        self._clock = clock
        self._lock = threading.Lock()
        self._state = PlatformState(UNKNOWN, clock())
        self._listeners: list[Listener] = []

    @property
    def current(self) -> PlatformState:
        with self._lock:
            return self._state

    @property
    def online(self) -> bool:
        return self.current.online

    @property
    def offline(self) -> bool:
        return self.current.offline

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Registers `listener`; returns a function that removes it (call it when the screen goes)."""
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)
        return remove

    def record_success(self) -> None:
        self._set(PlatformState(ONLINE, self._clock()))

    def record_failure(self, error: BaseException) -> None:
        """Feeds one call's failure; only those meaning "platform unusable" change the state."""
        if isinstance(error, PlatformUnavailable):
            self._set(PlatformState(OFFLINE, self._clock(), error.reason, "platform.offline_banner"))
        elif isinstance(error, PlatformRejected) and error.is_credentials:
            self._set(PlatformState(OFFLINE, self._clock(), "credentials", "platform.offline_banner"))
        elif not isinstance(error, PlatformError):
            log.debug("platform status ignores %s", type(error).__name__)

    def _set(self, new: PlatformState) -> None:
        with self._lock:
            old = self._state
            if old.state == new.state and old.reason == new.reason:
                return
            self._state = new
            listeners = list(self._listeners)
        log.info("platform %s%s", new.state, f" ({new.reason})" if new.reason else "")
        for listener in listeners:
            if self._deliver is not None:
                self._deliver(lambda listener=listener: listener(new))
            else:
                try:
                    listener(new)
                except Exception:  # noqa: BLE001 - one broken listener must not stop the others
                    log.exception("platform status listener failed")
