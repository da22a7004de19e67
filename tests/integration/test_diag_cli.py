"""`kiosk diag` and `kiosk pin-hash` as a technician runs them: real processes, the embedded
default configuration starting its simulators inside the process, exit codes 0 / 1 / 2."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kiosk.paths import DEFAULT_CONFIG, ROOT
from kiosk.services.diagnostics.pin import verify_pin


def kiosk(args: list[str], cwd, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=cwd, env=env, input=stdin,
                          capture_output=True, text=True, timeout=60)


def config_file(tmp_path, **replacements: str):
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_embedded_default_all_pass_as_json(tmp_path):
    run = kiosk(["diag", "--json"], tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads(run.stdout)
    assert all(set(r) == {"check", "status", "detail", "hint"} for r in results)
    assert {r["status"] for r in results} == {"ok"}
    assert {"reader.sam", "printer.paper", "platform.clock", "storage.disk", "app.config"} <= {
        r["check"] for r in results}


def test_warnings_only_exit_1(tmp_path):
    pin_line = next(line for line in DEFAULT_CONFIG.read_text(encoding="utf-8").splitlines()
                    if line.startswith("pin_hash"))
    path = config_file(tmp_path, **{pin_line: 'pin_hash = ""'})
    run = kiosk(["diag", "--json", "--config", str(path)], tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    warned = [r for r in json.loads(run.stdout) if r["status"] != "ok"]
    assert [r["check"] for r in warned] == ["app.diagnostics_pin"]
    assert "kiosk pin-hash" in warned[0]["hint"]


def test_a_failure_exits_2_and_the_table_names_it(tmp_path):
    # A real reader that is not there; a real device also needs the settings of a terminal in service.
    from kiosk.services.diagnostics.pin import hash_pin
    pin_line = next(line for line in DEFAULT_CONFIG.read_text(encoding="utf-8").splitlines()
                    if line.startswith("pin_hash"))
    path = config_file(tmp_path, **{'simulated = true                     # the built-in virtual reader':
                                    'simulated = false\nport = "/dev/ttyKIOSK-not-there" #',
                                    pin_line: f'pin_hash = "{hash_pin("739154")}"',
                                    "allow_quit = true": "allow_quit = false",
                                    "allow_exit = true": "allow_exit = false"})
    run = kiosk(["diag", "--config", str(path)], tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "FAIL  reader.port" in run.stdout
    assert "-> check the reader's USB cable" in run.stdout


def test_a_broken_configuration_exits_2(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[ui\n", encoding="utf-8")
    run = kiosk(["diag", "--config", str(path)], tmp_path)
    assert run.returncode == 2
    assert "configuration error" in run.stderr


def test_print_test_on_the_virtual_printer(tmp_path):
    # A copy of the embedded default: its var/ is beside the copy, not the project's (nor the working directory's).
    run = kiosk(["diag", "print-test", "--config", str(config_file(tmp_path))], tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("OK    test page printed")
    assert list((tmp_path / "var" / "prints").iterdir())


def test_read_test_shows_masked_fields_only(tmp_path):
    from kiosk.sim.idcard_sim import load_people

    person = next(iter(load_people().values()))
    run = kiosk(["diag", "read-test"], tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "OK    card read" in run.stdout
    assert "id_number" in run.stdout and "********" in run.stdout
    assert person.get("id_number", "") not in run.stdout
    assert person.get("name", "") not in run.stdout


def test_pin_hash_reads_stdin_and_prints_a_verifiable_hash(tmp_path):
    run = kiosk(["pin-hash"], tmp_path, stdin="246810\n")
    assert run.returncode == 0, run.stderr
    encoded = run.stdout.strip()
    assert "246810" not in encoded
    assert verify_pin("246810", encoded) and not verify_pin("246811", encoded)


@pytest.mark.parametrize("pin", ["12", "abcd"])
def test_pin_hash_refuses_a_bad_pin(tmp_path, pin):
    run = kiosk(["pin-hash"], tmp_path, stdin=pin + "\n")
    assert run.returncode == 2
    assert run.stdout == ""
