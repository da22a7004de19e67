"""`kiosk card read|info` and `kiosk sim idcard` as subprocesses against the virtual reader."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.devices.idcard.card import JSON_KEYS
from kiosk.sim.idcard_sim import start_virtual_reader

ROOT = Path(__file__).parents[2]


def kiosk(*args, timeout=20, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=env, cwd=ROOT, **kw)


@pytest.fixture
def sim():
    s = start_virtual_reader(115200, processing_delay_s=0.0, read_delay_s=0.0)
    yield s
    s.stop()


def test_read_prints_one_json_object_with_the_issue_keys(sim):
    sim.place("bateer")
    r = kiosk("card", "read", "--port", sim.port_path, "--timeout", "5")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("\n") == 1
    card = json.loads(r.stdout)
    assert tuple(card) == JSON_KEYS
    assert card["card_type"] == "resident" and card["nation"] == "蒙古" and card["gender"] == "男"
    assert card["valid_to"] == "长期" and card["birth_date"] == "1958-03-12"
    assert card["english_name"] is None and card["appended_addresses"] == []
    assert len(card["photo_wlt_sha256"]) == 64


def test_read_reports_a_failing_check_character(sim):
    sim.place("badcheck")
    card = json.loads(kiosk("card", "read", "--port", sim.port_path, "--timeout", "5").stdout)
    assert card["id_number_valid"] is False


def test_no_reader(tmp_path):
    r = kiosk("card", "read", "--port", str(tmp_path / "ttyUSB7"), "--timeout", "1")
    assert r.returncode == 3
    assert r.stdout == "" and r.stderr.count("\n") == 1 and "no reader" in r.stderr


def test_no_card_in_time(sim):
    r = kiosk("card", "read", "--port", sim.port_path, "--timeout", "0.3")
    assert r.returncode == 4
    assert r.stderr.count("\n") == 1 and "no card" in r.stderr


def test_read_failed_and_why(sim):
    sim.set_fault("read_fail")
    sim.place("wang")
    r = kiosk("card", "read", "--port", sim.port_path, "--timeout", "3")
    assert r.returncode == 5
    assert r.stderr.count("\n") == 1 and "read failed" in r.stderr and "SW3 41" in r.stderr


def test_info_prints_sam_id_and_status(sim):
    r = kiosk("card", "info", "--port", sim.port_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"port": sim.port_path, "baud": 115200,
                                    "sam_id": "05.01-20260101-0000150626-0001000042", "status": "SUCCESS"}


def test_info_with_a_failed_sam(sim):
    sim.set_fault("sam_selftest")
    r = kiosk("card", "info", "--port", sim.port_path)
    assert r.returncode == 6 and "SAM" in r.stderr and r.stderr.count("\n") == 1


def test_simulator_command_line_prints_its_port_first_and_takes_commands():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sim", "idcard", "--card", "chan"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", env=env, cwd=ROOT)
    try:
        port = proc.stdout.readline().strip()
        assert os.path.exists(port)
        r = kiosk("card", "read", "--port", port, "--timeout", "5")
        assert json.loads(r.stdout)["pass_number"] == "H01234567"
        proc.stdin.write("lift\nplace smith\n")
        proc.stdin.flush()
        assert proc.stdout.readline().startswith("lifted")
        assert proc.stdout.readline().startswith("placed smith")
        assert json.loads(kiosk("card", "read", "--port", port, "--timeout", "5").stdout)["nationality"] == "USA"
        proc.stdin.write("quit\n")
        proc.stdin.flush()
        assert proc.wait(5) == 0
        assert not os.path.exists(port)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_sim_stops_on_sigint_even_when_started_with_sigint_ignored():
    """A simulator started with `&` from a script inherits SIGINT ignored; kill -INT still ends it."""
    import signal
    import time

    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sim", "idcard"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert proc.stdout.readline().strip()
        time.sleep(1.0)      # serving, as in the test below
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)
    assert proc.returncode == 0


def test_sim_keeps_serving_when_started_in_the_background_with_no_stdin():
    import signal
    import time

    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sim", "idcard"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = proc.stdout.readline().strip()
        assert port
        time.sleep(1.0)
        assert proc.poll() is None  # stdin at EOF does not stop the reader
        assert os.path.exists(port)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)
    assert proc.returncode == 0
