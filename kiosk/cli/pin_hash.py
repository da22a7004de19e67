"""`kiosk pin-hash`: reads a technicians' PIN (asked twice on a terminal, or one line from
stdin) and prints its salted scrypt hash for [diagnostics] pin_hash. The PIN itself is never
printed or logged. PINs guessed first are refused: fewer than 6 digits, one digit repeated, a
straight run up or down, anything but the digits 0-9 of the PIN pad."""
from __future__ import annotations

import argparse
import getpass
import sys


def main(argv: list[str]) -> int:
    argparse.ArgumentParser(prog="kiosk pin-hash", description=__doc__).parse_args(argv)
    from ..services.diagnostics.pin import CHOOSE, PinRejected, hash_pin

    if sys.stdin.isatty():
        pin = getpass.getpass(f"new diagnostics PIN ({CHOOSE}): ")
        if getpass.getpass("again: ") != pin:
            print("kiosk pin-hash: the two PINs differ; type the same PIN twice", file=sys.stderr)
            return 2
    else:
        # Bytes, not text: a line that is not UTF-8 is refused like any other bad PIN, not a traceback.
        pin = sys.stdin.buffer.readline().decode("utf-8", errors="replace").strip()
    try:
        print(hash_pin(pin))
    except PinRejected as exc:
        print(f"kiosk pin-hash: {exc}", file=sys.stderr)
        return 2
    return 0
