"""Transports from configuration: network (port 9100), serial, USB and file.

Each is a thin subclass of the python-escpos printer class of the same kind, so the rest of
python-escpos (profiles, `_raw`) still applies; what they add is what a kiosk needs and 3.1 lacks:
explicit timeouts everywhere (a stalled printer must never block the worker forever; the library
defaults are 60 s for sockets and none at all for USB), every OS and library exception mapped to
one typed PrinterError (errors.py), and a `query(n)` that sends DLE EOT n and returns the reply
byte or None, never a guess.
"""
from __future__ import annotations

import errno
import logging
import os
import select
import socket
import time

from escpos.printer import File as _EscposFile
from escpos.printer import Network as _EscposNetwork
from escpos.printer import Serial as _EscposSerial
from escpos.printer import Usb as _EscposUsb

from .errors import (PrinterBusy, PrinterConfigError, PrinterDisconnected, PrinterDriverMissing, PrinterError,
                     PrinterNotFound, PrinterPermissionDenied, PrinterTimeout, PrinterUnreachable)
from .status import QUERIES, PrinterStatus, status_request

log = logging.getLogger(__name__)

_UNREACHABLE = {errno.ECONNREFUSED, errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN, errno.ENETDOWN,
                errno.EADDRNOTAVAIL}
_GONE = {errno.EPIPE, errno.ECONNRESET, errno.ECONNABORTED, errno.EIO, errno.ESHUTDOWN, errno.ENODEV, errno.ENXIO,
         errno.ENOTCONN}
_ABSENT = {errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ENOTDIR}


def _errno_of(exc: BaseException) -> int | None:
    seen = 0
    while exc is not None and seen < 4:
        code = getattr(exc, "errno", None)
        if isinstance(code, int):
            return code
        if exc.args and isinstance(exc.args[0], int):
            return exc.args[0]
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def map_error(exc: BaseException, *, opening: bool, where: str) -> PrinterError:
    """One typed error for any transport exception. `opening`: nothing can have been printed yet."""
    if isinstance(exc, PrinterError):
        return exc
    detail = f"{where}: {type(exc).__name__}: {exc}"
    code = _errno_of(exc)
    name = type(exc).__name__
    if isinstance(exc, (socket.timeout, TimeoutError)) or code == errno.ETIMEDOUT or "Timeout" in name:
        return PrinterTimeout(detail, nothing_printed=opening)
    if isinstance(exc, socket.gaierror):
        return PrinterUnreachable(detail)
    if code in (errno.EACCES, errno.EPERM):
        return PrinterPermissionDenied(detail)
    if code == errno.EBUSY:
        return PrinterBusy(detail)
    if opening:
        if code in _UNREACHABLE:
            return PrinterUnreachable(detail)
        if code in _ABSENT:
            return PrinterNotFound(detail)
        return PrinterNotFound(detail)
    if code in _GONE or code in _UNREACHABLE or isinstance(exc, (ConnectionError, BrokenPipeError)):
        return PrinterDisconnected(detail, nothing_printed=False)
    return PrinterDisconnected(detail, nothing_printed=False)


class _TransportMixin:
    """What the print worker uses; the escpos base supplies `_raw` and profiles."""
    kind = "?"
    can_read_status = True
    write_timeout_s: float = 10.0

    def connect(self) -> None:
        raise NotImplementedError

    def disconnect(self) -> None:
        try:
            self.close()
        except Exception as exc:  # noqa: BLE001 - closing a dead link must not raise
            log.debug("closing %s: %s", self.describe(), exc)
        self._device = False

    @property
    def connected(self) -> bool:
        return bool(self._device)

    def send(self, data: bytes) -> None:
        if not self._device:
            raise PrinterDisconnected(f"{self.describe()}: not connected")
        try:
            self._raw(data)
        except Exception as exc:  # noqa: BLE001 - mapped, never swallowed
            raise map_error(exc, opening=False, where=self.describe()) from exc

    def query(self, n: int, timeout: float) -> int | None:
        """DLE EOT n; the reply byte, or None when nothing (or nothing sane) came back in time."""
        if not self.can_read_status:
            return None
        self.send(self._drain_and(status_request(n)))
        try:
            data = self._read_reply(timeout)
        except PrinterError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise map_error(exc, opening=False, where=self.describe()) from exc
        return data[-1] if data else None

    def _drain_and(self, request: bytes) -> bytes:
        """Drops stale input (a late reply to an earlier query must not answer this one)."""
        try:
            self._drain_input()
        except Exception:  # noqa: BLE001 - draining is best effort
            pass
        return request

    def _drain_input(self) -> None:
        pass

    def _read_reply(self, timeout: float) -> bytes:
        raise NotImplementedError

    def read_status(self, timeout: float) -> PrinterStatus:
        """All four DLE EOT queries. After a missing reply the rest are not asked: a late answer
        could otherwise be read as the answer to the next question."""
        if not self.can_read_status:
            return PrinterStatus.not_supported()
        replies: dict[int, int | None] = {}
        for n in QUERIES:
            reply = self.query(n, timeout)
            replies[n] = reply
            if reply is None:
                break
        for n in QUERIES:
            replies.setdefault(n, None)
        return PrinterStatus.from_replies(replies)

    def describe(self) -> str:
        return self.kind


class NetworkTransport(_TransportMixin, _EscposNetwork):
    kind = "network"

    def __init__(self, host: str, port: int = 9100, timeout: float = 10.0, profile: str | None = None):
        _EscposNetwork.__init__(self, host=host, port=port, timeout=timeout, profile=profile)
        self.write_timeout_s = timeout

    def describe(self) -> str:
        return f"{self.kind} {self.host}:{self.port}"

    def open(self, raise_not_found: bool = True) -> None:
        self.connect()

    def connect(self) -> None:
        self.disconnect()
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except Exception as exc:  # noqa: BLE001
            raise map_error(exc, opening=True, where=self.describe()) from exc
        self._device = sock

    def _raw(self, msg: bytes) -> None:
        self._device.settimeout(self.write_timeout_s)
        self._device.sendall(msg)

    def _drain_input(self) -> None:
        sock = self._device
        while select.select([sock], [], [], 0)[0]:
            if not sock.recv(256):
                raise PrinterDisconnected(f"{self.describe()}: closed by the printer", nothing_printed=False)

    def _read_reply(self, timeout: float) -> bytes:
        self._device.settimeout(timeout)
        try:
            data = self._device.recv(16)
        except socket.timeout:
            return b""
        if not data:
            raise PrinterDisconnected(f"{self.describe()}: closed by the printer", nothing_printed=False)
        return data

    def close(self) -> None:
        sock, self._device = self._device, False
        if sock:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


class SerialTransport(_TransportMixin, _EscposSerial):
    kind = "serial"

    def __init__(self, devfile: str, baudrate: int = 115200, timeout: float = 10.0, profile: str | None = None,
                 dsrdtr: bool = False, rtscts: bool = False):
        _EscposSerial.__init__(self, devfile=devfile, baudrate=baudrate, timeout=timeout, dsrdtr=dsrdtr,
                               profile=profile)
        self.rtscts = rtscts
        self.write_timeout_s = timeout

    def describe(self) -> str:
        return f"{self.kind} {self.devfile} @ {self.baudrate}"

    def open(self, raise_not_found: bool = True) -> None:
        self.connect()

    def connect(self) -> None:
        import serial
        self.disconnect()
        try:
            self._device = serial.Serial(port=self.devfile, baudrate=self.baudrate, timeout=1.0,
                                         write_timeout=self.write_timeout_s, dsrdtr=self.dsrdtr,
                                         rtscts=self.rtscts, exclusive=True)
        except Exception as exc:  # noqa: BLE001
            raise map_error(exc, opening=True, where=self.describe()) from exc

    def _raw(self, msg: bytes) -> None:
        # the wire itself takes 10 bits per byte: allow for it on top of the configured timeout
        self._device.write_timeout = self.write_timeout_s + len(msg) * 10 / self.baudrate
        written = self._device.write(msg)
        if written is not None and written != len(msg):
            raise PrinterTimeout(f"{self.describe()}: {written} of {len(msg)} bytes written", nothing_printed=False)
        self._device.flush()

    def _drain_input(self) -> None:
        self._device.reset_input_buffer()

    def _read_reply(self, timeout: float) -> bytes:
        self._device.timeout = timeout
        return self._device.read(1)

    def close(self) -> None:
        dev, self._device = self._device, False
        if dev:
            dev.close()


class UsbTransport(_TransportMixin, _EscposUsb):
    kind = "usb"

    def __init__(self, vendor_id: int, product_id: int, timeout: float = 10.0, profile: str | None = None,
                 in_ep: int = 0x82, out_ep: int = 0x01):
        _EscposUsb.__init__(self, idVendor=vendor_id or None, idProduct=product_id or None,
                            timeout=int(timeout * 1000), in_ep=in_ep, out_ep=out_ep, profile=profile)
        self.write_timeout_s = timeout

    def describe(self) -> str:
        vid, pid = self.usb_args.get("idVendor", 0), self.usb_args.get("idProduct", 0)
        return f"{self.kind} {vid:04x}:{pid:04x}"

    def open(self, raise_not_found: bool = True) -> None:
        self.connect()

    def connect(self) -> None:
        try:
            import usb.core
        except ImportError:
            raise PrinterDriverMissing("transport = usb needs pyusb (pip install 'pyusb>=1.2,<2')") from None
        self.disconnect()
        try:
            device = usb.core.find(**self.usb_args)
            if device is None:
                raise PrinterNotFound(f"{self.describe()}: not on the USB bus (unplugged or switched off?)")
            self._device = device
            self._check_driver()  # detaches the kernel's usblp, which otherwise holds the device (busy)
            device.set_configuration()
        except Exception as exc:  # noqa: BLE001
            self._device = False
            raise map_error(exc, opening=True, where=self.describe()) from exc

    def _raw(self, msg: bytes) -> None:
        timeout_ms = int((self.write_timeout_s + len(msg) / 2000) * 1000)  # USB full speed printers: ~2 KB/s worst
        self._device.write(self.out_ep, msg, timeout_ms)

    def _read_reply(self, timeout: float) -> bytes:
        try:
            return bytes(self._device.read(self.in_ep, 16, int(timeout * 1000)))
        except Exception as exc:  # noqa: BLE001
            if "Timeout" in type(exc).__name__ or _errno_of(exc) == errno.ETIMEDOUT:
                return b""
            raise

    def close(self) -> None:
        dev, self._device = self._device, False
        if dev:
            try:
                import usb.util
                usb.util.dispose_resources(dev)
            except Exception:  # noqa: BLE001
                pass


class FileTransport(_TransportMixin, _EscposFile):
    """A device node (/dev/usb/lp0) or a plain file. Cannot read status: jobs go out unchecked."""
    kind = "file"
    can_read_status = False

    def __init__(self, devfile: str, timeout: float = 10.0, profile: str | None = None):
        _EscposFile.__init__(self, devfile=devfile, profile=profile)
        self.write_timeout_s = timeout

    def describe(self) -> str:
        return f"{self.kind} {self.devfile}"

    def open(self, raise_not_found: bool = True) -> None:
        self.connect()

    def connect(self) -> None:
        self.disconnect()
        try:
            flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NONBLOCK", 0)
            if not os.path.exists(self.devfile):
                flags |= os.O_CREAT if os.path.isdir(os.path.dirname(os.path.abspath(self.devfile))) else 0
            self._fd = os.open(self.devfile, flags, 0o600)
        except Exception as exc:  # noqa: BLE001
            raise map_error(exc, opening=True, where=self.describe()) from exc
        self._device = True

    def _raw(self, msg: bytes) -> None:
        # non-blocking writes with a deadline: a stalled /dev/usb/lp0 must not hang the worker
        deadline = time.monotonic() + self.write_timeout_s
        view = memoryview(msg)
        while view:
            try:
                n = os.write(self._fd, view)
                view = view[n:]
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([], [self._fd], [], left)[1]:
                    raise PrinterTimeout(f"{self.describe()}: device stopped accepting data",
                                         nothing_printed=False) from None

    def close(self) -> None:
        if self._device and getattr(self, "_fd", None) is not None:
            os.close(self._fd)
            self._fd = None
        self._device = False


def build_transport(settings) -> _TransportMixin:
    """The transport [printer] describes (a simulated printer is a network printer on loopback)."""
    kind = settings.transport
    profile = settings.profile
    if kind == "network":
        if not settings.host:
            raise PrinterConfigError("transport = network needs printer.host")
        return NetworkTransport(settings.host, settings.port, settings.timeout_s, profile)
    if kind == "serial":
        if not settings.serial_port:
            raise PrinterConfigError("transport = serial needs printer.serial_port")
        flow = getattr(settings, "serial_flow_control", "none")
        return SerialTransport(settings.serial_port, settings.serial_baud, settings.timeout_s, profile,
                               dsrdtr=flow == "dsrdtr", rtscts=flow == "rtscts")
    if kind == "usb":
        if not settings.usb_vendor_id:
            raise PrinterConfigError("transport = usb needs printer.usb_vendor_id (and usb_product_id)")
        return UsbTransport(settings.usb_vendor_id, settings.usb_product_id, settings.timeout_s, profile)
    if kind == "file":
        if not settings.file_path:
            raise PrinterConfigError("transport = file needs printer.file_path")
        return FileTransport(settings.file_path, settings.timeout_s, profile)
    raise PrinterConfigError(f"unknown printer transport {kind!r}")
