"""Transports on real files and a real pty (a serial printer stand-in)."""
from __future__ import annotations

import os
import threading

import pytest

from kiosk.config.printer import PrinterSettings
from kiosk.devices.printer import (Condition, PrinterDisconnected, PrinterNotFound, PrintService, build_transport)
from kiosk.devices.printer.transport import FileTransport, SerialTransport
from kiosk.services.documents import SAMPLES
from kiosk.threads import ManualDelivery
from kiosk.sim.escpos_decode import EscPosDecoder, JobDone, StatusQuery
from kiosk.sim.printer_sim import PrinterState


class PtyPrinter:
    """Answers DLE EOT on the master side of a pty and collects the jobs, like a serial printer."""

    def __init__(self):
        self.master, self._slave = os.openpty()  # keeping a slave fd open: reopening the port must not EIO
        self.path = os.ttyname(self._slave)
        self.state = PrinterState()
        self.jobs = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        import select
        decoder = EscPosDecoder()
        while not self.stop.is_set():
            if not select.select([self.master], [], [], 0.05)[0]:
                continue
            try:
                data = os.read(self.master, 4096)
            except OSError:
                return
            for ev in decoder.feed(data):
                if isinstance(ev, StatusQuery):
                    os.write(self.master, bytes([self.state.reply(ev.n)]))
                elif isinstance(ev, JobDone):
                    self.jobs.append(ev.job)

    def close(self):
        self.stop.set()
        self.thread.join(2)
        os.close(self.master)
        os.close(self._slave)


@pytest.fixture
def pty_printer():
    p = PtyPrinter()
    yield p
    p.close()


def test_serial_status_and_job_over_a_pty(pty_printer, tmp_path):
    settings = PrinterSettings(transport="serial", serial_port=pty_printer.path, serial_baud=115200,
                               timeout_s=2, status_timeout_s=0.5)
    t = build_transport(settings)
    t.connect()
    try:
        assert t.read_status(0.5).condition is Condition.READY
        pty_printer.state = PrinterState(paper="out")
        assert t.read_status(0.5).condition is Condition.PAPER_OUT
    finally:
        t.disconnect()
    pty_printer.state = PrinterState()
    svc = PrintService(settings, tmp_path / "j.db", ManualDelivery())
    try:
        results = []
        svc.submit(SAMPLES["rating"](), results.append, results.append)
        svc._deliver.drain(wait=5)
        assert results and results[0].message_key == "printer.done"
        assert pty_printer.jobs and "满意" in pty_printer.jobs[0].text
    finally:
        svc.close()


def test_serial_port_that_does_not_exist_is_not_found(tmp_path):
    t = SerialTransport(str(tmp_path / "ttyNOPE"), 9600, 1)
    with pytest.raises(PrinterNotFound) as e:
        t.connect()
    assert e.value.message_key == "printer.error.not_found" and e.value.nothing_printed


def test_serial_printer_unplugged_mid_session_is_disconnected(tmp_path):
    p = PtyPrinter()
    t = SerialTransport(p.path, 9600, 1)
    t.connect()
    p.close()  # the other end goes away, as when a USB-serial adapter is pulled
    try:
        with pytest.raises(PrinterDisconnected):
            t.send(b"x" * 100)
            t.query(1, 0.2)
    finally:
        t.disconnect()


def test_file_transport_writes_the_job_and_claims_no_status(tmp_path):
    path = tmp_path / "lp0"
    svc = PrintService(PrinterSettings(transport="file", file_path=str(path)), tmp_path / "j.db", ManualDelivery())
    try:
        results = []
        svc.submit(SAMPLES["receipt"](), results.append, results.append)
        svc._deliver.drain(wait=5)
        assert results[0].status_after.condition is Condition.NOT_SUPPORTED
        assert path.read_bytes() == svc.encode(SAMPLES["receipt"]())
    finally:
        svc.close()


def test_file_in_a_missing_directory_is_not_found(tmp_path):
    with pytest.raises(PrinterNotFound):
        FileTransport(str(tmp_path / "no" / "lp0")).connect()
