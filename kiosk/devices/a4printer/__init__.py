"""The A4 printer: IPP (RFC 8010/8011) over HTTP to a driverless IPP Everywhere printer or a CUPS
queue, with the receipt printer's honesty (state before and after, the job followed to its end,
uncertain jobs journaled and offered as 补打). docs/printing-a4.md says why IPP and not CUPS's tools.

  ipp.py           the wire format (shared with the virtual A4 printer)
  address.py       ipp:// / ipps:// URIs and CUPS queue names
  client.py        the four operations over HTTP (requests)
  status.py        printer-state and printer-state-reasons -> what a job may expect; job states
  errors.py        one exception per thing to act on (message_key, for_technician, nothing_printed)
  document.py      an A4 job: a PDF and its page count
  pdf_tools.py     the CJK font, vector QR codes, drawing over an existing PDF's pages
  reprint_stamp.py the 补打 stamp
  journal.py       the A4 job journal (sealed copies, erased once settled)
  service.py       the worker that owns the printer
"""
from .document import A4Document, a4_document
from .errors import (ALL_ERRORS, A4DoorOpen, A4JobAborted, A4JobRefused, A4JobTimeout, A4PaperJam, A4PaperOut,
                     A4PrinterClosed, A4PrinterConfigError, A4PrinterDisconnected, A4PrinterError,
                     A4PrinterNotResponding, A4PrinterOffline, A4PrinterTimeout, A4PrinterUnreachable,
                     A4ReprintNotAvailable, A4TonerEmpty)
from .service import A4PrintOutcome, A4PrintService, A4Progress
from .status import A4PrinterStatus

__all__ = ["ALL_ERRORS", "A4Document", "A4DoorOpen", "A4JobAborted", "A4JobRefused", "A4JobTimeout", "A4PaperJam",
           "A4PaperOut", "A4PrintOutcome", "A4PrintService", "A4PrinterClosed", "A4PrinterConfigError",
           "A4PrinterDisconnected", "A4PrinterError", "A4PrinterNotResponding", "A4PrinterOffline",
           "A4PrinterStatus", "A4PrinterTimeout", "A4PrinterUnreachable", "A4Progress", "A4ReprintNotAvailable",
           "A4TonerEmpty", "a4_document"]
