"""`kiosk print sample|decode` and `kiosk sim printer` as a technician runs them."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import print as print_cli
from kiosk.sim.escpos_decode import decode

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", ["receipt", "certificate", "rating"])
@pytest.mark.parametrize("width", [58, 80])
def test_sample_writes_escpos_bytes_that_read_back(tmp_path, capsys, kind, width):
    out = tmp_path / f"{kind}.bin"
    assert print_cli.main(["sample", kind, "--width", str(width), "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\x1b@\x1c&")
    (job,) = decode(data)
    assert "乌审旗政务服务中心" in job.text.replace("\n", "")
    assert f"{len(data)} bytes" in capsys.readouterr().out


def test_sample_reprint_and_gbk(tmp_path):
    out = tmp_path / "r.bin"
    assert print_cli.main(["sample", "receipt", "--reprint", "--encoding", "gbk", "--out", str(out)]) == 0
    assert decode(out.read_bytes())[0].lines[0] == "【补打】"


def test_decode_prints_text_and_qr_and_renders_png(tmp_path, capsys):
    out = tmp_path / "c.bin"
    print_cli.main(["sample", "certificate", "--out", str(out)])
    capsys.readouterr()
    assert print_cli.main(["decode", str(out), "--png", str(tmp_path / "c.png")]) == 0
    text = capsys.readouterr().out
    assert "仅供查验" in text and "[QR, module" in text and (tmp_path / "c.png").stat().st_size > 1000


def test_unknown_profile_is_one_line_and_exit_code_2(tmp_path, capsys):
    assert print_cli.main(["sample", "receipt", "--profile", "NOPE", "--out", str(tmp_path / "x")]) == 2
    assert "unknown printer profile" in capsys.readouterr().err


def test_sim_cli_prints_slips_and_answers_status_from_stdin_commands(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sim", "printer", "--port", "0", "--out", str(tmp_path)],
                            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        m = re.search(r"on 127\.0\.0\.1:(\d+)", first)
        assert m, first
        port = int(m.group(1))
        proc.stdout.readline()  # help hint
        sample = tmp_path / "r.bin"
        print_cli.main(["sample", "rating", "--out", str(sample)])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(sample.read_bytes() + b"\x10\x04\x04")
            assert s.recv(1) == b"\x12"
        assert "printed" in proc.stdout.readline()
        proc.stdin.write("paper out\n")
        proc.stdin.flush()
        assert "paper='out'" in proc.stdout.readline()
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(b"\x10\x04\x01\x10\x04\x04")
            assert s.recv(2) in (b"\x1a\x7e", b"\x1a")
        proc.stdin.write("quit\n")
        proc.stdin.flush()
        assert proc.wait(10) == 0
        assert len(list(tmp_path.glob("slip-*.png"))) == 1
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
