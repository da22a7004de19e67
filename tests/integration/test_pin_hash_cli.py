"""`kiosk pin-hash` refuses PINs that are guessed first, and PINs the pad cannot type, in one
line saying what to choose; it never prints the PIN."""
from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.paths import ROOT
from kiosk.services.diagnostics.pin import verify_pin


def pin_hash(stdin: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "pin-hash"], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=30)


@pytest.mark.parametrize("typed", [b"1234\n", b"111111\n", b"123456\n", b"654321\n", b"0123456789\n",
                                   "１２３９８７\n".encode(), "٧٣٩١٦٤\n".encode(), b"73\xff9164\n", b"\n"])
def test_trivial_or_untypeable_pins_are_refused_in_one_line(typed):
    done = pin_hash(typed)
    err = done.stderr.decode()
    assert done.returncode == 2 and done.stdout == b""
    assert err.count("\n") == 1 and err.startswith("kiosk pin-hash: ") and "choose 6 to 12 digits" in err
    assert "Traceback" not in err


def test_a_good_pin_gets_its_hash():
    done = pin_hash(b"739164\n")
    assert done.returncode == 0, done.stderr
    encoded = done.stdout.decode().strip()
    assert verify_pin("739164", encoded) and "739164" not in encoded
