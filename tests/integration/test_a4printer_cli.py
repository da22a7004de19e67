"""`kiosk print sample ... --paper a4`, `kiosk print file FILE.pdf --printer URI`, `kiosk sim
a4printer` and `kiosk diag a4-print-test` as a technician runs them: the exit status says whether
the job completed, and anything else is one line with the reason."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.cli import print as print_cli
from kiosk.sim.a4printer_sim import start_virtual_a4_printer
from tests.integration.a4_tools import page_sizes_mm, qr_codes, text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def printer(tmp_path):
    vp = start_virtual_a4_printer(tmp_path / "prints", page_s=0.01)
    yield vp
    vp.stop()


@pytest.mark.parametrize("kind, words", [("certificate", "自助终端打印"), ("receipt", "办件回执"),
                                         ("notice", "办件告知单")])
def test_sample_writes_an_a4_pdf(tmp_path, capsys, kind, words):
    out = tmp_path / f"{kind}.pdf"
    assert print_cli.main(["sample", kind, "--paper", "a4", "--out", str(out)]) == 0
    pdf = out.read_bytes()
    assert set(page_sizes_mm(pdf)) == {(210.0, 297.0)} and words in "".join(text(pdf).split())
    said = capsys.readouterr().out
    assert f"{len(pdf)} bytes" in said and "A4 page(s)" in said


def test_the_sample_certificate_copy_carries_its_verification_qr(tmp_path):
    out = tmp_path / "copy.pdf"
    print_cli.main(["sample", "certificate", "--paper", "a4", "--reprint", "--out", str(out)])
    pdf = out.read_bytes()
    assert "【补打】" in "".join(text(pdf, 2).split())
    assert any(code.startswith("https://zwfw.example.invalid/verify?code=") for code in qr_codes(pdf, 2))


@pytest.mark.parametrize("argv, says", [
    (["sample", "notice", "--out", "x.pdf"], "the notice is an A4 paper: add --paper a4"),
    (["sample", "rating", "--paper", "a4", "--out", "x.pdf"], "no A4 rating"),
])
def test_samples_that_do_not_exist_are_refused_in_one_line(tmp_path, capsys, monkeypatch, argv, says):
    monkeypatch.chdir(tmp_path)
    assert print_cli.main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and not (tmp_path / "x.pdf").exists()


def test_a_file_printed_to_a_ready_printer_completes(tmp_path, capsys, printer):
    out = tmp_path / "receipt.pdf"
    print_cli.main(["sample", "receipt", "--paper", "a4", "--out", str(out)])
    capsys.readouterr()
    assert print_cli.main(["file", str(out), "--printer", printer.uri, "--timeout", "20"]) == 0
    said = capsys.readouterr()
    assert said.out.startswith("completed: printer job 1, pages 1 of 1") and said.err == ""
    assert printer.jobs[0].pdf_path.read_bytes() == out.read_bytes()


@pytest.mark.parametrize("state, reason", [({"paper": "out"}, "A4PaperOut"), ({"jam": True}, "A4PaperJam"),
                                           ({"offline": True}, "A4PrinterOffline")])
def test_a_printer_that_cannot_print_ends_the_command_with_one_line(tmp_path, capsys, printer, state, reason):
    out = tmp_path / "receipt.pdf"
    print_cli.main(["sample", "receipt", "--paper", "a4", "--out", str(out)])
    capsys.readouterr()
    printer.set_state(**state)
    assert print_cli.main(["file", str(out), "--printer", printer.uri]) == 1
    err = capsys.readouterr().err
    assert reason in err and "nothing printed" in err and err.count("\n") == 1


def test_a_job_stopped_mid_way_says_the_outcome_is_uncertain(tmp_path, capsys, printer):
    out = tmp_path / "copy.pdf"
    print_cli.main(["sample", "certificate", "--paper", "a4", "--out", str(out)])
    capsys.readouterr()
    printer.set_fault(jam_after_pages=1)
    assert print_cli.main(["file", str(out), "--printer", printer.uri, "--timeout", "30"]) == 1
    err = capsys.readouterr().err
    assert "A4PaperJam" in err and "uncertain" in err and "1 page(s) counted" in err and err.count("\n") == 1


@pytest.mark.parametrize("make, argv_printer, says", [
    ("notpdf", None, "is not a PDF"),
    ("missing", None, "cannot read"),
    ("pdf", "http://printer/ipp/print", "--printer: not an ipp:// or ipps:// address"),
])
def test_a_bad_file_or_address_is_refused_in_one_line(tmp_path, capsys, printer, make, argv_printer, says):
    path = tmp_path / "doc.pdf"
    if make == "notpdf":
        path.write_text("hello")
    elif make == "pdf":
        print_cli.main(["sample", "receipt", "--paper", "a4", "--out", str(path)])
        capsys.readouterr()
    assert print_cli.main(["file", str(path), "--printer", argv_printer or printer.uri]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and printer.jobs == []


def test_a_printer_that_is_not_there_is_one_line(tmp_path, capsys):
    path = tmp_path / "doc.pdf"
    print_cli.main(["sample", "receipt", "--paper", "a4", "--out", str(path)])
    capsys.readouterr()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert print_cli.main(["file", str(path), "--printer", f"ipp://127.0.0.1:{port}/ipp/print"]) == 1
    err = capsys.readouterr().err
    assert "A4PrinterUnreachable" in err and "Connection refused" in err and err.count("\n") == 1


def test_the_simulator_console_takes_state_commands(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sim", "a4printer", "--port", "0", "--out",
                             str(tmp_path / "prints")], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        assert first.startswith("virtual A4 printer at ipp://127.0.0.1:")
        proc.stdout.readline()
        answers = proc.communicate("paper out\njam\ndoor open\ntoner low\noffline\nstate\nfly\nquit\n", timeout=20)[0]
        assert "paper='out'" in answers and "jam=True" in answers and "door_open=True" in answers
        assert "toner='low'" in answers and "offline=True" in answers and "unknown command 'fly'" in answers
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_diag_a4_print_test_prints_the_test_page_on_the_virtual_printer(tmp_path):
    config = (ROOT / "config" / "kiosk.toml").read_text(encoding="utf-8")
    path = tmp_path / "kiosk.toml"
    path.write_text(config.replace('dir = "var/log"', f'dir = "{tmp_path / "log"}"')
                    .replace('data_dir = "var/data"', f'data_dir = "{tmp_path / "data"}"')
                    .replace('output_dir = "var/prints"', f'output_dir = "{tmp_path / "prints"}"'), encoding="utf-8")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "kiosk", "diag", "a4-print-test", "--config", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("OK    A4 test page printed") and time.monotonic() - started < 60
    assert sorted(p.name for p in (tmp_path / "prints").glob("a4-*")) == ["a4-0001-1.png", "a4-0001.pdf"]
