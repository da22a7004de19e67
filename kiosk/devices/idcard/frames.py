"""GA 467 frames: building requests and responses, and parsing them out of a byte stream.

Request:  AA AA AA 96 69 | Len1 Len2 | CMD Para | [Data] | CHK
Response: AA AA AA 96 69 | Len1 Len2 | SW1 SW2 SW3 | [Data] | CHK

Len is big-endian and counts everything after itself (CHK included); CHK is the XOR of
every byte from Len1 to the last data byte. The parser is incremental because a serial
line delivers a frame in pieces, and defensive because the line may carry noise: it
resynchronises on the preamble, refuses lengths above the protocol's maximum (so a
corrupt length can neither make us allocate nor wait for kilobytes that never come) and
rejects frames whose checksum does not match.
"""
from __future__ import annotations

from dataclasses import dataclass

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN = len(PREAMBLE) + 2          # preamble + Len1 Len2
MAX_DATA = 0x0BB8                       # the protocol's largest data field
# A response's Len counts SW1 SW2 SW3 + data + CHK; a request's CMD Para + data + CHK.
MAX_LEN = 3 + MAX_DATA + 1
MIN_RESPONSE_LEN = 3 + 1
MIN_REQUEST_LEN = 2 + 1
MAX_FRAME = HEADER_LEN + MAX_LEN


def checksum(body: bytes) -> int:
    """XOR of the bytes from Len1 to the last data byte."""
    c = 0
    for b in body:
        c ^= b
    return c


def _frame(payload: bytes) -> bytes:
    if len(payload) - 1 > MAX_DATA + 2:
        raise ValueError(f"data of {len(payload)} bytes exceeds the protocol maximum")
    length = len(payload) + 1
    body = length.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([checksum(body)])


def build_request(cmd: int, para: int, data: bytes = b"") -> bytes:
    if len(data) > MAX_DATA:
        raise ValueError(f"request data of {len(data)} bytes exceeds {MAX_DATA}")
    return _frame(bytes([cmd, para]) + data)


def build_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    if len(data) > MAX_DATA:
        raise ValueError(f"response data of {len(data)} bytes exceeds {MAX_DATA}")
    return _frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @property
    def wire_len(self) -> int:
        return HEADER_LEN + 3 + len(self.data) + 1


@dataclass(frozen=True)
class Request:
    cmd: int
    para: int
    data: bytes

    @property
    def wire_len(self) -> int:
        return HEADER_LEN + 2 + len(self.data) + 1


class FrameParser:
    """Feed bytes in any pieces; get whole, verified frames out.

    `kind` is "response" (driver side) or "request" (the virtual reader's side). Counters
    record what was thrown away so a driver can tell a noisy line from a silent one.
    """

    def __init__(self, kind: str = "response"):
        if kind not in ("response", "request"):
            raise ValueError(kind)
        self._kind = kind
        self._min_len = MIN_RESPONSE_LEN if kind == "response" else MIN_REQUEST_LEN
        self._buf = bytearray()
        self.discarded_bytes = 0
        self.bad_checksums = 0
        self.bad_lengths = 0

    @property
    def buffered(self) -> int:
        return len(self._buf)

    @property
    def in_frame(self) -> bool:
        """True while a frame has started (preamble seen) but is not complete."""
        return len(self._buf) >= len(PREAMBLE) and self._buf.startswith(PREAMBLE)

    def wanted(self) -> int:
        """How many more bytes would complete the frame in progress (at least 1)."""
        if len(self._buf) >= HEADER_LEN and self._buf.startswith(PREAMBLE):
            length = int.from_bytes(self._buf[5:7], "big")
            return max(1, HEADER_LEN + length - len(self._buf))
        return max(1, HEADER_LEN - len(self._buf))

    def reset(self) -> None:
        self._buf.clear()

    def feed(self, data: bytes) -> list[Response] | list[Request]:
        self._buf += data
        frames = []
        while True:
            frame = self._next()
            if frame is None:
                return frames
            frames.append(frame)

    def _drop(self, n: int) -> None:
        del self._buf[:n]
        self.discarded_bytes += n

    def _resync(self) -> bool:
        """Drops bytes up to the next possible preamble start; False when more bytes are needed."""
        idx = self._buf.find(PREAMBLE)
        if idx < 0:
            # Keep a tail that may be the start of a preamble split across reads.
            keep = 0
            for k in range(min(len(PREAMBLE) - 1, len(self._buf)), 0, -1):
                if self._buf.endswith(PREAMBLE[:k]):
                    keep = k
                    break
            self._drop(len(self._buf) - keep)
            return False
        if idx:
            self._drop(idx)
        return True

    def _next(self):
        while True:
            if not self._resync() or len(self._buf) < HEADER_LEN:
                return None
            length = int.from_bytes(self._buf[5:7], "big")
            if length < self._min_len or length > MAX_LEN:
                # Not a real frame start (or a corrupt one): skip one byte and look again.
                self.bad_lengths += 1
                self._drop(1)
                continue
            total = HEADER_LEN + length
            if len(self._buf) < total:
                return None
            body = bytes(self._buf[5:total - 1])
            chk = self._buf[total - 1]
            if checksum(body) != chk:
                # A corrupt frame: a real one may start inside it, so skip only the first byte.
                self.bad_checksums += 1
                self._drop(1)
                continue
            del self._buf[:total]
            payload = body[2:]
            if self._kind == "response":
                return Response(payload[0], payload[1], payload[2], payload[3:])
            return Request(payload[0], payload[1], payload[2:])
