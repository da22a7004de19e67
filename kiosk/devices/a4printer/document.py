"""An A4 job: a finished PDF, what kind of document it is, and how many pages it has.

Layouts (kiosk/services/documents) make the PDF; the print service sends it as it is. A reprint
is the same PDF with a 补打 stamp on every page (reprint_stamp.py).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

REPRINT_MARK = "补打"
A4_POINTS = (595.28, 841.89)       # 210 x 297 mm in PDF points


@dataclass(frozen=True)
class A4Document:
    kind: str                  # certificate_copy | receipt | notice | test
    pdf: bytes
    pages: int
    summary: str = ""          # non-personal, for the journal and logs (e.g. 办件编号, certificate type)
    reprint: bool = False

    def __post_init__(self):
        if not self.pdf.startswith(b"%PDF-"):
            raise ValueError("an A4 document is a PDF")
        if self.pages < 1:
            raise ValueError("an A4 document has at least one page")

    def __repr__(self) -> str:   # never the bytes: they may hold a certificate in clear
        return f"A4Document({self.kind!r}, {self.pages} pages, {len(self.pdf)} bytes, reprint={self.reprint})"


def count_pages(pdf: bytes) -> int:
    """Pages of a PDF, read with pypdf (raises ValueError for what is not a readable PDF)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    try:
        return len(PdfReader(io.BytesIO(pdf)).pages)
    except (PdfReadError, OSError, KeyError, TypeError) as exc:
        raise ValueError(f"not a readable PDF: {exc}") from None


def a4_document(kind: str, pdf: bytes, summary: str = "") -> A4Document:
    return A4Document(kind, pdf, count_pages(pdf), summary)
