"""Every command piped into a reader that stops early (`kiosk i18n missing mn | head`) ends
quietly, as other command-line tools do, instead of with a BrokenPipeError traceback."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kiosk.paths import ROOT


def run_into_a_closed_pipe(*args: str) -> tuple[int, str]:
    """Runs `kiosk ARGS` with stdout a pipe whose reader is already gone, like `| head` after its lines."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        child = subprocess.Popen([sys.executable, "-m", "kiosk", *args], cwd=ROOT, stdout=write_end,
                                 stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    _out, err = child.communicate(timeout=60)
    return child.returncode, err


@pytest.mark.parametrize("args", [("i18n", "missing", "mn"), ("--help",)])
def test_a_reader_that_stops_early_ends_the_command_quietly(args):
    code, err = run_into_a_closed_pipe(*args)
    assert err == "", err
    assert code == 141          # as a tool ended by SIGPIPE: `set -o pipefail` still sees it


def test_a_decoded_slip_into_a_closed_pipe_ends_quietly(tmp_path):
    sample = tmp_path / "receipt.bin"
    subprocess.run([sys.executable, "-m", "kiosk", "print", "sample", "receipt", "--out", str(sample)], cwd=ROOT,
                   check=True, capture_output=True, timeout=60)
    code, err = run_into_a_closed_pipe("print", "decode", str(sample))
    assert (code, err) == (141, "")


@pytest.mark.parametrize("args", [("print", "--help"), ("card", "read", "--help"), ("i18n", "--help")])
def test_argparse_help_into_a_closed_pipe_ends_quietly(args):
    _code, err = run_into_a_closed_pipe(*args)
    assert err == "", err


def test_a_long_listing_into_head_keeps_only_heads_lines():
    done = subprocess.run(f"{sys.executable} -m kiosk i18n missing mn | head -n 2", shell=True, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.count("\n") == 2
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


def test_output_that_is_read_is_unchanged():
    done = subprocess.run([sys.executable, "-m", "kiosk", "i18n", "missing", "mn"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.count("\n") > 100
