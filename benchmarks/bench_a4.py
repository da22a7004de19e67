"""A4 printing: time from the citizen's tap to the job accepted by the printer, and PDF size per page.

    .venv/bin/python -m benchmarks.bench_a4 [--repeat 20]

"Tap" is the moment the flow starts building the paper: for a certificate copy the platform's PDF
is in hand (the contract's operation that fetches it comes later, so its network time is not in
here) and the footer is laid over its pages; for an A4 receipt the page is laid out. Then
A4PrintService.submit (journal row, sealed copy), the printer's state asked, Print-Job sent, and
the printer's answer with its job-id: "accepted". Measured against the virtual A4 printer and,
when cups-ipp-utils is installed, CUPS's ippeveprinter, both on 127.0.0.1 (a printer on the
terminal's cable adds its own network and PDF intake time).
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.machine import describe
from kiosk.config.a4printer import A4PrinterSettings
from kiosk.devices.a4printer.service import A4PrintService
from kiosk.services.diagnostics.a4printer_check import a4_test_page
from kiosk.services.documents.a4_samples import sample_a4
from kiosk.services.documents.certificate_copy import CopyFooter, certificate_copy
from kiosk.sim.a4printer_sim import start_virtual_a4_printer
from kiosk.sim.certificate_pdf import certificate_pdf, sample_print_data

SETTINGS = A4PrinterSettings(request_timeout_s=10, job_timeout_s=60, stall_s=5, poll_interval_s=0.05)


def build_copy(platform_pdf: bytes, data: dict):
    return certificate_copy(platform_pdf, CopyFooter("SIM-150626-01", data["verification_code"],
                                                     data["verification_url"]), summary=data["type_name"])


def tap_to_accepted(service: A4PrintService, build) -> tuple[float, float]:
    """(layout seconds, tap-to-accepted seconds) for one job; waits for the job's end."""
    accepted, ended = threading.Event(), threading.Event()
    box: dict = {}

    def progress(p):
        if p.stage == "accepted" and "at" not in box:
            box["at"] = time.perf_counter()
            accepted.set()
    tap = time.perf_counter()
    document = build()
    laid_out = time.perf_counter()
    service.submit(document, lambda _o: ended.set(), lambda e: (box.update(error=e), ended.set()), progress)
    if not ended.wait(120) or "error" in box or not accepted.is_set():
        raise RuntimeError(f"the job did not complete: {box.get('error')}")
    return laid_out - tap, box["at"] - tap


def measure(name: str, uri: str, builds: dict, repeat: int, data_dir: Path) -> None:
    service = A4PrintService(replace(SETTINGS, uri=uri), data_dir / f"{name}.db", lambda callback: callback())
    try:
        for label, build in builds.items():
            tap_to_accepted(service, build)              # warm: imports, first font parse
            layout, total = zip(*(tap_to_accepted(service, build) for _ in range(repeat)))
            print(f"{name:<14} {label:<18} layout {statistics.median(layout) * 1000:7.1f} ms   "
                  f"tap→accepted median {statistics.median(total) * 1000:7.1f} ms   "
                  f"p90 {sorted(total)[int(0.9 * (len(total) - 1))] * 1000:7.1f} ms   "
                  f"submit→accepted {statistics.median(t - l for t, l in zip(total, layout)) * 1000:6.1f} ms")
    finally:
        service.close()


def start_ippeveprinter(folder: Path):
    """CUPS's ippeveprinter on 127.0.0.1 with a private D-Bus, or None when it is not installed."""
    tool = shutil.which("ippeveprinter") or shutil.which("ippeveprinter", path="/usr/sbin")
    bus_tool = shutil.which("dbus-daemon")
    if tool is None or bus_tool is None:
        return None
    bus = subprocess.Popen([bus_tool, "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE, text=True)
    address = bus.stdout.readline().strip()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (folder / "spool").mkdir()
    proc = subprocess.Popen([tool, "-n", "localhost", "-p", str(port), "-d", str(folder / "spool"), "-f",
                             "application/pdf", "-r", "off", "-c", "/bin/true", "Bench A4"],
                            env={**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": address}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return f"ipp://127.0.0.1:{port}/ipp/print", (proc, bus)
        except OSError:
            time.sleep(0.05)
    proc.kill()
    bus.kill()
    return None


def sizes() -> None:
    data = sample_print_data()
    platform_pdf = certificate_pdf(data)
    rows = [("platform PDF", platform_pdf, 2), ("certificate copy", build_copy(platform_pdf, data).pdf, 2)]
    for kind in ("receipt", "notice"):
        document = sample_a4(kind)
        rows.append((f"A4 {kind}", document.pdf, document.pages))
    test = a4_test_page("SIM-150626-01", "乌审旗政务服务中心", "0.1.0")
    rows.append(("A4 test page", test.pdf, 1))
    print(f"{'document':<18} {'pages':>5} {'bytes':>8} {'bytes/page':>11}")
    for label, pdf, pages in rows:
        print(f"{label:<18} {pages:>5} {len(pdf):>8} {len(pdf) // pages:>11}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_a4")
    parser.add_argument("--repeat", type=int, default=20, help="jobs per document and printer")
    args = parser.parse_args(argv or [])
    print(f"machine: {describe()}")
    print()
    sizes()
    print()
    data = sample_print_data()
    platform_pdf = certificate_pdf(data)
    builds = {"certificate copy": lambda: build_copy(platform_pdf, data), "A4 receipt": lambda: sample_a4("receipt")}
    with tempfile.TemporaryDirectory(prefix="bench-a4-") as folder:
        folder = Path(folder)
        virtual = start_virtual_a4_printer(folder / "prints", page_s=0.0)
        try:
            measure("virtual A4", virtual.uri, builds, args.repeat, folder)
        finally:
            virtual.stop()
        started = start_ippeveprinter(folder)
        if started is None:
            print("ippeveprinter: not installed (apt-get install cups-ipp-utils dbus-daemon); skipped")
        else:
            uri, procs = started
            try:
                measure("ippeveprinter", uri, builds, args.repeat, folder)
            finally:
                for proc in procs:
                    proc.terminate()
                    proc.wait(5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
