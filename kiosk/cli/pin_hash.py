"""`kiosk pin-hash`: reads a technicians' PIN (asked twice on a terminal, or one line from
stdin) and prints its salted scrypt hash for [diagnostics] pin_hash. The PIN itself is never
printed or logged."""
from __future__ import annotations

import argparse
import getpass
import sys


def main(argv: list[str]) -> int:
    argparse.ArgumentParser(prog="kiosk pin-hash", description=__doc__).parse_args(argv)
    from ..services.diagnostics.pin import MAX_DIGITS, MIN_DIGITS, PinRejected, hash_pin

    if sys.stdin.isatty():
        pin = getpass.getpass(f"new diagnostics PIN ({MIN_DIGITS}-{MAX_DIGITS} digits): ")
        if getpass.getpass("again: ") != pin:
            print("kiosk pin-hash: the two PINs differ", file=sys.stderr)
            return 2
    else:
        pin = sys.stdin.readline().strip()
    try:
        print(hash_pin(pin))
    except PinRejected as exc:
        print(f"kiosk pin-hash: {exc}", file=sys.stderr)
        return 2
    return 0
