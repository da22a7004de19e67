"""Bit images: QR codes on printers without native QR, and whole-document raster for comparison."""
from __future__ import annotations

from . import commands

BAND_ROWS = 256  # many printers take at most this many rows per GS v 0


def qr_matrix(payload: str, ec: str = "M") -> list[list[bool]]:
    import qrcode
    levels = {"L": qrcode.constants.ERROR_CORRECT_L, "M": qrcode.constants.ERROR_CORRECT_M,
              "Q": qrcode.constants.ERROR_CORRECT_Q, "H": qrcode.constants.ERROR_CORRECT_H}
    qr = qrcode.QRCode(version=None, error_correction=levels[ec], border=0)
    qr.add_data(payload.encode("utf-8"))
    qr.make(fit=True)
    return qr.get_matrix()


def qr_modules(payload: str, ec: str = "M") -> int:
    return len(qr_matrix(payload, ec))


def pack_rows(pixels: list[list[bool]]) -> tuple[int, int, bytes]:
    """Rows of booleans (True = black) -> (width, height, GS v 0 row bytes)."""
    height = len(pixels)
    width = len(pixels[0]) if height else 0
    wb = (width + 7) // 8
    out = bytearray()
    for row in pixels:
        for i in range(wb):
            byte = 0
            for bit in range(8):
                x = i * 8 + bit
                if x < width and row[x]:
                    byte |= 0x80 >> bit
            out.append(byte)
    return width, height, bytes(out)


def qr_raster(payload: str, module: int, ec: str = "M") -> bytes:
    matrix = qr_matrix(payload, ec)
    pixels = [[cell for cell in row for _ in range(module)] for row in matrix for _ in range(module)]
    w, h, rows = pack_rows(pixels)
    return commands.raster(w, h, rows)


def image_raster(image) -> bytes:
    """A Pillow image -> GS v 0 bands (black where the image is dark)."""
    from PIL import Image
    src = image.convert("1")
    width, height = src.size
    wb = (width + 7) // 8
    img = Image.new("1", (wb * 8, height), 1)  # white padding, so the row ends do not print black
    img.paste(src, (0, 0))
    # Pillow's mode "1" packs 1 = white; invert to the printer's 1 = black
    data = bytes(b ^ 0xFF for b in img.tobytes())
    out = bytearray()
    for top in range(0, height, BAND_ROWS):
        rows = min(BAND_ROWS, height - top)
        out += commands.raster(wb * 8, rows, data[top * wb:(top + rows) * wb])
    return bytes(out)
