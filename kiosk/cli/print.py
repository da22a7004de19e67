"""`kiosk print ...`: sample documents as ESC/POS bytes, and reading such bytes back.

    kiosk print sample receipt|certificate|rating [--width 58|80] [--profile NAME] [--reprint] --out FILE
    kiosk print decode FILE [--png OUT.png]      what a printer would print from FILE (text, QR payloads)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..services.documents import SAMPLES

DEFAULT_PROFILES = {58: "POS-5890", 80: "TM-T88III"}


def _sample(args) -> int:
    from ..devices.printer.encoder import EncoderOptions, encode_document
    from ..devices.printer.errors import PrinterConfigError
    from ..devices.printer.profile import PrinterProfile
    try:
        profile = PrinterProfile.from_escpos(args.profile or DEFAULT_PROFILES[args.width], args.width,
                                             qr_mode=args.qr)
    except PrinterConfigError as e:
        print(f"kiosk print: {e}", file=sys.stderr)
        return 2
    out = Path(args.out)
    problem = _unwritable(out)
    if problem:
        print(f"kiosk print: {problem}", file=sys.stderr)
        return 2
    document = SAMPLES[args.document](args.reprint)
    data = encode_document(document, profile, EncoderOptions(encoding=args.encoding))
    try:
        out.write_bytes(data)
    except OSError as e:
        print(f"kiosk print: cannot write {out}: {e.strerror or e}", file=sys.stderr)
        return 1
    qr = "native QR" if profile.native_qr else "raster QR"
    print(f"{out}: {len(data)} bytes, {args.document}, {profile.name} {profile.paper_width_mm} mm, "
          f"{profile.columns} columns, {qr}, {args.encoding}")
    return 0


def _unwritable(out: Path) -> str:
    """Why `out` cannot be written, or "". A folder that is not there is not made: a mistyped
    path must not leave new folders behind."""
    folder = out.parent
    if out.is_dir():
        return f"{out} is a folder; give a file name for the output"
    if not folder.exists():
        return f"{folder}: no such folder; create it first or give an --out in an existing folder"
    if not folder.is_dir():
        return f"{folder} is not a folder; give an --out in an existing folder"
    return ""


def _decode(args) -> int:
    from ..sim.escpos_decode import ImageElement, QrElement, TextLine, decode
    problem = _unwritable(Path(args.png)) if args.png else ""
    if problem:
        print(f"kiosk print: --png: {problem}", file=sys.stderr)
        return 2
    try:
        data = Path(args.file).read_bytes()
    except OSError as e:
        print(f"kiosk print: cannot read {args.file}: {e.strerror or e}", file=sys.stderr)
        return 1
    jobs = decode(data)
    for i, job in enumerate(jobs, 1):
        print(f"--- job {i}: {'cut' if job.cut else 'no cut'}{'' if job.complete else ', incomplete'}")
        for el in job.elements:
            if isinstance(el, TextLine):
                print(el.text.rstrip())
            elif isinstance(el, QrElement):
                print(f"[QR, module {el.module}, EC {el.ec}] {el.payload}")
            elif isinstance(el, ImageElement):
                print(f"[image {el.width}x{el.height}]")
        if job.unknown:
            print(f"[unknown commands] {', '.join(job.unknown)}")
        if args.png:
            from ..sim.escpos_render import render_png
            path = Path(args.png) if len(jobs) == 1 else Path(args.png).with_name(f"{Path(args.png).stem}-{i}.png")
            try:
                render_png(job, path, 384 if args.width == 58 else 512)
            except OSError as e:
                print(f"kiosk print: cannot write {path}: {e.strerror or e}", file=sys.stderr)
                return 1
            print(f"[png] {path}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk print", description="receipt printer documents as ESC/POS bytes")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="write a sample document's ESC/POS bytes to a file")
    s.add_argument("document", choices=sorted(SAMPLES))
    s.add_argument("--width", type=int, choices=(58, 80), default=80, help="paper width in mm")
    s.add_argument("--profile", help="python-escpos profile (default: POS-5890 for 58 mm, TM-T88III for 80 mm)")
    s.add_argument("--encoding", choices=("gb18030", "gbk"), default="gb18030")
    s.add_argument("--qr", choices=("auto", "native", "raster"), default="auto")
    s.add_argument("--reprint", action="store_true", help="mark the document 补打")
    s.add_argument("--out", required=True, help="file to write the bytes to")
    d = sub.add_parser("decode", help="show what a printer would print from an ESC/POS file")
    d.add_argument("file")
    d.add_argument("--png", help="also render the slip to this PNG")
    d.add_argument("--width", type=int, choices=(58, 80), default=80)
    args = parser.parse_args(argv)
    return _sample(args) if args.command == "sample" else _decode(args)
