"""`kiosk card read|info`: read one card as JSON, or show the reader's SAM ID and status.

Exit codes: 0 done, 2 usage, 3 no reader (port missing, silent, unplugged), 4 no card in
time, 5 the card could not be read, 6 the SAM module failed. On failure exactly one line
goes to stderr saying what went wrong.
"""
from __future__ import annotations

import argparse
import json
import logging
import signal
import sys

from ..devices.idcard.errors import (CardReadFailed, InvalidCardContent, NoCardInTime, PortVanished, ReaderError,
                                    ReaderNotFound, ReaderNotResponding, ReaderTimeout, ResponseCorrupt, SamFault)
from ..devices.idcard.reader import BAUD_RATES, IdCardReader
from .arguments import seconds

EXIT_NO_READER, EXIT_NO_CARD, EXIT_READ_FAILED, EXIT_SAM = 3, 4, 5, 6


def _exit_code(exc: ReaderError) -> int:
    if isinstance(exc, (ReaderNotFound, ReaderNotResponding, PortVanished)):
        return EXIT_NO_READER
    if isinstance(exc, NoCardInTime):
        return EXIT_NO_CARD
    if isinstance(exc, SamFault):
        return EXIT_SAM
    return EXIT_READ_FAILED


def _explain(exc: ReaderError) -> str:
    if isinstance(exc, (ReaderNotFound, ReaderNotResponding, PortVanished)):
        return f"no reader: {exc}"
    if isinstance(exc, NoCardInTime):
        return f"no card: {exc} (a card left on the reader since its last read must be lifted and placed again)"
    if isinstance(exc, SamFault):
        return f"reader SAM failure: {exc}"
    if isinstance(exc, InvalidCardContent):
        return f"card refused: {exc}; reading it again gives the same, the holder should go to the service window"
    if isinstance(exc, CardReadFailed):
        return f"read failed: {exc}; lift the card and place it again"
    if isinstance(exc, (ResponseCorrupt, ReaderTimeout)):
        return f"read failed: {exc}; check the cable and the baud rate"
    return f"read failed: {exc}"


def _emit(obj) -> None:
    sys.stdout.buffer.write((json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8"))
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="kiosk card", description="resident ID card reader (GA 467)")
    sub = ap.add_subparsers(dest="action", required=True)
    rd = sub.add_parser("read", help="wait for one card and print it as one JSON object")
    info = sub.add_parser("info", help="print the reader's SAM ID and status")
    for p in (rd, info):
        p.add_argument("--port", required=True, help="serial device, e.g. /dev/ttyUSB0")
        p.add_argument("--baud", type=int, default=115200, choices=BAUD_RATES,
                       help="rate to try first (115200 down to 9600 are probed)")
    rd.add_argument("--timeout", type=seconds, default=30.0, metavar="S", help="how long to wait for a card")
    rd.add_argument("--fingerprint", action="store_true", help="also read the fingerprint data")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    logging.getLogger("kiosk.devices.idcard").setLevel(logging.ERROR)   # one line on failure, not more

    reader = IdCardReader(args.port, args.baud, read_fingerprint=getattr(args, "fingerprint", False))
    signal.signal(signal.SIGTERM, lambda *_: reader.cancel())
    try:
        reader.open()
        if args.action == "info":
            info_ = reader.sam_info()
            _emit({"port": args.port, "baud": reader.baud, "sam_id": info_.sam_id, "status": info_.status.name})
        else:
            card = reader.wait_for_card(args.timeout)
            _emit(card.to_json_dict())
        return 0
    except ReaderError as exc:
        print(f"kiosk card {args.action}: {_explain(exc)}", file=sys.stderr)
        return _exit_code(exc)
    except KeyboardInterrupt:
        print(f"kiosk card {args.action}: interrupted", file=sys.stderr)
        return 130
    finally:
        reader.dispose()
