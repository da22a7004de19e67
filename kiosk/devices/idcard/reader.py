"""The reader driver: GA 467 commands over a serial port (pyserial), one command at a time.

Waiting is done with select() on the port and a private wake-up pipe, so `cancel()` from
another thread ends any wait at once (the watcher's stop must not sit out a 3 s read
timeout), and an idle wait costs no CPU. Each command has its own deadline; a frame that
started but did not finish by then is reported as truncated, a frame with a bad checksum
as corrupt, nothing at all as a timeout. A port that hangs up (USB pulled) raises
PortVanished; the owner closes and reopens it.

A noisy line damages a frame now and then, and GA 467 has no sequence numbers or
acknowledgements, so the command layer (`_command`) repairs it: a damaged, truncated, garbled or
lost answer, or the reader's "your request arrived damaged" (SW3 10/11), is asked for again, up
to `retries` more times, after letting the line fall quiet and throwing away what is left on it.
Only commands that change nothing when repeated are sent again (protocol.RESENDABLE); reset and
set baud only after SW3 10/11, when the reader did nothing. What comes back is exact or an
error: every answer is checked against its frame checksum and the shape the command requires.
"""
from __future__ import annotations

import errno
import logging
import os
import select
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

import serial

from . import frames
from .card import ADDRESS_LEN, PHOTO_LEN, TEXT_LEN, IdentityCard, parse_appended_addresses, parse_text_block
from .errors import (CardDataError, CardNotSupported, CardReadFailed, ChecksumMismatch, CommandRejected,
                     MalformedAnswer, NoCardInTime, PortVanished, ReaderError, ReaderNotFound, ReaderNotResponding,
                     ReaderTimeout, RequestDamaged, ResponseCorrupt, SamFault, TruncatedFrame)
from .outcomes import CARD_OUTCOMES, SAM_OUTCOMES
from .protocol import BAUD_RATES, REQUEST_DAMAGED, RESENDABLE, Command, Outcome

log = logging.getLogger(__name__)


class Cancelled(ReaderError):
    """cancel() was called while a command was waiting."""


@dataclass(frozen=True)
class SamInfo:
    sam_id: str
    status: Outcome


def format_sam_id(raw: bytes) -> str:
    """16 bytes: two little-endian u16 then three little-endian u32 (one common format)."""
    if len(raw) < 16:
        raise CardDataError(f"SAM ID of {len(raw)} bytes, expected 16")
    a, b = (int.from_bytes(raw[i:i + 2], "little") for i in (0, 2))
    c, d, e = (int.from_bytes(raw[i:i + 4], "little") for i in (4, 8, 12))
    return f"{a:02d}.{b:02d}-{c:08d}-{d:010d}-{e:010d}"


def wire_seconds(n_bytes: int, baud: int) -> float:
    """Time n bytes take on an 8N1 line (10 bits a byte)."""
    return n_bytes * 10 / baud


CHIP_NUMBER_LEN = 4
SAM_ID_LEN = 16
# Before a request is sent again, the line must have been quiet this long (or this many byte
# times, at slow rates): long enough for USB-serial bridges to hand over what they hold.
QUIET_S = 0.02
QUIET_BYTES = 50


class IdCardReader:
    """One GA 467 reader on one serial port. Not thread-safe except for `cancel()`.

    `wire_bytes` counts bytes sent and received (for the benchmark's physical floor).
    """

    def __init__(self, port: str, baud: int = 115200, *, command_timeout_s: float = 1.0,
                 read_timeout_s: float = 3.0, probe_timeout_s: float = 0.3, probe_baud: bool = True,
                 read_fingerprint: bool = False, retries: int = 2,
                 serial_factory: Callable[..., serial.Serial] = serial.Serial):
        if baud not in BAUD_RATES:
            raise ValueError(f"baud {baud} is not one of {BAUD_RATES}")
        if retries < 0:
            raise ValueError(f"retries must be 0 or more, not {retries}")
        self.retries = retries
        self.port = port
        self.baud = baud
        self.command_timeout_s = command_timeout_s
        self.read_timeout_s = read_timeout_s
        self.probe_timeout_s = probe_timeout_s
        self.probe_baud = probe_baud
        self.read_fingerprint = read_fingerprint
        self._serial_factory = serial_factory
        self._ser: serial.Serial | None = None
        self._parser = frames.FrameParser("response")
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._cancelled = threading.Event()
        self.wire_bytes = 0

    # ---- port ---------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._ser is not None

    def open(self) -> None:
        """Opens the port and finds the rate the reader answers at (configured rate first)."""
        self.close()
        try:
            self._ser = self._serial_factory(self.port, self.baud, timeout=0, write_timeout=2,
                                             exclusive=True)
        except (serial.SerialException, OSError, ValueError) as exc:
            self._ser = None
            raise ReaderNotFound(f"cannot open {self.port}: {_reason(exc)}") from None
        rates = [self.baud] + [b for b in BAUD_RATES if b != self.baud] if self.probe_baud else [self.baud]
        damaged: ResponseCorrupt | None = None   # a rate at which frames came, but damaged
        for baud in rates:
            try:
                self._set_local_baud(baud)
                self._command(Command.SAM_STATUS, timeout=self.probe_timeout_s if len(rates) > 1 else
                              self.command_timeout_s, accept=(Outcome.SUCCESS,), probing=True)
            except ReaderTimeout:   # silence, or only noise: not this rate
                continue
            except ResponseCorrupt as exc:
                damaged = damaged or exc
                continue
            except ReaderError:
                if baud != self.baud:
                    log.info("reader answers at %d baud (configured %d)", baud, self.baud)
                self.baud = baud
                raise   # it answered (e.g. SAM self-test failed): the rate is right, the reader is not
            except BaseException:
                self.close()
                raise
            if baud != self.baud:
                log.info("reader answers at %d baud (configured %d)", baud, self.baud)
            self.baud = baud
            return
        self.close()
        if damaged is not None:   # it answers, but the line damages what it says
            raise damaged
        tried = ", ".join(str(b) for b in rates)
        raise ReaderNotResponding(f"no answer from the reader on {self.port} at {tried} baud")

    def close(self) -> None:
        ser, self._ser = self._ser, None
        if ser is not None:
            try:
                ser.close()
            except (serial.SerialException, OSError):
                pass

    def dispose(self) -> None:
        self.close()
        for fd in (self._wake_r, self._wake_w):
            try:
                os.close(fd)
            except OSError:
                pass
        self._wake_r = self._wake_w = -1

    def cancel(self) -> None:
        """Makes the current and every later command raise Cancelled (from any thread)."""
        self._cancelled.set()
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass

    def _set_local_baud(self, baud: int) -> None:
        assert self._ser is not None
        try:
            self._ser.baudrate = baud
        except (serial.SerialException, OSError) as exc:
            raise PortVanished(f"{self.port}: {_reason(exc)}") from None

    # ---- one exchange -------------------------------------------------------------------
    def transact(self, command: Command, data: bytes = b"", *, timeout: float | None = None
                 ) -> frames.Response:
        """Sends one request and returns the verified response frame (any SW3)."""
        if self._cancelled.is_set():
            raise Cancelled("reader cancelled")
        ser = self._ser
        if ser is None:
            raise ReaderNotFound(f"{self.port} is not open")
        timeout = self.command_timeout_s if timeout is None else timeout
        request = frames.build_request(command.cmd, command.para, data)
        fd = ser.fileno()
        self._drain(fd)
        self._parser.reset()
        try:
            ser.write(request)
        except (serial.SerialException, OSError) as exc:
            raise PortVanished(f"{self.port}: {_reason(exc)}") from None
        self.wire_bytes += len(request)
        deadline = time.monotonic() + timeout
        received = 0
        checksums_before = self._parser.bad_checksums
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            ready, _, _ = select.select([fd, self._wake_r], [], [], remaining)
            if self._wake_r in ready or self._cancelled.is_set():
                raise Cancelled("reader cancelled")
            if not ready:
                continue
            chunk = self._read_fd(fd)
            if chunk is None:
                continue
            received += len(chunk)
            self.wire_bytes += len(chunk)
            got = self._parser.feed(chunk)
            if got:
                return got[0]
            if self._parser.bad_checksums > checksums_before and not self._parser.in_frame:
                raise ChecksumMismatch(f"{command.label}: response checksum did not match")
        if self._parser.bad_checksums > checksums_before:
            raise ChecksumMismatch(f"{command.label}: response checksum did not match")
        if self._parser.in_frame:
            raise TruncatedFrame(f"{command.label}: response stopped after {self._parser.buffered} "
                                 f"of {self._parser.buffered + self._parser.wanted()} bytes")
        what = f"{received} unusable bytes" if received else "no answer"
        raise ReaderTimeout(f"{command.label}: {what} within {timeout:g} s", received_bytes=received)

    def _read_fd(self, fd: int) -> bytes | None:
        try:
            chunk = os.read(fd, 4096)
        except BlockingIOError:
            return None
        except OSError as exc:
            if exc.errno == errno.EINTR:
                return None
            raise PortVanished(f"{self.port}: {_reason(exc)}") from None
        if not chunk:   # readable but empty: the other end hung up
            raise PortVanished(f"{self.port}: the device went away")
        return chunk

    def _drain(self, fd: int) -> None:
        """Discards bytes left over from an earlier, abandoned exchange."""
        while True:
            ready, _, _ = select.select([fd], [], [], 0)
            if not ready:
                return
            if self._read_fd(fd) is None:
                return

    def _settle(self, limit_s: float) -> None:
        """Resynchronises the line before a request is sent again: reads and throws away whatever
        still arrives (the rest of a damaged answer) until the line has been quiet for a moment."""
        ser = self._ser
        if ser is None:
            return
        fd = ser.fileno()
        quiet = max(QUIET_S, wire_seconds(QUIET_BYTES, self.baud))
        end = time.monotonic() + limit_s
        while (remaining := end - time.monotonic()) > 0:
            ready, _, _ = select.select([fd, self._wake_r], [], [], min(quiet, remaining))
            if self._wake_r in ready or self._cancelled.is_set():
                raise Cancelled("reader cancelled")
            if not ready:
                break
            chunk = self._read_fd(fd)
            if chunk:
                self.wire_bytes += len(chunk)
        self._parser.reset()

    def _command(self, command: Command, data: bytes = b"", *, timeout: float | None = None,
                 accept: tuple[Outcome, ...] | None = (Outcome.SUCCESS,),
                 parse: Callable[[frames.Response], Any] | None = None, probing: bool = False) -> Any:
        """One command, repaired on a noisy line: the answer (or what `parse` makes of it) when its
        outcome is in `accept` (None: any outcome), else the error the outcome means.

        `parse` turns an accepted answer into the result and raises MalformedAnswer when the answer
        cannot be one to this command; such an answer is asked for again like a damaged one.
        While `probing` for the rate, silence means a wrong rate and is not asked for again.
        """
        attempts = 1 + self.retries
        telling: ReaderError | None = None     # the failure that says most about the line
        attempt = 0
        while True:
            attempt += 1
            try:
                resp = self.transact(command, data, timeout=timeout)
                outcome = Outcome.of(resp.sw3)
                if outcome in REQUEST_DAMAGED:
                    raise RequestDamaged(f"{command.label}: {outcome.description} (SW3 {resp.sw3:02X})")
                if accept is not None and outcome not in accept:
                    raise _error_for(outcome, resp.sw3, command.label)   # the reader's answer: final
                return parse(resp) if parse is not None else resp
            except (ResponseCorrupt, ReaderTimeout) as exc:
                telling = exc if telling is None or _tells_more(exc, telling) else telling
                if attempt == attempts or not _may_send_again(command, exc, probing):
                    raise _after_attempts(telling, attempt) from None
                log.info("%s: %s, sending it again (attempt %d of %d)", command.label, type(exc).__name__,
                         attempt + 1, attempts)
                self._settle(timeout if timeout is not None else self.command_timeout_s)

    # ---- commands -----------------------------------------------------------------------
    def reset(self) -> None:
        self._command(Command.RESET_SAM)

    def sam_status(self) -> Outcome:
        """SUCCESS, or raises SamFault for a failed self-test."""
        return Outcome.of(self._command(Command.SAM_STATUS).sw3)

    def sam_id(self) -> str:
        return self._command(Command.SAM_ID, parse=_sam_id_of)

    def sam_info(self) -> SamInfo:
        status = self.sam_status()
        return SamInfo(sam_id=self.sam_id(), status=status)

    def find_card(self) -> bytes | None:
        """The 4-byte chip management number of a newly placed card, or None (no card)."""
        return self._command(Command.FIND_CARD, accept=(Outcome.CARD_FOUND, Outcome.NO_CARD), parse=_chip_number_of)

    def select_card(self) -> bytes:
        return self._command(Command.SELECT_CARD).data

    def read_text_photo(self, fingerprint: bool = False) -> tuple[bytes, bytes, bytes]:
        """(text block, photo, fingerprint) as the card holds them."""
        return self._command(Command.READ_TEXT_PHOTO_FINGERPRINT if fingerprint else Command.READ_TEXT_PHOTO,
                             timeout=self.read_timeout_s, parse=lambda resp: _read_parts_of(resp, fingerprint))

    def read_appended_addresses(self) -> tuple[str, ...]:
        """The appended addresses; () when the card has none (no content)."""
        data = self._command(Command.READ_APPENDED_ADDRESS, accept=(Outcome.SUCCESS, Outcome.NO_CONTENT),
                             parse=_appended_of)
        return parse_appended_addresses(data) if data else ()

    def card_still_present(self) -> bool:
        """After a read: find card answers "no card" while the card lies there, so ask for the appended
        address instead, which succeeds only while the card that was read is still on the reader."""
        resp = self._command(Command.READ_APPENDED_ADDRESS, accept=None)
        return Outcome.of(resp.sw3) in (Outcome.SUCCESS, Outcome.NO_CONTENT)

    def set_baud(self, baud: int) -> None:
        """Changes the reader's rate (it persists in the reader) and then our own."""
        self._command(Command.set_baud(baud))   # ValueError for a rate the protocol lacks
        # The reader switches after its answer has left at the old rate.
        time.sleep(0.02)
        self._set_local_baud(baud)
        self.baud = baud

    def read_card(self, chip_number: bytes = b"") -> IdentityCard:
        """Select, read text + photo (+ fingerprint), read appended addresses -> the record.
        Call after find_card() returned a chip number. Each command repairs line damage itself."""
        self.select_card()
        text, photo, fp = self.read_text_photo(self.read_fingerprint)
        appended = self.read_appended_addresses()
        return parse_text_block(text, photo, appended, fp, chip_number)

    def wait_for_card(self, timeout: float, poll_interval_s: float = 0.05) -> IdentityCard:
        """Polls find card until a card is placed, then reads it (for the command line)."""
        deadline = time.monotonic() + timeout
        while True:
            chip = self.find_card()
            if chip is not None:
                return self.read_card(chip)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise NoCardInTime(f"no card was placed within {timeout:g} s")
            if self._sleep(min(poll_interval_s, remaining)):
                raise Cancelled("reader cancelled")

    def _sleep(self, seconds: float) -> bool:
        """Waits, returning True at once if cancel() is called."""
        ready, _, _ = select.select([self._wake_r], [], [], seconds)
        return bool(ready) or self._cancelled.is_set()


def _may_send_again(command: Command, exc: ReaderError, probing: bool) -> bool:
    if isinstance(exc, RequestDamaged):
        return True    # the reader did nothing with the damaged request
    if command not in RESENDABLE:
        return False   # it may have acted on the request whose answer we lost
    silent = isinstance(exc, ReaderTimeout) and not exc.received_bytes
    return not (silent and probing)   # while probing, silence means a wrong rate


def _tells_more(exc: ReaderError, than: ReaderError) -> bool:
    """A damaged frame says the reader answered, which says more than garbled bytes or silence."""
    return isinstance(exc, ResponseCorrupt) and not isinstance(than, ResponseCorrupt)


def _after_attempts(exc: ReaderError, attempts: int) -> ReaderError:
    if attempts > 1:
        exc.args = (f"{exc} ({attempts} attempts)",)
    return exc


def _chip_number_of(resp: frames.Response) -> bytes | None:
    if Outcome.of(resp.sw3) is not Outcome.CARD_FOUND:
        return None
    if len(resp.data) != CHIP_NUMBER_LEN:
        raise MalformedAnswer(f"find card: chip number of {len(resp.data)} bytes, expected {CHIP_NUMBER_LEN}")
    return resp.data


def _sam_id_of(resp: frames.Response) -> str:
    if len(resp.data) != SAM_ID_LEN:
        raise MalformedAnswer(f"SAM ID: {len(resp.data)} bytes, expected {SAM_ID_LEN}")
    return format_sam_id(resp.data)


def _appended_of(resp: frames.Response) -> bytes:
    if Outcome.of(resp.sw3) is not Outcome.SUCCESS:
        return b""
    if len(resp.data) % ADDRESS_LEN:
        raise MalformedAnswer(f"read appended address: {len(resp.data)} bytes, not a whole number of "
                              f"{ADDRESS_LEN}-byte addresses")
    return resp.data


def _read_parts_of(resp: frames.Response, fingerprint: bool) -> tuple[bytes, bytes, bytes]:
    """Text block, photo and fingerprint out of a read answer, whose length fields must agree with
    its size and with the sizes GA 467 gives."""
    data = resp.data
    n_len = 6 if fingerprint else 4
    if len(data) < n_len:
        raise MalformedAnswer(f"read card: answer of {len(data)} bytes has no length fields")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    fp_len = int.from_bytes(data[4:6], "big") if fingerprint else 0
    if len(data) != n_len + text_len + photo_len + fp_len:
        raise MalformedAnswer(f"read card: answer of {len(data)} bytes does not match its lengths "
                              f"{text_len}/{photo_len}/{fp_len}")
    if text_len != TEXT_LEN or photo_len not in (0, PHOTO_LEN):
        raise MalformedAnswer(f"read card: unexpected text/photo lengths {text_len}/{photo_len}")
    text = data[n_len:n_len + text_len]
    photo = data[n_len + text_len:n_len + text_len + photo_len]
    return text, photo, data[n_len + text_len + photo_len:]


def _error_for(outcome: Outcome, sw3: int, command: str) -> ReaderError:
    text = f"{command}: {outcome.description} (SW3 {sw3:02X})"
    if outcome in SAM_OUTCOMES:
        return SamFault(text, outcome)
    if outcome is Outcome.UNKNOWN_CARD_TYPE:
        return CardNotSupported(text, outcome)
    if outcome in CARD_OUTCOMES:
        return CardReadFailed(text, outcome)
    return CommandRejected(text, outcome)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and isinstance(exc.errno, int) and exc.errno > 0:
        return os.strerror(exc.errno)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc)
    return text.split(": ", 1)[-1] if text else type(exc).__name__
