"""The virtual A4 printer: an IPP Everywhere-style printer on 127.0.0.1 that keeps what it prints.

It speaks IPP over HTTP (kiosk/devices/a4printer/ipp.py, the same encoding the driver uses):
Get-Printer-Attributes, Print-Job (PDF only), Get-Job-Attributes, Cancel-Job. Each job is kept as
<output_dir>/a4-NNNN.pdf, exactly the bytes received, and drawn as a4-NNNN-P.png per page with
pdftoppm (poppler-utils), so a person can see what came out. Jobs are printed one at a time,
`page_s` seconds a page, and counted (job-impressions-completed).

Its state can be set: paper low/out, a jam (now, or after N pages of the next job), the door
open, toner low/empty, offline (stopped, not accepting jobs). A stopped printer holds the job
being printed (processing-stopped) until the state clears or the job is cancelled, as a real
one does. Faults: unplug (connections refused), hang (requests never answered), abort the next
job, lose the next job (it never ends).

    kiosk sim a4printer [--port 8631] [--out var/prints] [--page-s 0.3]
    (then type `help`: paper out, jam, door open, toner low, offline, unplug, ...)

In-process (tests and the app's embedded configuration):

    printer = start_virtual_a4_printer(output_dir)
    printer.uri   # ipp://127.0.0.1:PORT/ipp/print, all the driver is given
    printer.set_state(paper="out"); printer.set_fault(jam_after_pages=1); printer.wait_for_jobs(1)
    printer.jobs[-1].pdf_path, .png_paths, .state; printer.stop()
"""
from __future__ import annotations

import argparse
import itertools
import logging
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..devices.a4printer import ipp
from ..devices.a4printer.document import count_pages

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
PATH = "/ipp/print"
PAPER = ("ok", "low", "out")
TONER = {"ok": 80, "low": 6, "empty": 0}
MAKE_AND_MODEL = "Kiosk virtual A4 printer"
PNG_DPI = 60


@dataclass(frozen=True)
class A4State:
    paper: str = "ok"          # ok | low | out
    jam: bool = False
    door_open: bool = False
    toner: str = "ok"          # ok | low | empty
    offline: bool = False

    def stopping(self) -> list[str]:
        found = []
        if self.jam:
            found.append("media-jam")
        if self.door_open:
            found.append("door-open")
        if self.paper == "out":
            found.append("media-empty")
        if self.toner == "empty":
            found.append("toner-empty")
        return found

    def reasons(self) -> list[str]:
        out = [f"{r}-error" for r in self.stopping()]
        if self.offline:
            out.append("offline-report")
        if self.paper == "low":
            out.append("media-low-warning")
        if self.toner == "low":
            out.append("toner-low-warning")
        return out

    @property
    def stopped(self) -> bool:
        return bool(self.stopping()) or self.offline


@dataclass(frozen=True)
class A4Faults:
    jam_after_pages: int | None = None     # the next job jams after this many pages (once)
    abort_next: bool = False               # the next job is aborted by the printer (once)
    lose_next: bool = False                # the next job never ends (once)
    hang: bool = False                     # requests are read and never answered


@dataclass
class SimJob:
    id: int
    name: str
    pdf_path: Path
    pages: int
    state: int = ipp.JOB_PENDING
    reasons: tuple[str, ...] = ("none",)
    impressions_completed: int = 0
    png_paths: list[Path] = field(default_factory=list)
    cancel: bool = False
    lost: bool = False

    @property
    def ended(self) -> bool:
        return self.state in ipp.JOB_ENDED


class VirtualA4Printer:
    def __init__(self, output_dir, port: int = 0, *, page_s: float = 0.3, host: str = LOOPBACK):
        if host != LOOPBACK:
            raise ValueError("the virtual A4 printer listens on 127.0.0.1 only")
        self.output_dir = Path(output_dir)
        self.output_dir.mkdir(parents=True, exist_ok=True)
        self.page_s = page_s
        self._state = A4State()
        self._faults = A4Faults()
        self._lock = threading.Condition()
        self.jobs: list[SimJob] = []
        self.requests: list[str] = []            # operation names, in order (tests read them)
        self._queue: list[SimJob] = []
        self._ids = itertools.count(1)
        self._numbers = itertools.count(self._first_free_number())
        self._stopping = threading.Event()
        self._listeners: list = []
        self._connections: set = set()           # open client sockets, closed by unplug()
        self._server = self._listen(port)
        self.host, self.port = self._server.server_address[:2]
        self._serve_thread: threading.Thread | None = None
        self._worker = threading.Thread(target=self._print_loop, name="virtual-a4-printer", daemon=True)

    @property
    def uri(self) -> str:
        return f"ipp://{self.host}:{self.port}{PATH}"

    # --- control -----------------------------------------------------------------------------
    def start(self) -> "VirtualA4Printer":
        self._serve_thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                              name="virtual-a4-ipp", daemon=True)
        self._serve_thread.start()
        self._worker.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        with self._lock:
            self._lock.notify_all()
        self.unplug()
        self._worker.join(timeout=3)

    def unplug(self) -> None:
        """Connections are refused and open ones broken, as when the printer is switched off."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with self._lock:
            connections, self._connections = set(self._connections), set()
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def plug(self) -> None:
        """Back on the same port."""
        if self._server is None:
            self._server = self._listen(self.port)
            self._serve_thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                                  name="virtual-a4-ipp", daemon=True)
            self._serve_thread.start()

    @property
    def plugged(self) -> bool:
        return self._server is not None

    @property
    def state(self) -> A4State:
        with self._lock:
            return self._state

    @property
    def faults(self) -> A4Faults:
        with self._lock:
            return self._faults

    def set_state(self, **changes) -> A4State:
        """paper="ok|low|out", jam=bool, door_open=bool, toner="ok|low|empty", offline=bool."""
        if changes.get("paper", "ok") not in PAPER:
            raise ValueError(f"paper must be one of {PAPER}")
        if changes.get("toner", "ok") not in TONER:
            raise ValueError(f"toner must be one of {tuple(TONER)}")
        with self._lock:
            self._state = replace(self._state, **changes)
            self._lock.notify_all()
            return self._state

    def set_fault(self, **changes) -> A4Faults:
        """jam_after_pages=N, abort_next=bool, lose_next=bool, hang=bool."""
        with self._lock:
            self._faults = replace(self._faults, **changes)
            self._lock.notify_all()
            return self._faults

    def clear(self) -> None:
        """Ready again: paper, toner, door, no jam, on line, no faults."""
        with self._lock:
            self._state, self._faults = A4State(), A4Faults()
            self._lock.notify_all()

    def on_job(self, callback) -> None:
        """callback(job) after each job ends (the CLI prints them)."""
        self._listeners.append(callback)

    def wait_for_jobs(self, count: int, timeout: float = 10.0, *, ended: bool = True) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            while sum(1 for j in self.jobs if j.ended or not ended) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return True

    # --- IPP -----------------------------------------------------------------------------------
    def handle(self, request: ipp.Message) -> ipp.Message:
        name = ipp.OPERATION_NAMES.get(request.code, f"operation-0x{request.code:04x}")
        with self._lock:
            self.requests.append(name)
        if request.version[0] not in (1, 2):
            return _reply(request, 0x0503, "IPP version not supported")
        if request.first("attributes-charset", ipp.TAG_OPERATION) is None:
            return _reply(request, 0x0400, "attributes-charset is missing")
        if name == "Get-Printer-Attributes":
            return self._printer_attributes(request)
        if name == "Print-Job":
            return self._print_job(request)
        if name == "Get-Job-Attributes":
            return self._job_attributes(request)
        if name == "Cancel-Job":
            return self._cancel_job(request)
        if name == "Validate-Job":
            return _reply(request, 0x0000)
        return _reply(request, 0x0501, f"{name} is not supported")

    def _printer_attributes(self, request: ipp.Message) -> ipp.Message:
        with self._lock:
            s = self._state
            busy = any(not j.ended for j in self.jobs)
        state = ipp.PRINTER_STOPPED if s.stopped else ipp.PRINTER_PROCESSING if busy else ipp.PRINTER_IDLE
        reasons = s.reasons() or ["none"]
        level = TONER[s.toner]
        message = {ipp.PRINTER_IDLE: "Ready", ipp.PRINTER_PROCESSING: "Printing",
                   ipp.PRINTER_STOPPED: "Stopped: " + ", ".join(s.reasons())}[state]
        attrs = [
            ipp.attr("printer-uri-supported", ipp.URI, f"ipp://{self.host}:{self.port}{PATH}"),
            ipp.attr("printer-name", ipp.NAME, "kiosk-virtual-a4"),
            ipp.attr("printer-make-and-model", ipp.TEXT, MAKE_AND_MODEL),
            ipp.attr("printer-state", ipp.ENUM, state),
            ipp.attr("printer-state-reasons", ipp.KEYWORD, *reasons),
            ipp.attr("printer-state-message", ipp.TEXT, message),
            ipp.attr("printer-is-accepting-jobs", ipp.BOOLEAN, not s.offline),
            ipp.attr("document-format-supported", ipp.MIME_TYPE, "application/pdf"),
            ipp.attr("media-supported", ipp.KEYWORD, "iso_a4_210x297mm"),
            ipp.attr("media-ready", ipp.KEYWORD, *(() if s.paper == "out" else ("iso_a4_210x297mm",))),
            ipp.attr("marker-names", ipp.NAME, "Black Toner"),
            ipp.attr("marker-types", ipp.KEYWORD, "toner"),
            ipp.attr("marker-levels", ipp.INTEGER, level),
            ipp.attr("marker-low-levels", ipp.INTEGER, 10),
            ipp.attr("marker-high-levels", ipp.INTEGER, 100),
            ipp.attr("operations-supported", ipp.ENUM, *sorted(ipp.OPERATION_NAMES)),
            ipp.attr("ipp-versions-supported", ipp.KEYWORD, "1.1", "2.0"),
        ]
        requested = set(request.values("requested-attributes", ipp.TAG_OPERATION)) - {"all"}
        if requested:
            attrs = [a for a in attrs if a.name in requested]
        return _reply(request, 0x0000, groups=[ipp.Group(ipp.TAG_PRINTER, attrs)])

    def _print_job(self, request: ipp.Message) -> ipp.Message:
        fmt = request.first("document-format", ipp.TAG_OPERATION, "application/octet-stream")
        if fmt not in ("application/pdf", "application/octet-stream"):
            return _reply(request, 0x040A, f"{fmt} is not supported")
        if not request.data.startswith(b"%PDF-"):
            return _reply(request, 0x0412, "the document is not a PDF")
        with self._lock:
            if self._state.offline:
                return _reply(request, 0x0506, "the printer is not accepting jobs")
        try:
            pages = count_pages(request.data)
        except ValueError as exc:
            return _reply(request, 0x0412, str(exc))
        number = next(self._numbers)
        path = self.output_dir / f"a4-{number:04d}.pdf"
        path.write_bytes(request.data)
        name = str(request.first("job-name", ipp.TAG_OPERATION, "untitled"))
        with self._lock:
            job = SimJob(next(self._ids), name, path, pages)
            self.jobs.append(job)
            self._queue.append(job)
            self._lock.notify_all()
        return _reply(request, 0x0000, groups=[ipp.Group(ipp.TAG_JOB, self._job_group(job))])

    def _job_group(self, job: SimJob) -> list[ipp.Attribute]:
        return [ipp.attr("job-id", ipp.INTEGER, job.id),
                ipp.attr("job-uri", ipp.URI, f"ipp://{self.host}:{self.port}{PATH}/{job.id}"),
                ipp.attr("job-name", ipp.NAME, job.name),
                ipp.attr("job-state", ipp.ENUM, job.state),
                ipp.attr("job-state-reasons", ipp.KEYWORD, *job.reasons),
                ipp.attr("job-impressions", ipp.INTEGER, job.pages),
                ipp.attr("job-impressions-completed", ipp.INTEGER, job.impressions_completed),
                ipp.attr("job-media-sheets-completed", ipp.INTEGER, job.impressions_completed)]

    def _find(self, request: ipp.Message) -> SimJob | None:
        job_id = request.first("job-id", ipp.TAG_OPERATION)
        return next((j for j in self.jobs if j.id == job_id), None)

    def _job_attributes(self, request: ipp.Message) -> ipp.Message:
        with self._lock:
            job = self._find(request)
            if job is None:
                return _reply(request, 0x0406, "no such job")
            return _reply(request, 0x0000, groups=[ipp.Group(ipp.TAG_JOB, self._job_group(job))])

    def _cancel_job(self, request: ipp.Message) -> ipp.Message:
        with self._lock:
            job = self._find(request)
            if job is None:
                return _reply(request, 0x0406, "no such job")
            if job.ended:
                return _reply(request, 0x0404, f"the job is already {ipp.JOB_STATES[job.state]}")
            job.cancel = True
            if job in self._queue or job.lost:
                if job in self._queue:
                    self._queue.remove(job)
                self._end(job, ipp.JOB_CANCELED, "job-canceled-by-user")
            self._lock.notify_all()
        return _reply(request, 0x0000)

    # --- printing --------------------------------------------------------------------------------
    def _print_loop(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                while not self._queue and not self._stopping.is_set():
                    self._lock.wait(0.5)
                if self._stopping.is_set():
                    return
                job = self._queue.pop(0)
                faults = self._faults
                self._faults = replace(faults, jam_after_pages=None, abort_next=False, lose_next=False)
                job.state, job.reasons = ipp.JOB_PROCESSING, ("job-printing",)
            try:
                self._print(job, faults)
            except Exception:  # noqa: BLE001 - one broken job must not stop the printer
                log.exception("virtual A4 printer: job %s failed", job.id)
                with self._lock:
                    self._end(job, ipp.JOB_ABORTED, "aborted-by-system")

    def _print(self, job: SimJob, faults: A4Faults) -> None:
        if faults.lose_next:
            with self._lock:
                job.lost = True
            return
        if faults.abort_next:
            with self._lock:
                self._end(job, ipp.JOB_ABORTED, "aborted-by-system")
            return
        for page in range(job.pages):
            if faults.jam_after_pages is not None and page == faults.jam_after_pages:
                self.set_state(jam=True)
            if not self._wait_until_printable(job):
                return
            if self._stopping.wait(self.page_s):
                return
            with self._lock:
                job.impressions_completed = page + 1
                self._lock.notify_all()
        job.png_paths = render_pngs(job.pdf_path)
        with self._lock:
            self._end(job, ipp.JOB_COMPLETED, "job-completed-successfully")
        for callback in list(self._listeners):
            callback(job)

    def _wait_until_printable(self, job: SimJob) -> bool:
        """Holds the job (processing-stopped) while the printer cannot print; False when it was
        cancelled or the printer stopped."""
        with self._lock:
            while True:
                if job.cancel:
                    self._end(job, ipp.JOB_CANCELED, "job-canceled-by-user")
                    return False
                if self._stopping.is_set():
                    return False
                if not self._state.stopped:
                    job.state, job.reasons = ipp.JOB_PROCESSING, ("job-printing",)
                    return True
                job.state, job.reasons = ipp.JOB_STOPPED, ("printer-stopped",)
                self._lock.wait(0.1)

    def _end(self, job: SimJob, state: int, reason: str) -> None:
        job.state, job.reasons = state, (reason,)
        self._lock.notify_all()

    # --- HTTP ----------------------------------------------------------------------------------
    def _listen(self, port: int) -> ThreadingHTTPServer:
        printer = self

        class Handler(_IppHandler):
            owner = printer
        server = ThreadingHTTPServer((LOOPBACK, port), Handler)
        server.daemon_threads = True
        return server

    def _first_free_number(self) -> int:
        """Numbers go on from what the prints folder already holds, so nothing is overwritten."""
        taken = [int(p.stem.split("-")[1]) for p in self.output_dir.glob("a4-[0-9][0-9][0-9][0-9].pdf")]
        return max(taken, default=0) + 1


class _IppHandler(BaseHTTPRequestHandler):
    owner: VirtualA4Printer
    protocol_version = "HTTP/1.1"
    server_version = "kiosk-virtual-a4/1"

    def setup(self):
        super().setup()
        with self.owner._lock:
            self.owner._connections.add(self.connection)

    def finish(self):
        with self.owner._lock:
            self.owner._connections.discard(self.connection)
        super().finish()

    def log_message(self, format, *args):  # noqa: A002 - BaseHTTPRequestHandler's name
        log.debug("virtual A4 printer: " + format, *args)

    def do_GET(self):  # noqa: N802 - http.server's name
        lines = [f"{MAKE_AND_MODEL} at {self.owner.uri}", f"state: {self.owner.state}", ""]
        lines += [f"job {j.id} {ipp.JOB_STATES[j.state]} {j.impressions_completed}/{j.pages} pages {j.pdf_path.name}"
                  for j in self.owner.jobs]
        body = ("\n".join(lines) + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802
        if self.path.split("?")[0].rstrip("/") not in (PATH, ""):
            self._send(404, b"no printer here", "text/plain")
            return
        body = self._body()
        if self.owner.faults.hang:
            while self.owner.faults.hang and not self.owner._stopping.is_set():
                time.sleep(0.05)
            self.close_connection = True
            return
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/ipp":
            self._send(400, b"expected application/ipp", "text/plain")
            return
        try:
            request = ipp.decode(body)
        except ipp.IppFormatError as exc:
            self._send(400, f"not IPP: {exc}".encode(), "text/plain")
            return
        reply = self.owner.handle(request)
        self._send(200, ipp.encode(reply), "application/ipp")

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":   # CUPS clients send chunks
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _send(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _reply(request: ipp.Message, status: int, message: str = "", groups: list[ipp.Group] | None = None) -> ipp.Message:
    return ipp.Message(status, request.request_id, [ipp.response_operation_attributes(message), *(groups or [])],
                       version=(2, 0) if request.version[0] == 2 else (1, 1))


_warned_no_pdftoppm = False


def render_pngs(pdf_path: Path, dpi: int = PNG_DPI) -> list[Path]:
    """One PNG per page beside the PDF (pdftoppm from poppler-utils); none when it is missing."""
    global _warned_no_pdftoppm
    tool = shutil.which("pdftoppm")
    if tool is None:
        if not _warned_no_pdftoppm:
            log.warning("pdftoppm is not installed (poppler-utils): the virtual A4 printer keeps PDFs only")
            _warned_no_pdftoppm = True
        return []
    prefix = pdf_path.with_suffix("")
    try:
        subprocess.run([tool, "-r", str(dpi), "-png", str(pdf_path), str(prefix)], check=True, timeout=60,
                       capture_output=True)
    except (subprocess.SubprocessError, OSError) as exc:
        log.warning("virtual A4 printer: pdftoppm failed for %s: %s", pdf_path.name, exc)
        return []
    # pdftoppm numbers pages -1, -2 ... (or -01 for 10+ pages); tidy to -P.png
    found = sorted(prefix.parent.glob(f"{prefix.name}-*.png"))
    out = []
    for path in found:
        number = int(path.stem.rsplit("-", 1)[1])
        target = prefix.parent / f"{prefix.name}-{number}.png"
        if path != target:
            path.replace(target)
        out.append(target)
    return sorted(out, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def start_virtual_a4_printer(output_dir, port: int = 0, *, page_s: float = 0.3) -> VirtualA4Printer:
    """Starts a virtual A4 printer on 127.0.0.1 (port 0 = any free port) and returns its handle."""
    return VirtualA4Printer(output_dir, port, page_s=page_s).start()


HELP = """commands:
  paper ok | paper low | paper out        jam | jam N (after N pages of the next job) | jam clear
  door open | door closed                 toner ok | toner low | toner empty
  offline | online                        unplug | plug (connections refused / back)
  hang | answer                           abort (the next job is aborted) | lose (the next job never ends)
  slow S (seconds a page)                 clear (everything ready again)
  state     jobs     help     quit"""


def _command(printer: VirtualA4Printer, line: str) -> str | None:
    words = line.split()
    if not words:
        return ""
    w = words + ["", ""]
    try:
        match w[0]:
            case "paper":
                printer.set_state(paper=w[1])
            case "jam":
                if w[1] == "clear":
                    printer.set_state(jam=False)
                elif w[1]:
                    printer.set_fault(jam_after_pages=int(w[1]))
                else:
                    printer.set_state(jam=True)
            case "door":
                printer.set_state(door_open=w[1] == "open")
            case "toner":
                printer.set_state(toner=w[1])
            case "offline":
                printer.set_state(offline=True)
            case "online":
                printer.set_state(offline=False)
            case "unplug":
                printer.unplug()
            case "plug":
                printer.plug()
            case "hang":
                printer.set_fault(hang=True)
            case "answer":
                printer.set_fault(hang=False)
            case "abort":
                printer.set_fault(abort_next=True)
            case "lose":
                printer.set_fault(lose_next=True)
            case "slow":
                printer.page_s = float(w[1])
            case "clear":
                printer.clear()
                printer.plug()
            case "jobs":
                return "\n".join(f"{j.id}: {ipp.JOB_STATES[j.state]}, {j.impressions_completed}/{j.pages} pages, "
                                 f"{j.pdf_path}" for j in printer.jobs) or "no jobs yet"
            case "state":
                pass
            case "help":
                return HELP
            case "quit" | "exit":
                return None
            case _:
                return f"unknown command {words[0]!r}\n{HELP}"
    except ValueError as e:
        return f"error: {e}"
    plugged = "" if printer.plugged else "  (unplugged)"
    return f"state: {printer.state}  faults: {printer.faults}{plugged}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk sim a4printer",
                                     description="virtual A4 printer (IPP) on 127.0.0.1; jobs become PDF and PNG files")
    parser.add_argument("--port", type=int, default=8631, help="TCP port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--out", default="var/prints", help="directory for the PDF and PNG pages")
    parser.add_argument("--page-s", type=float, default=0.3, help="seconds to print a page")
    args = parser.parse_args(argv)
    try:
        printer = start_virtual_a4_printer(args.out, args.port, page_s=args.page_s)
    except OSError as e:
        print(f"cannot listen on {LOOPBACK}:{args.port}: {e.strerror or e}", file=sys.stderr)
        return 1

    def show(job: SimJob) -> None:
        pngs = ", ".join(p.name for p in job.png_paths) or "no PNG (pdftoppm missing)"
        print(f"printed {job.pdf_path} ({job.pages} pages): {pngs}", flush=True)

    printer.on_job(show)
    print(f"virtual A4 printer at {printer.uri}, jobs in {printer.output_dir}", flush=True)
    print("type `help` for commands, Ctrl-C to stop", flush=True)
    from .console import serve_console
    return serve_console(lambda line: _command(printer, line), printer.stop)
