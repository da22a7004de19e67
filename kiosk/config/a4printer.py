"""[a4printer]: the A4 printer beside the receipt printer (certificate copies, A4 receipts and notices).

Reached through IPP: a driverless IPP Everywhere printer (ipp://printer/ipp/print), a USB printer
through ipp-usb (ipp://localhost:60000/ipp/print), or a CUPS queue by name (kiosk-a4, which is
ipp://localhost:631/printers/kiosk-a4). docs/printing-a4.md says how a technician attaches one.
"""
from dataclasses import dataclass

from .schema import setting

# A CUPS queue name as lpadmin -p accepts it (no slash, space, quote or #), or an IPP address.
URI_PATTERN = r"|ipps?://\S+|[A-Za-z0-9_.\-]{1,127}"


@dataclass(frozen=True)
class A4PrinterSettings:
    installed: bool = setting(True, help="false: this terminal has no A4 printer (copies are printed at the window)")
    simulated: bool = setting(True, help="true: the built-in virtual A4 printer on 127.0.0.1, which saves each job "
                                         "as PDF and PNG; false: the printer at uri")
    uri: str = setting("", pattern=URI_PATTERN,
                       help="ipp://HOST[:PORT]/ipp/print, ipps://..., or a CUPS queue name such as kiosk-a4 "
                            "(simulated = false)")
    media: str = setting("iso_a4_210x297mm", pattern=r"[a-z0-9_.\-]{1,64}",
                         help="IPP media keyword asked for each job")
    request_timeout_s: float = setting(10.0, min=1, max=120,
                                       help="connect and answer of one IPP request (state, job submission, polling)")
    job_timeout_s: float = setting(120.0, min=5, max=900,
                                   help="from the job's acceptance to its end (completed, aborted or canceled); "
                                        "past it the job is cancelled and offered as 补打")
    stall_s: float = setting(10.0, min=0.5, max=300,
                             help="a job stopped this long by paper out, a jam, an open door or no toner is "
                                  "cancelled and offered as 补打")
    poll_interval_s: float = setting(0.5, min=0.05, max=10, help="how often the job's state is asked")
    output_dir: str = setting("var/prints", help="where the virtual A4 printer saves its PDF and PNG pages")
    simulator_port: int = setting(0, min=0, max=65535,
                                  help="port of the virtual A4 printer on 127.0.0.1 (simulated = true); "
                                       "0 picks a free one")
    sim_page_s: float = setting(0.3, min=0, max=30, help="how long the virtual A4 printer takes per page")
