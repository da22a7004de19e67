"""What a terminal with real parts must not carry over from the simulated one.

Each setting may be valid on its own and still be careless in service: the simulator's signing
secret sent to a real platform, the demonstration PIN guarding a terminal in a public hall, an
example file's placeholders left unedited. A configuration with any real part (reader, printer,
A4 printer or platform not simulated) is refused here with one line saying what to set. The embedded default,
all simulated, passes untouched.
"""
from __future__ import annotations

import hmac
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .pin_format import matches_pin

# The embedded default's: fine for the simulators, never for a real platform or a hall.
SIMULATOR_SECRET = "sim-secret-not-for-production"
DEMONSTRATION_PIN = "246810"
PLACEHOLDER = "replace-with-"
# RFC 5737 addresses are for examples only; the production example uses one for the printer.
DOCUMENTATION_NETS = ("192.0.2.", "198.51.100.", "203.0.113.")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
PRINTER_ADDRESS = {"network": ("host", "the printer's address on the terminal's network"),
                   "serial": ("serial_port", "the printer's serial device, e.g. /dev/ttyS1"),
                   "usb": ("usb_vendor_id", "the printer's USB vendor id (lsusb shows it)"),
                   "file": ("file_path", "the printer's device file, e.g. /dev/usb/lp0")}


def check_in_service(config: Any, source: str) -> str | None:
    """The one-line problem of the first careless setting, or None."""
    for check in (_placeholders, _reader, _printer, _a4printer, _platform, _diagnostics, _exit):
        problem = check(config)
        if problem:
            return f"{source}: {problem}"
    return None


def _placeholders(config: Any) -> str | None:
    """Every text setting left as the example file wrote it (on any configuration: a placeholder
    is never a working value)."""
    for section_name in ("terminal", "reader", "printer", "a4printer", "platform", "diagnostics"):
        section = getattr(config, section_name)
        for key, value in vars(section).items():
            if isinstance(value, str) and PLACEHOLDER in value:
                return f"{section_name}.{key} = {value!r}: still the example's placeholder; set the real value"
    return None


def _reader(config: Any) -> str | None:
    if not config.reader.simulated and not config.reader.port:
        return ("reader.port is empty for a real reader (reader.simulated = false): set the reader's serial "
                "device, e.g. /dev/serial/by-id/... or /dev/ttyUSB0")
    return None


def _printer(config: Any) -> str | None:
    p = config.printer
    if p.simulated:
        return None
    key, what = PRINTER_ADDRESS[p.transport]
    if not getattr(p, key):
        return f"printer.{key} is empty for printer.transport = {p.transport!r}: set {what}"
    if p.transport == "network" and p.host.startswith(DOCUMENTATION_NETS):
        return f"printer.host = {p.host!r} is the example's documentation address: set the printer's real address"
    return None


def _a4printer(config: Any) -> str | None:
    """A real A4 printer is found by its IPP address or CUPS queue; a typo there would send every
    certificate copy nowhere."""
    a4 = config.a4printer
    if not a4.installed or a4.simulated:
        return None
    if not a4.uri:
        return ("a4printer.uri is empty for a real A4 printer (a4printer.simulated = false): set ipp://HOST/ipp/print "
                "or the CUPS queue name (kiosk-a4), or a4printer.installed = false on a terminal without one")
    host = urlsplit(a4.uri).hostname or ""
    if host.startswith(DOCUMENTATION_NETS):
        return f"a4printer.uri = {a4.uri!r} is the example's documentation address: set the A4 printer's real address"
    return None


def _platform(config: Any) -> str | None:
    p = config.platform
    if p.simulated:
        return None
    if hmac.compare_digest(p.secret.encode(), SIMULATOR_SECRET.encode()):
        return ("platform.secret is the simulator's secret, sent to a real platform: set the secret the "
                "platform issued for this terminal")
    if not p.base_url:
        return "platform.base_url is empty for a real platform (platform.simulated = false): set https://..."
    url = urlsplit(p.base_url)
    if url.scheme != "https" and not (url.scheme == "http" and url.hostname in LOOPBACK_HOSTS):
        return (f"platform.base_url = {p.base_url!r}: a real platform is reached over https:// "
                "(plain http only to 127.0.0.1)")
    if p.ca_bundle and not Path(p.ca_bundle).is_file():
        return (f"platform.ca_bundle = {p.ca_bundle!r}: no such file; set the CA bundle's path, or \"\" for the "
                "system's certificates")
    return None


def _real_devices(config: Any) -> bool:
    a4 = config.a4printer
    return not (config.reader.simulated and config.printer.simulated and (a4.simulated or not a4.installed))


def _diagnostics(config: Any) -> str | None:
    if not _real_devices(config):
        return None
    pin_hash = config.diagnostics.pin_hash
    if not pin_hash:
        return ("diagnostics.pin_hash is empty on a terminal with real devices: run `kiosk pin-hash` and set "
                "its output")
    if matches_pin(DEMONSTRATION_PIN, pin_hash):
        return ("diagnostics.pin_hash is the demonstration PIN 246810 on a terminal with real devices: run "
                "`kiosk pin-hash` with the bureau's PIN and set its output")
    if config.diagnostics.allow_quit:
        return ("diagnostics.allow_quit = true on a terminal with real devices: set it to false "
                "(a citizen must never reach the operating system)")
    return None


def _exit(config: Any) -> str | None:
    if _real_devices(config) and config.ui.allow_exit:
        return ("ui.allow_exit = true on a terminal with real devices: set it to false "
                "(Escape and closing the window must not quit)")
    return None
