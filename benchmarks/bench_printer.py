"""Receipt printing: bytes per document, native vs. raster-image rendering, time on the wire,
and the time to lay out and encode a document.

    .venv/bin/python -m benchmarks.bench_printer [--repeat 100]

Native: text through the Chinese writer + GS ( k QR (80 mm, TM-T88III) or a raster QR only
(58 mm, POS-5890: no native QR). Raster: the same slip rendered to one bit image (GS v 0 bands),
which is what printing a whole document "as an image" sends. Wire time = bytes x 10 bits / baud
(8N1 serial); a network printer is limited by its own print speed instead.
"""
from __future__ import annotations

import argparse
import statistics
import time

from PIL import Image

from benchmarks.machine import describe
from kiosk.devices.printer.encoder import EscPosEncoder
from kiosk.devices.printer.profile import PrinterProfile
from kiosk.devices.printer.raster import image_raster
from kiosk.services.documents import (certificate_document, rating_document, receipt_document, sample_certificate,
                                      sample_rating, sample_receipt)
from kiosk.sim.escpos_decode import decode
from kiosk.sim.escpos_render import MARGIN, render_job

DOCUMENTS = {
    "receipt": lambda: receipt_document(sample_receipt()),
    "certificate": lambda: certificate_document(sample_certificate()),
    "rating": lambda: rating_document(sample_rating()),
}
PROFILES = {
    "80 mm TM-T88III": PrinterProfile.from_escpos("TM-T88III", 80),
    "58 mm TM-T88III": PrinterProfile.from_escpos("TM-T88III", 58),
    "58 mm POS-5890": PrinterProfile.from_escpos("POS-5890", 58),
}
TARGET_RECEIPT_BYTES = 2048


def wire_seconds(n: int, baud: int) -> float:
    return n * 10 / baud


def raster_document(native: bytes, profile: PrinterProfile) -> bytes:
    """The same slip as one bit image: rendered from what the native bytes print, then GS v 0."""
    (job,) = decode(native)
    page = render_job(job, profile.dots).convert("L")
    printable = page.crop((MARGIN, MARGIN, MARGIN + profile.dots, page.height - MARGIN))
    bw = printable.point(lambda v: 0 if v < 128 else 255).convert("1", dither=Image.Dither.NONE)
    return b"\x1b@" + image_raster(bw) + b"\x1dV\x42\x00"


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_printer")
    parser.add_argument("--repeat", type=int, default=100, help="repetitions for the layout+encode median")
    args = parser.parse_args(argv or [])
    print(f"machine: {describe()}")
    print()
    print(f"{'document':<12} {'printer':<16} {'rendering':<14} {'bytes':>7} {'9600 baud':>10} {'115200 baud':>12}")
    receipt_ok = True
    for pname, profile in PROFILES.items():
        enc = EscPosEncoder(profile)
        for dname, build in DOCUMENTS.items():
            native = enc.encode(build())
            image = raster_document(native, profile)
            label = "native" if profile.native_qr else "text+raster QR"
            for kind, data in ((label, native), ("raster", image)):
                print(f"{dname:<12} {pname:<16} {kind:<14} {len(data):>7} {wire_seconds(len(data), 9600):>9.2f}s "
                      f"{wire_seconds(len(data), 115200):>11.3f}s")
            if dname == "receipt" and profile.native_qr and len(native) >= TARGET_RECEIPT_BYTES:
                receipt_ok = False
    print()
    print(f"target: receipt < {TARGET_RECEIPT_BYTES} bytes with native QR: {'met' if receipt_ok else 'NOT MET'}")
    print()
    print(f"layout + encode, median of {args.repeat}:")
    for pname, profile in PROFILES.items():
        enc = EscPosEncoder(profile)
        for dname, build in DOCUMENTS.items():
            ms = median_ms(lambda: enc.encode(build()), args.repeat)
            print(f"  {dname:<12} {pname:<16} {ms:8.3f} ms")
    print()
    rrepeat = max(3, args.repeat // 10)
    print(f"raster rendering of the whole receipt (decode + draw + pack), median of {rrepeat}:")
    for pname, profile in PROFILES.items():
        native = EscPosEncoder(profile).encode(DOCUMENTS["receipt"]())
        ms = median_ms(lambda: raster_document(native, profile), rrepeat)
        print(f"  receipt      {pname:<16} {ms:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
