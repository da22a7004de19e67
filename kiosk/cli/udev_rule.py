"""`kiosk udev-rule --port /dev/ttyUSB0 [--name idcard|printer]`: prints a udev rule that gives the
device attached there a stable name (/dev/kiosk-idcard, /dev/kiosk-printer) and the kiosk group
access, matched by the USB vendor, product and serial number read from sysfs.

Terminals carry different USB-serial chips; the common ones:

    chip      vendor:product   serial number
    CH340     1a86:7523        none (the rule names the USB port instead: keep the cable there)
    PL2303    067b:2303        usually none
    CP210x    10c4:ea60        yes
    FTDI      0403:6001        yes (FT232R)

Append the printed line to /etc/udev/rules.d/70-kiosk.rules, then
`udevadm control --reload && udevadm trigger --action=add`, and set [reader] port =
"/dev/kiosk-idcard". A USB printer of the printer class (/dev/usb/lp0) works the same way.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CHIPS = {("1a86", "7523"): "CH340", ("067b", "2303"): "PL2303", ("10c4", "ea60"): "CP210x",
         ("0403", "6001"): "FTDI FT232R"}
NAMES = {"idcard": "ID card reader", "printer": "receipt printer"}
CLASSES = ("tty", "usbmisc")            # serial adapters; USB printer class devices (/dev/usb/lp0)
SAFE_VALUE = re.compile(r"[A-Za-z0-9._-]{1,64}")


class NotFound(Exception):
    """The port has no USB device behind it in sysfs; one line saying what to do."""


@dataclass(frozen=True)
class UsbDevice:
    kernel: str             # ttyUSB0, lp0
    subsystem: str          # tty | usbmisc
    vendor: str             # idVendor, 4 hex digits
    product: str            # idProduct
    serial: str | None      # the USB serial number, None when the chip reports none
    usb_port: str           # the USB device's kernel name, i.e. its physical port: 1-1.4
    description: str        # manufacturer and product strings, for the comment

    @property
    def chip(self) -> str:
        return CHIPS.get((self.vendor, self.product), "")


def find_usb_device(port: str, sysfs: Path = Path("/sys")) -> UsbDevice:
    """The USB device behind `port` (/dev/ttyUSB0, /dev/serial/by-id/..., /dev/usb/lp0), read from sysfs."""
    kernel = Path(os.path.realpath(port)).name
    for subsystem in CLASSES:
        entry = Path(sysfs) / "class" / subsystem / kernel
        if entry.exists():
            break
    else:
        raise NotFound(f"{port}: no {kernel} under {sysfs}/class/tty or usbmisc; is the device plugged in? "
                       "(ls /dev/ttyUSB* /dev/ttyACM* /dev/usb/)")
    device = entry.resolve()
    for parent in (device, *device.parents):
        if parent == Path(sysfs).resolve() or parent == parent.parent:
            break
        if (parent / "idVendor").is_file() and (parent / "idProduct").is_file():
            words = [_read(parent / name) for name in ("manufacturer", "product")]
            return UsbDevice(kernel, subsystem, _read(parent / "idVendor").lower(), _read(parent / "idProduct").lower(),
                             _read(parent / "serial") or None, parent.name, " ".join(" ".join(words).split()))
    raise NotFound(f"{port}: {kernel} is not on USB (no USB device above it in sysfs); name it by hand, "
                   f'e.g. KERNEL=="{kernel}", SYMLINK+="kiosk-..."')


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def rule_for(device: UsbDevice, name: str) -> str:
    """Two lines: a comment saying what the rule is for, and the rule."""
    chip = device.chip or "a chip not in the table of common ones"
    if device.serial and SAFE_VALUE.fullmatch(device.serial):
        which = f'ATTRS{{serial}}=="{device.serial}"'
        where = f"serial {device.serial}"
    else:
        # No serial number (CH340), or one udev could not match safely: the physical USB port tells
        # two identical adapters apart instead, so the cable must stay in that port.
        which = f'KERNELS=="{device.usb_port}"'
        where = (f"no usable serial number: USB port {device.usb_port}; keep the cable in that port")
    comment = (f"# {NAMES[name]} (/dev/kiosk-{name}): {chip} {device.vendor}:{device.product}"
               f"{', ' + device.description if device.description else ''}; {where}")
    rule = (f'SUBSYSTEM=="{device.subsystem}", ATTRS{{idVendor}}=="{device.vendor}", '
            f'ATTRS{{idProduct}}=="{device.product}", {which}, SYMLINK+="kiosk-{name}", GROUP="kiosk", MODE="0660"')
    return f"{comment}\n{rule}"


# --- a syntax check of rule lines (Debian 12's udev 252 has no `udevadm verify`) --------------------
MATCH_KEYS = {"ACTION", "SUBSYSTEM", "SUBSYSTEMS", "KERNEL", "KERNELS", "DRIVER", "DRIVERS", "ATTR", "ATTRS", "ENV"}
ASSIGN_KEYS = {"SYMLINK", "GROUP", "MODE", "OWNER", "TAG", "ENV", "RUN", "NAME"}
NEEDS_ATTRIBUTE = {"ATTR", "ATTRS", "ENV"}
_PAIR = re.compile(r'\s*([A-Z_]+)(?:\{([A-Za-z0-9_.]+)\})?\s*(==|!=|\+=|-=|:=|=)\s*"([^"\\]*)"\s*')


def rule_problems(line: str) -> list[str]:
    """What is wrong with one rule line as udev reads it: KEY{attr}OP"value" pairs separated by
    commas, match keys with == or !=, assignments with = += -= :=. Empty: the line is a valid rule."""
    problems, position, matched = [], 0, False
    while position < len(line):
        pair = _PAIR.match(line, position)
        if pair is None:
            return problems + [f"cannot read a KEY==\"value\" pair at column {position + 1}: {line[position:][:30]!r}"]
        key, attribute, operator, _value = pair.groups()
        is_match = operator in ("==", "!=")
        if key not in (MATCH_KEYS if is_match else ASSIGN_KEYS):
            problems.append(f"{key} {operator}: udev does not {'match' if is_match else 'assign'} {key} with {operator}")
        if (key in NEEDS_ATTRIBUTE) != (attribute is not None):
            problems.append(f"{key}: {'needs' if key in NEEDS_ATTRIBUTE else 'takes no'} {{attribute}}")
        matched |= is_match
        position = pair.end()
        if position < len(line):
            if line[position] != ",":
                return problems + [f"expected a comma at column {position + 1}"]
            position += 1
    if not matched:
        problems.append("no match key: the rule would apply to every device")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk udev-rule", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", required=True, help="the device as attached now, e.g. /dev/ttyUSB0")
    parser.add_argument("--name", choices=sorted(NAMES), default="idcard",
                        help="idcard: /dev/kiosk-idcard (default); printer: /dev/kiosk-printer")
    parser.add_argument("--sysfs", default="/sys", help=argparse.SUPPRESS)   # the tests' fake sysfs
    args = parser.parse_args(argv)
    try:
        device = find_usb_device(args.port, Path(args.sysfs))
    except NotFound as exc:
        print(f"kiosk udev-rule: {exc}", file=sys.stderr)
        return 2
    text = rule_for(device, args.name)
    problems = rule_problems(text.splitlines()[-1])
    if problems:    # sysfs values are checked above; this would be a bug here, never a bad rule file
        print(f"kiosk udev-rule: the rule came out malformed: {'; '.join(problems)}", file=sys.stderr)
        return 1
    print(text)
    print(f"kiosk udev-rule: append these lines to /etc/udev/rules.d/70-kiosk.rules, run `udevadm control "
          f"--reload && udevadm trigger --action=add`, and use /dev/kiosk-{args.name} in the configuration",
          file=sys.stderr)
    return 0
