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
    """Modules per side, from the QR version alone (no matrix, no mask search: this is cheap)."""
    import qrcode
    levels = {"L": qrcode.constants.ERROR_CORRECT_L, "M": qrcode.constants.ERROR_CORRECT_M,
              "Q": qrcode.constants.ERROR_CORRECT_Q, "H": qrcode.constants.ERROR_CORRECT_H}
    qr = qrcode.QRCode(version=None, error_correction=levels[ec], border=0)
    qr.add_data(payload.encode("utf-8"))
    return 17 + 4 * qr.best_fit()


def qr_raster(payload: str, module: int, ec: str = "M") -> bytes:
    from PIL import Image
    matrix = qr_matrix(payload, ec)
    n = len(matrix)
    img = Image.new("1", (n, n), 1)
    img.putdata([0 if cell else 1 for row in matrix for cell in row])
    return image_raster(img.resize((n * module, n * module), Image.NEAREST))


def image_raster(image) -> bytes:
    """A Pillow image -> GS v 0 bands (black where the image is dark)."""
    from PIL import Image
    src = image.convert("1")
    width, height = src.size
    wb = (width + 7) // 8
    img = Image.new("1", (wb * 8, height), 1)  # white padding, so the row ends do not print black
    img.paste(src, (0, 0))
    # Pillow's mode "1" packs 1 = white; invert to the printer's 1 = black
    return packed_raster(wb * 8, height, bytes(b ^ 0xFF for b in img.tobytes()))


def packed_raster(width: int, height: int, data: bytes, max_dots: int | None = None) -> bytes:
    """Packed rows (1 = black) -> GS v 0 bands, cut at `max_dots` on the right when wider."""
    wb = (width + 7) // 8
    if max_dots is not None and wb * 8 > max_dots:
        keep = max_dots // 8
        data = b"".join(data[r * wb:r * wb + keep] for r in range(height))
        wb = keep
    out = bytearray()
    for top in range(0, height, BAND_ROWS):
        rows = min(BAND_ROWS, height - top)
        out += commands.raster(wb * 8, rows, data[top * wb:(top + rows) * wb])
    return bytes(out)
