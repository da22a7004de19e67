"""Reading PDFs back with tools nobody here wrote: poppler-utils (pdftotext, pdffonts, pdftoppm)
and zbar-tools (zbarimg). scripts/bootstrap.sh installs them; a missing one fails the test with
the package to install, never a silent skip."""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

PACKAGES = {"pdftotext": "poppler-utils", "pdffonts": "poppler-utils", "pdftoppm": "poppler-utils",
            "zbarimg": "zbar-tools", "ippeveprinter": "cups-ipp-utils", "ipptool": "cups-ipp-utils",
            "dbus-daemon": "dbus-daemon"}


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        pytest.fail(f"{name} is not installed: apt-get install {PACKAGES[name]} (scripts/bootstrap.sh does it as root)")
    return found


def text(pdf: bytes, page: int | None = None) -> str:
    """pdftotext of the whole document or of one page (1-based)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run([tool("pdftotext"), *pages, "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True, timeout=60).stdout.decode("utf-8")


def fonts(pdf: bytes) -> list[dict]:
    """pdffonts' table: name, type, emb, sub, uni per font."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run([tool("pdffonts"), f.name], capture_output=True, check=True, timeout=60).stdout.decode()
    rows = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        # name, type (1-2 words), encoding, emb, sub, uni, object id, generation
        rows.append({"name": cols[0], "emb": cols[-5], "sub": cols[-4], "uni": cols[-3]})
    return rows


def qr_codes(pdf: bytes, page: int, dpi: int = 150) -> list[str]:
    """The QR payloads zbarimg finds on one page rendered at `dpi`."""
    with tempfile.TemporaryDirectory() as folder:
        pdf_path = Path(folder) / "doc.pdf"
        pdf_path.write_bytes(pdf)
        subprocess.run([tool("pdftoppm"), "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-png",
                        str(pdf_path), str(Path(folder) / "page")], check=True, timeout=60, capture_output=True)
        run = subprocess.run([tool("zbarimg"), "-q", "--raw", "-Sdisable", "-Sqrcode.enable",
                              str(Path(folder) / "page.png")], capture_output=True, timeout=60)
    return [line for line in run.stdout.decode("utf-8").splitlines() if line]


def page_sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    from pypdf import PdfReader
    return [(round(float(p.mediabox.width) * 25.4 / 72, 1), round(float(p.mediabox.height) * 25.4 / 72, 1))
            for p in PdfReader(io.BytesIO(pdf)).pages]
