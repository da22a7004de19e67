"""What the terminal prints: every layout, and the builders from domain data to each document.

One module per document (receipt, certificate, rating), each holding the document's dataclass,
its layout (`*_document`) and its builder from what the flows have in hand (`receipt_for`,
`certificate_printout`, `rating_slip`); samples.py holds the fictional samples.

Layouts are built into width-independent blocks (kiosk.devices.printer.document), so the same
layout prints on 58 mm and 80 mm paper and can be tested without a printer. Personal data is
masked here, on the way to paper: the holder's or applicant's name with mask_name, and anything
that looks like an ID or mobile number with mask_text. Reprints (reprint=True, or the job
journal's 补打 copies) carry a visible 【补打】 mark.
"""
from .certificate import CertificatePrintout, certificate_document, certificate_printout
from .layout import Moment, format_moment
from .mongolian_line import LineTooLong, mongolian_line
from .rating import RatingSlip, rating_document, rating_slip
from .receipt import ApplicationReceipt, receipt_document, receipt_for
from .samples import SAMPLE_TIME, SAMPLES, sample_certificate, sample_rating, sample_receipt

__all__ = ["SAMPLES", "SAMPLE_TIME", "ApplicationReceipt", "CertificatePrintout", "LineTooLong", "Moment",
           "RatingSlip", "certificate_document", "certificate_printout", "format_moment", "mongolian_line",
           "rating_document", "rating_slip", "receipt_document", "receipt_for", "sample_certificate",
           "sample_rating", "sample_receipt"]
