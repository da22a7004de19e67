"""The A4 driver against a real IPP printer nobody here wrote: CUPS's ippeveprinter (package
cups-ipp-utils), started on 127.0.0.1 on a free port. It keeps every document it receives (-d
spool folder, -k keep), so a test compares the received file byte for byte with the PDF sent;
ipptool (same package) reads the job's state back independently of the driver.

ippeveprinter shows states its own way: an empty tray through its /media form, toner levels
through its /supplies form, and jam or cover open as STATE: lines from the print command it runs
for each job (-c), which here is a small script the test steers. On Debian 12 it will not start
without a D-Bus bus, even with -r off: a private dbus-daemon is started for it.
"""
from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import replace
from pathlib import Path
from urllib.request import urlopen

import pytest

from kiosk.config.a4printer import A4PrinterSettings
from kiosk.devices.a4printer import (A4DoorOpen, A4JobAborted, A4PaperJam, A4PaperOut, A4PrintOutcome,
                                     A4PrintService, A4TonerEmpty)
from kiosk.services.documents.a4_samples import sample_a4
from kiosk.services.documents.certificate_copy import CopyFooter, certificate_copy
from kiosk.sim.certificate_pdf import certificate_pdf, sample_print_data
from kiosk.threads import ManualDelivery
from tests.conftest import wait_for
from tests.integration.a4_tools import tool

SETTINGS = A4PrinterSettings(request_timeout_s=3.0, job_timeout_s=20.0, stall_s=1.0, poll_interval_s=0.1)
COMMAND = """#!/bin/sh
# Run by ippeveprinter for each job with the spooled file; the test's control folder says what to report.
c="$KIOSK_TEST_CONTROL"
[ -f "$c/stderr" ] && cat "$c/stderr" >&2
[ -f "$c/sleep" ] && sleep "$(cat "$c/sleep")"
[ -f "$c/exit" ] && exit "$(cat "$c/exit")"
exit 0
"""
JOB_STATE_TEST = """{
  NAME "job-state"
  OPERATION Get-Job-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR integer job-id $job_id
  ATTR name requesting-user-name kiosk
  STATUS successful-ok
  DISPLAY job-state
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def bus():
    """A private D-Bus for ippeveprinter (nothing is advertised: -r off)."""
    proc = subprocess.Popen([tool("dbus-daemon"), "--session", "--nofork", "--print-address=1"],
                            stdout=subprocess.PIPE, text=True)
    address = proc.stdout.readline().strip()
    assert address, "dbus-daemon printed no address"
    yield address
    proc.terminate()
    proc.wait(5)


class Ippeveprinter:
    def __init__(self, folder: Path, bus: str):
        self.spool = folder / "spool"
        self.control = folder / "control"
        self.spool.mkdir()
        self.control.mkdir()
        command = folder / "print-command"
        command.write_text(COMMAND)
        command.chmod(0o700)
        self.port = free_port()
        self.uri = f"ipp://127.0.0.1:{self.port}/ipp/print"
        env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": bus, "DBUS_SESSION_BUS_ADDRESS": bus,
               "KIOSK_TEST_CONTROL": str(self.control)}
        self.log = (folder / "ippeveprinter.log").open("w")
        self.proc = subprocess.Popen(
            [tool("ippeveprinter"), "-n", "localhost", "-p", str(self.port), "-d", str(self.spool), "-k",
             "-f", "application/pdf", "-r", "off", "-c", str(command), "Kiosk Test A4"],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, (folder / "ippeveprinter.log").read_text()
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("ippeveprinter did not start listening")
        self.web("media", size1="iso_a4_210x297mm", type1="stationery", level1="250",
                 size3="na_number-10_4.125x9.5in", type3="envelope", level3="25")

    def web(self, page: str, **form: str) -> None:
        """ippeveprinter's own web forms (/media, /supplies), as its documentation says to script them."""
        query = "&".join(f"{k}={v}" for k, v in form.items())
        with urlopen(f"http://127.0.0.1:{self.port}/{page}?{query}", timeout=5) as response:
            assert response.status == 200

    def job_command(self, *, stderr: str = "", sleep: float = 0, exit_code: int = 0) -> None:
        for name, value in (("stderr", stderr), ("sleep", sleep), ("exit", exit_code)):
            path = self.control / name
            if value:
                path.write_text(f"{value}\n")
            elif path.exists():
                path.unlink()

    def received(self) -> list[Path]:
        return sorted(self.spool.glob("*.pdf"), key=lambda p: int(p.name.split("-")[0]))

    def job_state(self, job_id: int) -> str:
        """The job's state as ipptool reads it (CSV: a header, then the value)."""
        test = self.spool.parent / "job-state.test"
        test.write_text(JOB_STATE_TEST)
        out = subprocess.run([tool("ipptool"), "-c", "-d", f"job_id={job_id}", self.uri, str(test)],
                             capture_output=True, text=True, timeout=20)
        return out.stdout.strip().splitlines()[-1]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        self.log.close()


@pytest.fixture
def ippe(tmp_path, bus):
    printer = Ippeveprinter(tmp_path, bus)
    yield printer
    printer.stop()


@pytest.fixture
def service(ippe, tmp_path):
    svc = A4PrintService(replace(SETTINGS, uri=ippe.uri), tmp_path / "data" / "a4_journal.db", ManualDelivery())
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def copy():
    data = sample_print_data()
    return certificate_copy(certificate_pdf(data), CopyFooter("SIM-150626-01", data["verification_code"],
                                                              data["verification_url"]), summary=data["type_name"])


def run(service: A4PrintService, document, timeout: float = 30.0):
    results = []
    job_id = service.submit(document, results.append, results.append)
    deadline = time.monotonic() + timeout
    while not results and time.monotonic() < deadline:
        service._deliver.drain(wait=0.05)
    assert len(results) == 1, "no outcome delivered"
    return job_id, results[0]


def test_a_job_completes_and_ippeveprinter_received_exactly_the_document(service, ippe, copy):
    job_id, outcome = run(service, copy)
    assert isinstance(outcome, A4PrintOutcome), outcome
    (received,) = ippe.received()
    assert received.read_bytes() == copy.pdf
    assert received.name == f"{outcome.printer_job_id}-kiosk-certificate_copy-{job_id}.pdf"
    assert ippe.job_state(outcome.printer_job_id) == "completed"
    assert service.journal.get(job_id).state == "printed"
    assert outcome.status_after is not None and outcome.status_after.make_and_model


def test_an_empty_tray_is_refused_before_anything_is_sent(service, ippe):
    ippe.web("media", size1="iso_a4_210x297mm", type1="stationery", level1="0",
             size3="na_number-10_4.125x9.5in", type3="envelope", level3="25")
    job_id, err = run(service, sample_a4("receipt"))
    assert type(err) is A4PaperOut and err.nothing_printed and "media-empty" in err.detail
    assert ippe.received() == [] and service.journal.get(job_id).state == "failed"


def test_toner_low_prints_and_no_toner_is_refused(service, ippe):
    ippe.web("supplies", supply0="25", supply1="5")
    _job, outcome = run(service, sample_a4("receipt"))
    assert isinstance(outcome, A4PrintOutcome) and outcome.status_after.toner == "low"
    ippe.web("supplies", supply0="25", supply1="0")
    _job, err = run(service, sample_a4("receipt"))
    assert type(err) is A4TonerEmpty and err.nothing_printed
    assert len(ippe.received()) == 1


@pytest.mark.parametrize("reason, error", [("media-jam", A4PaperJam), ("cover-open", A4DoorOpen)])
def test_a_job_stopped_at_the_printer_is_cancelled_there_and_offered_as_a_reprint(service, ippe, copy, reason, error):
    # the print command reports the fault and ends 4 s later, as the technician clears it
    ippe.job_command(stderr=f"STATE: +{reason}", sleep=4)
    job_id, err = run(service, copy)
    assert type(err) is error and err.reprint_offered and not err.nothing_printed
    entry = service.journal.get(job_id)
    assert entry.state == "uncertain" and [e.id for e in service.pending_reprints()] == [job_id]
    # ippeveprinter marks a processing job cancelled and lets its command finish: without the
    # driver's Cancel-Job the job would end "completed" (the command exits 0) and print for nobody
    assert wait_for(lambda: ippe.job_state(entry.printer_job_id) == "canceled", timeout=10)
    (received,) = ippe.received()
    assert received.read_bytes() == copy.pdf


def test_a_job_the_printer_aborts_is_uncertain(service, ippe):
    ippe.job_command(exit_code=1)
    job_id, err = run(service, sample_a4("receipt"))
    assert type(err) is A4JobAborted and err.reprint_offered and "aborted" in err.detail
    assert ippe.job_state(service.journal.get(job_id).printer_job_id) == "aborted"
