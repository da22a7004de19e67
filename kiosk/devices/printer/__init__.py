"""The ESC/POS receipt printer: profile, Chinese text writer, encoder, status, transports, jobs.

The app uses `PrintService` (service.py) and the document blocks (document.py); everything else
is exposed for diagnostics, the virtual printer and tests.
"""
from .document import Feed, Field, PrintDocument, QrCode, Rule, Text
from .encoder import EncoderOptions, EscPosEncoder, encode_document
from .errors import (ALL_ERRORS, CoverOpen, CutterError, PaperOut, PrinterBusy, PrinterClosed, PrinterConfigError,
                     PrinterDisconnected, PrinterDriverMissing, PrinterError, PrinterHardwareError, PrinterNotFound,
                     PrinterNotResponding, PrinterOffline, PrinterPermissionDenied, PrinterTimeout,
                     PrinterUnreachable, ReprintNotAvailable)
from .journal import JournalEntry, PrintJournal
from .profile import PrinterProfile
from .service import PrintOutcome, PrintService
from .status import Condition, Paper, PrinterStatus
from .transport import build_transport

__all__ = [
    "ALL_ERRORS", "Condition", "CoverOpen", "CutterError", "EncoderOptions", "EscPosEncoder", "Feed", "Field",
    "JournalEntry", "PaperOut", "Paper", "PrintDocument", "PrintJournal", "PrintOutcome", "PrintService",
    "PrinterBusy", "PrinterClosed", "PrinterConfigError", "PrinterDisconnected", "PrinterDriverMissing",
    "PrinterError", "PrinterHardwareError", "PrinterNotFound", "PrinterNotResponding", "PrinterOffline",
    "PrinterPermissionDenied", "PrinterProfile", "PrinterStatus", "PrinterTimeout", "PrinterUnreachable",
    "QrCode", "ReprintNotAvailable", "Rule", "Text", "build_transport", "encode_document",
]
