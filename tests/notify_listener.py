"""A service manager's end of sd_notify for the tests: a real AF_UNIX datagram socket that a
kiosk finds through NOTIFY_SOCKET, and the notifications it received, each with its arrival time."""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Notification:
    at: float                      # time.monotonic() on arrival
    fields: dict[str, str]

    def __contains__(self, key: str) -> bool:
        return key in self.fields


class NotifyListener:
    def __init__(self, abstract: bool = False):
        self._folder = None
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if abstract:
            name = f"kiosk-test-{os.getpid()}-{id(self)}"
            self.sock.bind(b"\0" + name.encode())
            self.name = "@" + name
        else:
            # A short folder of its own: a socket path is limited to 107 bytes.
            self._folder = tempfile.mkdtemp(prefix="notify-")
            self.name = os.path.join(self._folder, "notify")
            self.sock.bind(self.name)
        self.received: list[Notification] = []

    def env(self, watchdog_s: float | None = None) -> dict[str, str]:
        env = {"NOTIFY_SOCKET": self.name}
        if watchdog_s is not None:
            env["WATCHDOG_USEC"] = str(int(watchdog_s * 1e6))
        return env

    def drain(self) -> list[Notification]:
        """What arrived since the last call, without waiting."""
        return self.collect(0.0)

    def collect(self, seconds: float) -> list[Notification]:
        """Everything that arrives within `seconds` (and what was already queued)."""
        found = []
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            self.sock.settimeout(max(left, 0.0) if left > 0 else None)
            if left <= 0:
                self.sock.setblocking(False)
            try:
                data = self.sock.recv(65536)
            except (BlockingIOError, socket.timeout):
                break
            lines = data.decode("utf-8").splitlines()
            found.append(Notification(time.monotonic(), dict(line.split("=", 1) for line in lines if "=" in line)))
        self.received += found
        return found

    def wait_for(self, key: str, timeout: float) -> Notification | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for n in self.collect(min(0.2, deadline - time.monotonic())):
                if key in n:
                    return n
        return None

    def close(self) -> None:
        self.sock.close()
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
