"""`kiosk diag` asks the running kiosk of its configuration for a fresh health round (over /health
on loopback) instead of starting parts of its own, and says plainly when it runs the checks itself."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from kiosk.paths import DEFAULT_CONFIG, ROOT
from kiosk.parts import start_terminal
from kiosk.services.metrics.health_report import health_document
from kiosk.services.metrics.server import MetricsServer
from kiosk.services.parts import Parts
from kiosk.devices.idcard.events import ReaderListener
from kiosk.threads import ManualDelivery
from tests.conftest import config_with


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config_file(tmp_path, port: int):
    path = tmp_path / "kiosk.toml"
    path.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8")
                    .replace('dir = "var/log"', f'dir = "{tmp_path / "log"}"')
                    .replace('data_dir = "var/data"', f'data_dir = "{tmp_path / "data"}"')
                    .replace('output_dir = "var/prints"', f'output_dir = "{tmp_path / "prints"}"')
                    + f"\n[metrics]\nport = {port}\n", encoding="utf-8")
    return path


def diag(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"}
    return subprocess.run([sys.executable, "-m", "kiosk", "diag", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=90)


@pytest.fixture
def running(tmp_path):
    """The parts of a running kiosk of the configuration file, with its metrics server."""
    from kiosk.config import load_config

    port = free_port()
    path = config_file(tmp_path, port)
    terminal = start_terminal(load_config(path), ManualDelivery(), ReaderListener())
    assert terminal.metrics is not None and terminal.metrics.port == port
    yield path, terminal
    terminal.stop()


def test_diag_reports_the_running_kiosks_own_checks(running, tmp_path):
    path, terminal = running
    rounds = terminal.parts.health.rounds
    run = diag("--config", str(path), cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    first = run.stdout.splitlines()[0]
    assert first.startswith(f"checks from the running kiosk (pid {os.getpid()}, terminal SIM-150626-01"), first
    assert "a round run just now" in first
    assert run.stdout.splitlines()[1] == "parts: reader ok, printer ok, a4printer ok, platform ok, ratings ok, health ok"
    assert terminal.parts.health.rounds > rounds          # the kiosk ran the round, diag opened nothing
    assert "OK    reader.sam" in run.stdout and "No. 05.01-" in run.stdout


def test_diag_json_from_the_running_kiosk_keeps_its_format(running, tmp_path):
    path, _terminal = running
    run = diag("--json", "--config", str(path), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    assert all(set(r) == {"check", "status", "detail", "hint"} for r in results)
    assert "checks from the running kiosk" in run.stderr


def test_local_runs_the_checks_here_and_says_so(running, tmp_path):
    path, _terminal = running
    run = diag("--local", "--config", str(path), cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("checks run in this process, not by the kiosk: --local given")


def test_with_no_kiosk_running_diag_says_so_and_checks_itself(tmp_path):
    port = free_port()
    run = diag("--config", str(config_file(tmp_path, port)), cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith(f"checks run in this process, not by the kiosk: no running kiosk answers on "
                                 f"http://127.0.0.1:{port}"), run.stdout.splitlines()[0]
    assert "OK    reader.sam" in run.stdout


def test_another_kiosk_on_the_port_is_not_taken_for_this_one(default_config, tmp_path):
    from kiosk.cli.running_kiosk import ask_running_kiosk
    from kiosk.config import load_config

    other = config_with(default_config, storage={"data_dir": tmp_path / "elsewhere"})
    port = free_port()
    server = MetricsServer("127.0.0.1", port, None, lambda fresh: health_document(other, Parts())).start()
    try:
        answer = ask_running_kiosk(load_config(config_file(tmp_path, port)))
    finally:
        server.stop()
    assert isinstance(answer, str) and "is another one (terminal SIM-150626-01, data in" in answer, answer
