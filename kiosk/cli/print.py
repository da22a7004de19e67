"""`kiosk print ...`: sample documents as ESC/POS bytes or A4 PDFs, reading ESC/POS back, and
sending a PDF to an A4 printer.

    kiosk print sample receipt|certificate|rating [--width 58|80] [--profile NAME] [--reprint] --out FILE
    kiosk print sample certificate|receipt|notice --paper a4 [--reprint] --out FILE.pdf
    kiosk print decode FILE [--png OUT.png]      what a printer would print from FILE (text, QR payloads)
    kiosk print file FILE.pdf --printer URI [--timeout S]
                                                 send a PDF to an IPP printer or CUPS queue and wait for
                                                 the job's end: exit 0 when completed, else one line
                                                 with the reason and status 1 (2: the file or URI)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..services.documents import SAMPLES
from .arguments import seconds

DEFAULT_PROFILES = {58: "POS-5890", 80: "TM-T88III"}
A4_DOCUMENTS = {"certificate": "certificate copy (platform PDF and footer)", "receipt": "办件回执",
                "notice": "办件告知单"}


def _sample(args) -> int:
    if args.paper == "a4":
        return _sample_a4(args)
    if args.document not in SAMPLES:
        print(f"kiosk print: the {args.document} is an A4 paper: add --paper a4", file=sys.stderr)
        return 2
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


def _sample_a4(args) -> int:
    from ..devices.a4printer.reprint_stamp import stamp_reprint
    if args.document not in A4_DOCUMENTS:
        print(f"kiosk print: no A4 {args.document}; A4 samples: {', '.join(A4_DOCUMENTS)}", file=sys.stderr)
        return 2
    out = Path(args.out)
    problem = _unwritable(out)
    if problem:
        print(f"kiosk print: {problem}", file=sys.stderr)
        return 2
    document = sample_certificate_copy() if args.document == "certificate" else _a4_sample(args.document)
    if args.reprint:
        document = stamp_reprint(document, "2026-11-25 10:30")
    try:
        out.write_bytes(document.pdf)
    except OSError as e:
        print(f"kiosk print: cannot write {out}: {e.strerror or e}", file=sys.stderr)
        return 1
    print(f"{out}: {len(document.pdf)} bytes, {A4_DOCUMENTS[args.document]}, {document.pages} A4 page(s), "
          f"{len(document.pdf) // document.pages} bytes a page")
    return 0


def _a4_sample(kind: str):
    from ..services.documents.a4_samples import sample_a4
    return sample_a4(kind)


def sample_certificate_copy(printed_at=None):
    """The simulator's platform PDF of the first sample certificate, with the terminal's footer."""
    from datetime import datetime

    from ..services.documents.certificate_copy import CopyFooter, certificate_copy
    from ..sim.certificate_pdf import certificate_pdf, sample_print_data
    data = sample_print_data()
    footer = CopyFooter("SIM-150626-01", data["verification_code"], data["verification_url"],
                        printed_at or datetime(2026, 11, 25, 10, 6))
    return certificate_copy(certificate_pdf(data), footer, summary=data["type_name"])


def _print_file(args) -> int:
    import logging
    from dataclasses import replace

    from ..config.a4printer import A4PrinterSettings
    from ..devices.a4printer.document import A4Document, count_pages
    from ..devices.a4printer.errors import A4PrinterConfigError
    try:
        pdf = Path(args.file).read_bytes()
    except OSError as e:
        print(f"kiosk print: cannot read {args.file}: {e.strerror or e}", file=sys.stderr)
        return 2
    try:
        pages = count_pages(pdf) if pdf.startswith(b"%PDF-") else 0
    except ValueError:
        pages = 0
    if not pages:
        print(f"kiosk print: {args.file} is not a PDF; the A4 printer takes PDF files", file=sys.stderr)
        return 2
    # The outcome is the one line below, not the service's log too (only this command's loggers:
    # the process may be a test or a tool that logs on).
    logging.getLogger("kiosk.devices.a4printer").setLevel(logging.ERROR)
    settings = replace(A4PrinterSettings(), uri=args.printer, job_timeout_s=args.timeout,
                       request_timeout_s=min(10.0, args.timeout))
    try:
        result = print_and_wait(settings, A4Document("file", pdf, pages, Path(args.file).name))
    except A4PrinterConfigError as e:
        print(f"kiosk print: --printer: {e}", file=sys.stderr)
        return 2
    return _report_job(result, args.printer)


def print_and_wait(settings, document, journal_dir: Path | None = None):
    """Sends one document through the A4 print service (the kiosk's own, with a journal that lives
    as long as this command unless `journal_dir` is given) and returns its outcome or error."""
    import tempfile
    import threading

    from ..devices.a4printer.service import A4PrintService
    box: dict = {}
    done = threading.Event()
    with tempfile.TemporaryDirectory(prefix="kiosk-a4-") as folder:
        service = A4PrintService(settings, Path(journal_dir or folder) / "a4_journal.db", lambda callback: callback())
        try:
            service.submit(document, lambda outcome: (box.update(result=outcome), done.set()),
                           lambda error: (box.update(result=error), done.set()))
            done.wait(settings.request_timeout_s * 4 + settings.job_timeout_s + settings.stall_s + 10)
        finally:
            service.close()
    return box.get("result")


def _report_job(result, printer: str) -> int:
    from ..devices.a4printer.errors import A4PrinterError
    if result is None:
        print(f"kiosk print: {printer}: no outcome in time; the job may still print", file=sys.stderr)
        return 1
    if isinstance(result, A4PrinterError):
        outcome = "nothing printed" if result.nothing_printed else "outcome uncertain, the job was cancelled"
        pages = f", {result.pages_printed} page(s) counted" if result.pages_printed else ""
        print(f"kiosk print: {printer}: {type(result).__name__}: {result} ({outcome}{pages})", file=sys.stderr)
        return 1
    counted = f"{result.pages_printed} of {result.pages}" if result.pages_printed is not None else \
        f"{result.pages} (the printer does not count pages)"
    warnings = result.status_after.warnings() if result.status_after is not None else []
    print(f"completed: printer job {result.printer_job_id}, pages {counted}, accepted after "
          f"{result.accepted_after_s * 1000:.0f} ms, done after {result.finished_after_s:.1f} s"
          + (f"; printer warns: {', '.join(warnings)}" if warnings else ""))
    return 0


def a4_print_test(config) -> int:
    """`kiosk diag a4-print-test`: the A4 test page through the configured A4 printer (the virtual
    one with the embedded default), waiting for the job's end."""
    from ..devices.a4printer.errors import A4PrinterError
    from ..parts import open_parts_for_checks
    from ..services.diagnostics.a4printer_check import a4_test_page
    from ..services.diagnostics.app_check import app_version
    if not config.a4printer.installed:
        print("FAIL  no A4 printer: [a4printer] installed = false", file=sys.stderr)
        return 2
    terminal = open_parts_for_checks(config, reader=False, printer=False, platform=False)
    try:
        service = terminal.parts.a4printer
        if service is None:
            print(f"FAIL  A4 printer not started: {terminal.parts.problem_of('a4printer')}", file=sys.stderr)
            return 2
        import threading
        box: dict = {}
        done = threading.Event()
        page = a4_test_page(config.terminal.terminal_id, config.terminal.hall_name, app_version())
        service.submit(page, lambda o: (box.update(result=o), done.set()), lambda e: (box.update(result=e), done.set()))
        s = config.a4printer
        done.wait(s.request_timeout_s * 4 + s.job_timeout_s + s.stall_s + 10)
        result = box.get("result")
        if result is None or isinstance(result, A4PrinterError):
            print(f"FAIL  {type(result).__name__ if result else 'no outcome in time'}: {result or ''}", file=sys.stderr)
            return 2
        where = f" (virtual A4 printer output in {s.output_dir})" if terminal.simulated.a4printer else ""
        print(f"OK    A4 test page printed: printer job {result.printer_job_id}, {len(page.pdf)} bytes{where}")
        return 0
    finally:
        terminal.stop()


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
    parser = argparse.ArgumentParser(prog="kiosk print", description="receipt printer documents as ESC/POS bytes, "
                                                                     "A4 documents as PDF, PDFs to an A4 printer")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="write a sample document's ESC/POS bytes (or, with --paper a4, its PDF) to a file")
    s.add_argument("document", choices=sorted(set(SAMPLES) | set(A4_DOCUMENTS)))
    s.add_argument("--paper", choices=("roll", "a4"), default="roll",
                   help="roll: the receipt printer's ESC/POS bytes; a4: the A4 PDF")
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
    f = sub.add_parser("file", help="send a PDF to an A4 printer (IPP) and wait for the job's end")
    f.add_argument("file")
    f.add_argument("--printer", required=True, metavar="URI",
                   help="ipp://HOST[:PORT]/ipp/print, ipps://..., or a CUPS queue name (kiosk-a4)")
    f.add_argument("--timeout", type=seconds, default=120.0, help="seconds for the job to end once accepted")
    args = parser.parse_args(argv)
    return {"sample": _sample, "decode": _decode, "file": _print_file}[args.command](args)
