"""The A4 job printed: take the pages from the A4 printer (not the receipt printer's slot)."""
from __future__ import annotations

from .a4_job_screen import A4JobScreen


class A4DoneScreen(A4JobScreen):
    pass
