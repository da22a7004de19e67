"""`kiosk udev-rule` reads the attached USB-serial adapter from sysfs (a fake tree built here, laid
out as the kernel lays it out) and prints a rule udev accepts: stable name, kiosk group, 0660."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cli import udev_rule
from kiosk.cli.udev_rule import CHIPS, find_usb_device, rule_for, rule_problems

USB = "devices/pci0000:00/0000:00:14.0/usb1"


def plug(sysfs: Path, port: str, vendor: str, product: str, serial: str | None = None, kernel: str = "ttyUSB0",
         subsystem: str = "tty", manufacturer: str = "wch.cn", product_name: str = "USB Serial") -> Path:
    """A USB-serial adapter at USB port `port` (e.g. 1-1.4), its tty, and the class link to it."""
    (sysfs / USB).mkdir(parents=True, exist_ok=True)
    for name, value in (("idVendor", "1d6b"), ("idProduct", "0002")):      # the root hub, further up
        (sysfs / USB / name).write_text(value + "\n")
    device = sysfs / USB / port.rsplit(".", 1)[0] / port if "." in port else sysfs / USB / port
    device.mkdir(parents=True, exist_ok=True)
    files = {"idVendor": vendor, "idProduct": product, "manufacturer": manufacturer, "product": product_name}
    if serial is not None:
        files["serial"] = serial
    for name, value in files.items():
        (device / name).write_text(value + "\n")
    node = device / f"{port}:1.0" / kernel / subsystem / kernel if subsystem == "tty" else \
        device / f"{port}:1.0" / subsystem / kernel
    node.mkdir(parents=True)
    (node / "dev").write_text("188:0\n")
    link = sysfs / "class" / subsystem / kernel
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(os.path.relpath(node, link.parent))
    return node


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = udev_rule.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("vendor, product, chip", [(v, p, c) for (v, p), c in CHIPS.items()])
def test_each_common_chip_gets_a_rule_by_vendor_and_product(tmp_path, capsys, vendor, product, chip):
    plug(tmp_path, "1-1.4", vendor, product, serial="A10KZ3QX")
    code, out, err = run(capsys, "--port", "/dev/ttyUSB0", "--sysfs", str(tmp_path))
    assert code == 0, err
    comment, rule = out.strip().splitlines()
    assert chip in comment and f"{vendor}:{product}" in comment
    assert rule_problems(rule) == []
    assert rule == (f'SUBSYSTEM=="tty", ATTRS{{idVendor}}=="{vendor}", ATTRS{{idProduct}}=="{product}", '
                    'ATTRS{serial}=="A10KZ3QX", SYMLINK+="kiosk-idcard", GROUP="kiosk", MODE="0660"')
    assert "70-kiosk.rules" in err


def test_a_chip_without_a_serial_number_is_named_by_its_usb_port(tmp_path, capsys):
    plug(tmp_path, "1-1.4", "1a86", "7523", serial=None)
    code, out, _err = run(capsys, "--port", "/dev/ttyUSB0", "--name", "printer", "--sysfs", str(tmp_path))
    comment, rule = out.strip().splitlines()
    assert code == 0
    assert 'KERNELS=="1-1.4"' in rule and "serial" not in rule and 'SYMLINK+="kiosk-printer"' in rule
    assert "keep the cable in that port" in comment
    assert rule_problems(rule) == []


def test_a_serial_number_udev_could_not_match_safely_is_not_written_into_the_rule(tmp_path):
    plug(tmp_path, "2-3", "10c4", "ea60", serial='0001", RUN+="/bin/sh')
    rule = rule_for(find_usb_device("/dev/ttyUSB0", tmp_path), "idcard").splitlines()[1]
    assert "RUN" not in rule and 'KERNELS=="2-3"' in rule
    assert rule_problems(rule) == []


def test_a_stable_by_id_link_is_followed_to_its_device(tmp_path, capsys):
    plug(tmp_path, "1-2", "0403", "6001", serial="FT0042", kernel="ttyUSB3", manufacturer="FTDI",
         product_name="FT232R USB UART")
    by_id = tmp_path / "dev" / "serial" / "by-id"
    by_id.mkdir(parents=True)
    (by_id / "usb-FTDI_FT232R_USB_UART_FT0042-if00-port0").symlink_to("../../ttyUSB3")
    code, out, _err = run(capsys, "--port", str(by_id / "usb-FTDI_FT232R_USB_UART_FT0042-if00-port0"),
                          "--sysfs", str(tmp_path))
    assert code == 0
    assert "FTDI FT232R USB UART" in out and 'ATTRS{serial}=="FT0042"' in out


def test_a_usb_printer_class_device_gets_its_rule_too(tmp_path, capsys):
    plug(tmp_path, "1-3", "0416", "5011", serial="PRN1", kernel="lp0", subsystem="usbmisc")
    code, out, _err = run(capsys, "--port", "/dev/usb/lp0", "--name", "printer", "--sysfs", str(tmp_path))
    rule = out.strip().splitlines()[1]
    assert code == 0 and rule.startswith('SUBSYSTEM=="usbmisc", ATTRS{idVendor}=="0416"')
    assert "chip not in the table" in out


def test_a_port_that_is_not_usb_or_not_there_is_one_line_saying_what_to_do(tmp_path, capsys):
    node = tmp_path / "devices" / "platform" / "serial8250" / "tty" / "ttyS0"
    node.mkdir(parents=True)
    (tmp_path / "class" / "tty").mkdir(parents=True)
    (tmp_path / "class" / "tty" / "ttyS0").symlink_to("../../devices/platform/serial8250/tty/ttyS0")
    code, out, err = run(capsys, "--port", "/dev/ttyS0", "--sysfs", str(tmp_path))
    assert (code, out) == (2, "") and err.count("\n") == 1 and "is not on USB" in err and 'KERNEL=="ttyS0"' in err
    code, out, err = run(capsys, "--port", "/dev/ttyUSB7", "--sysfs", str(tmp_path))
    assert (code, out) == (2, "") and err.count("\n") == 1 and "is the device plugged in?" in err


@pytest.mark.parametrize("line, problem", [
    ('SUBSYSTEM="tty", SYMLINK+="x"', "udev does not assign SUBSYSTEM with ="),
    ('SUBSYSTEM=="tty" SYMLINK+="x"', "expected a comma"),
    ('ATTRS=="1a86", SYMLINK+="x"', "needs {attribute}"),
    ('SYMLINK+="kiosk-idcard", GROUP="kiosk"', "no match key"),
    ('SUBSYSTEM=="tty", MODE="0660', "cannot read"),
])
def test_the_syntax_check_catches_what_udev_would_refuse(line, problem):
    assert any(problem in p for p in rule_problems(line)), rule_problems(line)


def udevadm_verify_available() -> bool:
    if shutil.which("udevadm") is None:
        return False
    return subprocess.run(["udevadm", "verify", "--help"], capture_output=True).returncode == 0


@pytest.mark.skipif(not udevadm_verify_available(),
                    reason="this udev has no `udevadm verify` (added in systemd 254; Debian 12 has 252): "
                           "the rule is checked by rule_problems above instead")
def test_udevadm_verify_accepts_the_printed_rule(tmp_path):
    plug(tmp_path / "sys", "1-1.4", "1a86", "7523")
    rules = tmp_path / "70-kiosk.rules"
    rules.write_text(rule_for(find_usb_device("/dev/ttyUSB0", tmp_path / "sys"), "idcard") + "\n")
    check = subprocess.run(["udevadm", "verify", str(rules)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
