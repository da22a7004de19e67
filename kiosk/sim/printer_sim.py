"""The virtual receipt printer: ESC/POS over TCP on 127.0.0.1, one PNG per printed slip.

It behaves like a network printer on port 9100: it answers DLE EOT 1/2/3/4 from its simulated
state the moment the query is read, decodes what the project sends (kiosk/sim/escpos_decode.py)
and renders every job (a job ends at a cut, or when the connection closes with content) to
<output_dir>/slip-NNNN.png. Faults: paper near end, paper out, cover open, cutter error,
unrecoverable error, disconnect mid-job, paper running out mid-job, slow drain, no or garbled
status replies.

    kiosk sim printer [--port 9100] [--out var/prints] [--width 80]
    (then type `help` for the state commands: paper out, cover open, disconnect 200 ...)

In-process (tests and the app's embedded configuration):

    printer = start_virtual_printer(output_dir, port=0)
    printer.host, printer.port; printer.set_state(paper="out"); printer.set_fault(disconnect_after=200)
    printer.wait_for_jobs(1); printer.jobs[-1].text; printer.stop()
"""
from __future__ import annotations

import argparse
import logging
import socket
import struct
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .escpos_decode import DecodedJob, EscPosDecoder, JobDone, StatusQuery

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
PAPER_DOTS = {58: 384, 80: 512}
PAPER_STATES = ("ok", "near_end", "out")


@dataclass(frozen=True)
class PrinterState:
    paper: str = "ok"                 # ok | near_end | out
    cover_open: bool = False
    cutter_error: bool = False
    unrecoverable_error: bool = False

    def reply(self, n: int) -> int:
        """The DLE EOT n reply byte (fixed bits 0x12) for this state."""
        out = self.paper == "out"
        stopped = out or self.cover_open or self.cutter_error or self.unrecoverable_error
        if n == 1:
            return 0x12 | (0x08 if stopped else 0)
        if n == 2:
            return 0x12 | (0x04 if self.cover_open else 0) | (0x20 if out else 0) | \
                (0x40 if (self.cutter_error or self.unrecoverable_error) else 0)
        if n == 3:
            return 0x12 | (0x08 if self.cutter_error else 0) | (0x20 if self.unrecoverable_error else 0)
        if n == 4:
            return 0x12 | (0x0C if self.paper in ("near_end", "out") else 0) | (0x60 if out else 0)
        return 0x12


@dataclass(frozen=True)
class Faults:
    disconnect_after: int | None = None      # reset the connection after this many job bytes (once)
    paper_out_after: int | None = None       # the roll runs out after this many job bytes (once)
    drain_bytes_per_s: float | None = None   # read slowly, like a printer busy printing
    status: str = "answer"                   # answer | silent (no reply) | garbled (0xFF)


class VirtualPrinter:
    def __init__(self, output_dir, host: str = LOOPBACK, port: int = 0, paper_width_mm: int = 80,
                 chinese_mode_at_start: bool = True):
        if host != LOOPBACK:
            raise ValueError("the virtual printer listens on 127.0.0.1 only")
        if paper_width_mm not in PAPER_DOTS:
            raise ValueError("paper width must be 58 or 80 mm")
        self.output_dir = Path(output_dir)
        self.output_dir.mkdir(parents=True, exist_ok=True)
        self.dots = PAPER_DOTS[paper_width_mm]
        self.chinese_mode_at_start = chinese_mode_at_start
        self._state = PrinterState()
        self._faults = Faults()
        self._lock = threading.Condition()
        self.jobs: list[DecodedJob] = []
        self.status_queries: list[int] = []
        self.discarded_bytes = 0                 # print data that arrived while it could not print
        self.connections = 0
        self._stopping = threading.Event()
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind((host, port))
        self._server.listen(4)
        self._server.settimeout(0.2)
        self.host, self.port = self._server.getsockname()
        self._thread = threading.Thread(target=self._accept_loop, name="virtual-printer", daemon=True)
        self._counter = 0
        self._serving = False
        self._listeners: list = []

    # --- control -----------------------------------------------------------------------------
    def start(self) -> "VirtualPrinter":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=3)
        self._server.close()

    @property
    def state(self) -> PrinterState:
        with self._lock:
            return self._state

    @property
    def faults(self) -> Faults:
        with self._lock:
            return self._faults

    def set_state(self, **changes) -> PrinterState:
        """paper="ok|near_end|out", cover_open=bool, cutter_error=bool, unrecoverable_error=bool."""
        if "paper" in changes and changes["paper"] not in PAPER_STATES:
            raise ValueError(f"paper must be one of {PAPER_STATES}")
        with self._lock:
            self._state = replace(self._state, **changes)
            return self._state

    def set_fault(self, **changes) -> Faults:
        """disconnect_after=N, paper_out_after=N, drain_bytes_per_s=R, status="answer|silent|garbled";
        None (or "answer") clears one."""
        if changes.get("status", "answer") not in ("answer", "silent", "garbled"):
            raise ValueError("status fault must be answer, silent or garbled")
        with self._lock:
            self._faults = replace(self._faults, **changes)
            return self._faults

    def clear_faults(self) -> None:
        with self._lock:
            self._faults = Faults()

    def on_job(self, callback) -> None:
        """callback(job) after each rendered job (the CLI prints them)."""
        self._listeners.append(callback)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Waits until no connection is open (everything sent so far has been taken in)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._serving:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return True

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.jobs) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return True

    # --- serving ----------------------------------------------------------------------------
    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _addr = self._server.accept()
            except socket.timeout:
                continue
            except OSError:
                break
            with self._lock:
                self.connections += 1
                self._serving = True
            # one connection at a time, like a real printer's single port 9100 session
            try:
                self._serve(conn)
            except Exception:  # noqa: BLE001 - a broken client must not kill the printer
                log.exception("virtual printer: connection failed")
            finally:
                conn.close()
                with self._lock:
                    self._serving = False
                    self._lock.notify_all()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(0.2)
        decoder = EscPosDecoder(self.chinese_mode_at_start)
        job_bytes = 0
        complete = True
        while not self._stopping.is_set():
            faults = self.faults
            chunk_size = 4096
            if faults.drain_bytes_per_s:
                chunk_size = max(1, int(faults.drain_bytes_per_s / 10))
            try:
                data = conn.recv(chunk_size)
            except socket.timeout:
                continue
            except OSError:
                complete = False
                break
            if not data:
                break
            if faults.drain_bytes_per_s:
                time.sleep(len(data) / faults.drain_bytes_per_s)
            if faults.disconnect_after is not None and job_bytes + len(data) >= faults.disconnect_after:
                keep = max(0, faults.disconnect_after - job_bytes)
                self._handle(conn, decoder, data[:keep])
                self.set_fault(disconnect_after=None)
                # RST rather than FIN: the sender sees "connection reset", as when a printer is switched off
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                complete = False
                break
            if faults.paper_out_after is not None and job_bytes + len(data) >= faults.paper_out_after:
                keep = max(0, faults.paper_out_after - job_bytes)
                self._handle(conn, decoder, data[:keep])
                self.set_fault(paper_out_after=None)
                self._finish_partial(decoder)  # what was printed before the roll ran out
                self.set_state(paper="out")
                decoder = EscPosDecoder(self.chinese_mode_at_start)
                data = data[keep:]
            job_bytes += len(data)
            for event in self._handle(conn, decoder, data):
                if isinstance(event, JobDone):
                    job_bytes = 0
        self._finish_partial(decoder, complete)

    def _handle(self, conn: socket.socket, decoder: EscPosDecoder, data: bytes) -> list:
        events = decoder.feed(data) if data else []
        for event in events:
            if isinstance(event, StatusQuery):
                self._answer(conn, event.n)
            elif isinstance(event, JobDone):
                self._print(event.job)
        return events

    def _answer(self, conn: socket.socket, n: int) -> None:
        with self._lock:
            self.status_queries.append(n)
            state, mode = self._state, self._faults.status
        if mode == "silent":
            return
        reply = 0xFF if mode == "garbled" else state.reply(n)
        try:
            conn.sendall(bytes([reply]))
        except OSError:
            pass

    def _finish_partial(self, decoder: EscPosDecoder, complete: bool = False) -> None:
        job = decoder.finish(complete)
        if job is not None:
            self._print(job)

    def _print(self, job: DecodedJob) -> None:
        state = self.state
        if state.paper == "out" or state.cover_open or state.cutter_error or state.unrecoverable_error:
            # a stopped printer prints nothing; the data is lost when the buffer is cleared
            with self._lock:
                self.discarded_bytes += job.raw_bytes
            return
        from .escpos_render import render_png
        with self._lock:
            self._counter += 1
            number = self._counter
        path = self.output_dir / f"slip-{number:04d}.png"
        render_png(job, path, self.dots)
        job.png = str(path)
        with self._lock:
            self.jobs.append(job)
            self._lock.notify_all()
        for callback in list(self._listeners):
            callback(job)


def start_virtual_printer(output_dir, port: int = 0, *, paper_width_mm: int = 80,
                          chinese_mode_at_start: bool = True) -> VirtualPrinter:
    """Starts a virtual printer on 127.0.0.1 (port 0 = any free port) and returns its handle."""
    return VirtualPrinter(output_dir, LOOPBACK, port, paper_width_mm, chinese_mode_at_start).start()


HELP = """commands:
  paper ok | paper near | paper out      cover open | cover closed
  cutter error | cutter ok               error | clear (unrecoverable error on/off)
  disconnect N   (reset the connection after N bytes of the next job)
  runout N       (paper runs out after N bytes of the next job)
  slow BPS | slow off                    status silent | status garbled | status answer
  state     jobs     help     quit"""


def _command(printer: VirtualPrinter, line: str) -> str | None:
    words = line.split()
    if not words:
        return ""
    w = words + ["", ""]
    try:
        match w[0]:
            case "paper":
                printer.set_state(paper={"near": "near_end"}.get(w[1], w[1]))
            case "cover":
                printer.set_state(cover_open=w[1] == "open")
            case "cutter":
                printer.set_state(cutter_error=w[1] == "error")
            case "error":
                printer.set_state(unrecoverable_error=True)
            case "clear":
                printer.set_state(unrecoverable_error=False, cutter_error=False)
                printer.clear_faults()
            case "disconnect":
                printer.set_fault(disconnect_after=int(w[1]))
            case "runout":
                printer.set_fault(paper_out_after=int(w[1]))
            case "slow":
                printer.set_fault(drain_bytes_per_s=None if w[1] == "off" else float(w[1]))
            case "status":
                printer.set_fault(status=w[1])
            case "jobs":
                return "\n".join(f"{i + 1}: {j.png} ({'cut' if j.cut else 'no cut'}, "
                                 f"{'complete' if j.complete else 'INCOMPLETE'})" for i, j in enumerate(printer.jobs))
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
    return f"state: {printer.state}  faults: {printer.faults}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk sim printer",
                                     description="virtual ESC/POS printer on 127.0.0.1; slips become PNG files")
    parser.add_argument("--port", type=int, default=9100, help="TCP port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--out", default="var/prints", help="directory for the PNG slips")
    parser.add_argument("--width", type=int, choices=(58, 80), default=80, help="paper width in mm")
    args = parser.parse_args(argv)
    try:
        printer = start_virtual_printer(args.out, args.port, paper_width_mm=args.width)
    except OSError as e:
        print(f"cannot listen on {LOOPBACK}:{args.port}: {e.strerror or e}", file=sys.stderr)
        return 1

    def show(job: DecodedJob) -> None:
        first = next((ln for ln in job.lines if ln.strip()), "")
        mark = "" if job.complete else " (incomplete)"
        print(f"printed {job.png}{mark}: {first.strip()}", flush=True)

    printer.on_job(show)
    print(f"virtual printer on {printer.host}:{printer.port}, {args.width} mm, slips in {printer.output_dir}",
          flush=True)
    print("type `help` for commands, Ctrl-C to stop", flush=True)
    from .console import serve_console
    return serve_console(lambda line: _command(printer, line), printer.stop)
