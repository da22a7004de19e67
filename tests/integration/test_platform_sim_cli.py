"""`kiosk sim platform`: serves on 127.0.0.1 and takes fault commands on stdin."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config.platform import PlatformSettings
from kiosk.platform import PlatformClient, PlatformUnavailable

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli_sim():
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sim", "platform", "--port", "0", "--secret", "cli-secret-1",
                             "--today", "2026-11-25"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=5)


def command(proc, line: str) -> str:
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def test_serves_on_loopback_and_takes_fault_commands(cli_sim):
    banner = cli_sim.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+/kiosk/v1)", banner)
    assert match, banner
    assert "2026-11-25" in banner
    client = PlatformClient(PlatformSettings(secret="cli-secret-1", retries=0, read_timeout_s=2), "CLI-T1",
                            base_url=match.group(1))
    assert client.catalogue().items
    assert command(cli_sim, "fault error500 catalogue.get") == "fault error500 on catalogue.get"
    with pytest.raises(PlatformUnavailable):
        client.catalogue()
    assert command(cli_sim, "clear") == "faults cleared"
    assert client.catalogue().items
    assert command(cli_sim, "fault explode").startswith("error:")
    assert command(cli_sim, "quit") == "bye"
    assert cli_sim.wait(timeout=10) == 0
