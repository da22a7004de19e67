"""The ESC/POS commands this project emits (and the virtual printer decodes)."""
from __future__ import annotations

ESC, GS, FS, DLE, EOT, LF = b"\x1b", b"\x1d", b"\x1c", b"\x10", b"\x04", b"\n"

INIT = ESC + b"@"
CHINESE_ON = FS + b"&"        # two-byte (GB) characters on
CHINESE_OFF = FS + b"."
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
BOLD = {False: ESC + b"E\x00", True: ESC + b"E\x01"}
CUT_FEED = GS + b"V\x42\x00"  # feed to the cutter, then full cut (function B)
QR_EC = {"L": 48, "M": 49, "Q": 50, "H": 51}


def size(scale: int) -> bytes:
    """GS ! n: character size for Chinese and Latin alike (ESC ! double sizes do not apply to Chinese)."""
    n = ((scale - 1) << 4) | (scale - 1)
    return GS + b"!" + bytes([n])


def feed(lines: int) -> bytes:
    return ESC + b"d" + bytes([max(0, min(255, lines))])


def _2d(fn: int, data: bytes, m: bytes = b"") -> bytes:
    length = len(data) + len(m) + 2
    return GS + b"(k" + bytes([length & 0xFF, length >> 8]) + b"1" + bytes([fn]) + m + data


def qr_native(payload: bytes, module: int, ec: str = "M") -> bytes:
    """GS ( k: model 2, module size, error correction, store, print."""
    if not 1 <= module <= 16:
        raise ValueError("QR module size must be 1..16")
    if len(payload) > 7089:
        raise ValueError("QR payload too long")
    return (_2d(65, b"\x32\x00") + _2d(67, bytes([module])) + _2d(69, bytes([QR_EC[ec]]))
            + _2d(80, payload, b"0") + _2d(81, b"", b"0"))


def raster(width: int, height: int, rows: bytes) -> bytes:
    """GS v 0: a raster bit image, `width` in dots (rounded up to bytes), 1 bit = black."""
    wb = (width + 7) // 8
    if len(rows) != wb * height:
        raise ValueError("raster data does not match its size")
    return GS + b"v0\x00" + bytes([wb & 0xFF, wb >> 8, height & 0xFF, height >> 8]) + rows
