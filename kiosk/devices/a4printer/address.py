"""Where the A4 printer is: an ipp:// or ipps:// URI, or the name of a CUPS queue on this machine.

IPP travels over HTTP: ipp://host[:631]/path is POSTed to http://host[:631]/path, ipps:// to
https://. A CUPS queue `kiosk-a4` is cupsd's own IPP printer ipp://localhost:631/printers/kiosk-a4,
so the same client speaks to a printer directly and to a queue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import A4PrinterConfigError

IPP_PORT = 631
CUPS_SERVER = "localhost:631"
QUEUE_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,127}")


@dataclass(frozen=True)
class PrinterAddress:
    printer_uri: str        # what goes into the printer-uri attribute
    http_url: str           # where the request is POSTed
    queue: str = ""         # the CUPS queue's name, when given by name

    @property
    def host(self) -> str:
        return urlsplit(self.http_url).hostname or ""


def printer_address(uri: str) -> PrinterAddress:
    """Raises A4PrinterConfigError for anything that is neither an IPP URI nor a queue name."""
    uri = uri.strip()
    if QUEUE_NAME.fullmatch(uri):
        printer_uri = f"ipp://{CUPS_SERVER}/printers/{uri}"
        return PrinterAddress(printer_uri, f"http://{CUPS_SERVER}/printers/{uri}", queue=uri)
    parts = urlsplit(uri)
    if parts.scheme not in ("ipp", "ipps") or not parts.hostname:
        raise A4PrinterConfigError(f"not an ipp:// or ipps:// address, nor a CUPS queue name: {uri!r}")
    try:
        port = parts.port or IPP_PORT
    except ValueError:
        raise A4PrinterConfigError(f"the port in {uri!r} is not a number from 1 to 65535") from None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    scheme = "https" if parts.scheme == "ipps" else "http"
    path = parts.path or "/ipp/print"
    return PrinterAddress(uri, f"{scheme}://{host}:{port}{path}")
