"""systemd's service notification protocol (sd_notify(3)): the few lines it needs, no library.

    notifier = Notifier()                  # reads $NOTIFY_SOCKET and $WATCHDOG_USEC
    notifier.send("READY=1", "STATUS=serving")
    notifier.watchdog_interval_s           # half of WatchdogSec=, or None when there is no watchdog

A notification is one datagram of "KEY=value" lines to the AF_UNIX socket named in $NOTIFY_SOCKET
(a path, or "@name" for the abstract namespace). With no $NOTIFY_SOCKET (not started by systemd,
a developer's shell, the tests) every call does nothing, so callers never ask.

Sending never blocks and never raises: the socket is non-blocking, so a manager that does not read
(or a full queue) drops one notification instead of stalling the UI thread, which sends the
watchdog pings. A failure is logged once.

$WATCHDOG_PID is deliberately not compared with our pid: under cage the service's main process is
the compositor and the kiosk is its child, so systemd names cage there; the unit's
NotifyAccess=all lets it accept the kiosk's pings.
"""
from __future__ import annotations

import logging
import os
import socket
from typing import Mapping

log = logging.getLogger(__name__)

# A watchdog ping every half of WatchdogSec= leaves a whole half for a late one (sd_watchdog_enabled(3)).
PING_FRACTION = 0.5


class Notifier:
    def __init__(self, environ: Mapping[str, str] | None = None):
        env = os.environ if environ is None else environ
        self.socket_name = env.get("NOTIFY_SOCKET", "")
        self.address = _address(self.socket_name)
        self.watchdog_interval_s = _watchdog_interval(env.get("WATCHDOG_USEC", ""))
        self._socket: socket.socket | None = None
        self._failed = False

    @property
    def enabled(self) -> bool:
        """Whether a service manager listens (systemd started us with Type=notify)."""
        return self.address is not None

    def send(self, *lines: str) -> bool:
        """Sends the lines as one notification; True when the datagram went out."""
        if self.address is None or not lines:
            return False
        data = "\n".join(lines).encode("utf-8")
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                self._socket.setblocking(False)
            self._socket.sendto(data, self.address)
        except OSError as exc:
            if not self._failed:
                log.warning("cannot notify the service manager at %s: %s", self.socket_name, exc.strerror or exc)
            self._failed = True
            return False
        self._failed = False
        return True

    def ready(self, status: str = "") -> bool:
        return self.send("READY=1", *((f"STATUS={status}",) if status else ()))

    def ping(self, status: str = "") -> bool:
        return self.send("WATCHDOG=1", *((f"STATUS={status}",) if status else ()))

    def status(self, text: str) -> bool:
        return self.send(f"STATUS={text}")

    def stopping(self) -> bool:
        return self.send("STOPPING=1")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _address(value: str) -> str | bytes | None:
    """The socket address of $NOTIFY_SOCKET: a path, "@name" (abstract: a leading NUL byte), or
    None when unset or of a kind this module does not speak (vsock: "vsock:...")."""
    if value.startswith("/"):
        return value
    if value.startswith("@") and len(value) > 1:
        return b"\0" + value[1:].encode("utf-8")
    if value:
        log.warning("NOTIFY_SOCKET=%r: neither a path nor an abstract socket; not notifying", value)
    return None


def _watchdog_interval(value: str) -> float | None:
    try:
        usec = int(value)
    except ValueError:
        return None
    return usec / 1e6 * PING_FRACTION if usec > 0 else None
