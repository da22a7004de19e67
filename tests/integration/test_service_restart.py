"""`kiosk run` as systemd runs it (Type=notify, WatchdogSec): after a SIGKILL and a restart the
kiosk is READY again with its print journal as it was (a job whose outcome nobody knows is still
offered as a 补打), and a stopped process sends no pings (what a frozen kiosk is to systemd; that a
blocked UI thread alone stops them is tests/ui/test_systemd_watchdog.py)."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kiosk.devices.printer.document import PrintDocument, Text
from kiosk.devices.printer.journal import PrintJournal
from kiosk.paths import DEFAULT_CONFIG, ROOT
from tests.notify_listener import NotifyListener

PING_S = 0.25


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(tmp_path: Path, port: int) -> Path:
    config = tmp_path / "kiosk.toml"
    config.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8")
                      .replace('dir = "var/log"', f'dir = "{tmp_path / "log"}"')
                      .replace('data_dir = "var/data"', f'data_dir = "{tmp_path / "data"}"')
                      .replace('output_dir = "var/prints"', f'output_dir = "{tmp_path / "prints"}"')
                      + f"\n[metrics]\nport = {port}\n", encoding="utf-8")
    return config


def start_kiosk(tmp_path: Path, config: Path, listener: NotifyListener) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "NOTIFY_SOCKET", "WATCHDOG_USEC")}
    env.update(listener.env(watchdog_s=2 * PING_S), KIVY_HOME=str(tmp_path / "kivy"))
    return subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--offscreen", "--config", str(config)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def stop(child: subprocess.Popen, sig=signal.SIGTERM) -> str:
    if child.poll() is None:
        child.send_signal(sig)
    return child.communicate(timeout=30)[1]


def wait_ready(listener: NotifyListener, child: subprocess.Popen):
    ready = listener.wait_for("READY", timeout=60)
    assert ready is not None, stop(child)[-3000:]
    return ready


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=40) as answer:
        return answer.read().decode("utf-8")


def awaiting_reprint(port: int, timeout: float = 20.0) -> float | None:
    """kiosk_print_jobs_awaiting_reprint once the parts are up (the server starts with them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            for line in get(f"http://127.0.0.1:{port}/metrics").splitlines():
                if line.startswith("kiosk_print_jobs_awaiting_reprint "):
                    return float(line.split()[1])
        except OSError:
            pass
        time.sleep(0.2)
    return None


@pytest.fixture
def listener():
    found = NotifyListener()
    yield found
    found.close()


def test_a_killed_kiosk_restarted_comes_back_with_its_job_offered_and_stopped_sends_no_pings(tmp_path, listener):
    # The journal as a SIGKILL in the middle of a job leaves it: the row says "sending".
    journal = PrintJournal(tmp_path / "data" / "print_journal.db")
    job = journal.add(PrintDocument(kind="receipt", blocks=(Text("办件回执"),), summary="receipt"))
    journal.mark(job, "sending", size_bytes=100)
    journal.close()
    port = free_port()
    config = write_config(tmp_path, port)

    first = start_kiosk(tmp_path, config, listener)
    try:
        wait_ready(listener, first)
        assert awaiting_reprint(port) == 1.0
    finally:
        stop(first, signal.SIGKILL)
    assert first.returncode == -signal.SIGKILL

    second = start_kiosk(tmp_path, config, listener)     # what Restart=always does
    try:
        started = time.monotonic()
        ready = wait_ready(listener, second)
        assert ready.at - started < 30
        assert awaiting_reprint(port) == 1.0, "the uncertain job was lost or printed unmarked by the restart"
        health = json.loads(get(f"http://127.0.0.1:{port}/health?fresh=1"))
        journal_check = next(r for r in health["report"]["results"] if r["check"] == "storage.print_journal")
        assert journal_check["status"] == "warning" and f"#{job} receipt" in journal_check["detail"], journal_check
        listener.collect(3 * PING_S)         # pings sent since the parts came up carry their states
        status = listener.received[-1].fields["STATUS"]
        assert "reader ok" in status and "printer ok" in status and "0 unsent ratings" in status, status

        # Stopped, it is what a frozen kiosk is to systemd: no pings until it runs again.
        second.send_signal(signal.SIGSTOP)
        time.sleep(0.05)
        listener.drain()
        assert [n for n in listener.collect(6 * PING_S) if "WATCHDOG" in n] == []
        second.send_signal(signal.SIGCONT)
        assert listener.wait_for("WATCHDOG", timeout=10) is not None
    finally:
        err = stop(second)
    assert "Traceback" not in err, err[-3000:]
    assert PrintJournal(tmp_path / "data" / "print_journal.db").get(job).state == "uncertain"
