"""证照打印: the card holder's e-certificates, and the printout of one with its verification QR
code and 核验码. Only for the holder: the flow starts with the ID card, a typed 办件编号 never
unlocks it, and the platform is asked with the holder's own ID number every time.

Where the terminal has an A4 printer the printout is the copy (电子证照打印件): the platform's own
PDF (certificates.copy) with the kiosk's footer (自助终端打印, time, terminal, 核验码, QR code);
where it has none, the 仅供查验 slip on the receipt printer (kiosk.flows.a4 decides).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from . import a4
from .platform_calls import ask_platform

if TYPE_CHECKING:
    from ..config.terminal import TerminalSettings
    from ..devices.a4printer.document import A4Document
    from ..devices.idcard.card import IdentityCard
    from ..devices.printer.document import PrintDocument
    from ..i18n import Catalogue as Messages
    from ..platform.models import Certificate, CertificateCopy, CertificatePrintData
    from ..session import CitizenSession
    from .context import Services


def holder(session: CitizenSession) -> IdentityCard | None:
    """Whose certificates may be shown: the card read at the terminal, and nobody else."""
    card = session.identity
    return card if card is not None and card.id_number else None


def look_up(services: Services, on_found: Callable[[tuple[Certificate, ...]], None],
            on_error: Callable[[BaseException], None]) -> bool:
    """Asks for the holder's certificates in the background. False when nobody is identified or
    the platform is not there: the flow has to start again."""
    card = holder(services.session)
    if card is None or services.platform is None:
        return False
    number = card.id_number
    ask_platform(services, lambda client: client.certificates_of(number), name="certificates lookup",
                 on_result=on_found, on_error=on_error)
    return True


@dataclass(frozen=True)
class CertificateView:
    type_name: str
    number: str
    detail: str             # "乌审旗市场监督管理局  有效"
    printable: bool


def view_of(certificate: Certificate, messages: Messages) -> CertificateView:
    status = messages.text(f"platform.certificate.{certificate.status}")
    return CertificateView(type_name=certificate.type_name, number=certificate.number,
                           detail=f"{certificate.issuer}  {status}", printable=certificate.printable)


def printer_ready(services: Services) -> bool:
    """The printer certificates go to (kiosk.flows.a4.certificate_printer) can print now."""
    return a4.can_print(services, a4.certificate_printer(services))


def unavailable_key(services: Services) -> str:
    """What the list says while its printer cannot print: why, and where to go instead."""
    return "a4printer.unavailable_here" if a4.certificate_printer(services) == a4.A4 else "printer.unavailable_here"


def can_print(services: Services, certificate: Certificate) -> bool:
    """A valid certificate, for its holder, while the platform is there and the printer can print."""
    return (certificate.printable and holder(services.session) is not None and services.platform is not None
            and printer_ready(services))


def fetch_copy(services: Services, certificate: Certificate, on_ready: Callable[[A4Document], None],
               on_error: Callable[[BaseException], None]) -> bool:
    """Asks the platform for the holder's copy (it checks the holder again), lays the footer over
    it in the background and hands `on_ready` the A4 document. A copy the platform sent broken
    ends in on_error (InvalidResponse) and nothing is printed. False when it may not be printed now."""
    if not can_print(services, certificate) or a4.certificate_printer(services) != a4.A4:
        return False
    number = holder(services.session).id_number
    terminal = services.config.terminal

    def lay_out(copy: CertificateCopy) -> None:
        services.work.submit(lambda _job: copy_document(copy, terminal, certificate.type_name),
                             name="certificate copy layout", timeout=a4.LAYOUT_TIMEOUT_S, on_result=on_ready,
                             on_error=on_error)

    ask_platform(services, lambda client: client.certificate_copy(certificate.certificate_id, number),
                 name="certificate copy", on_result=lay_out, on_error=on_error)
    return True


def copy_document(copy: CertificateCopy, terminal: TerminalSettings, type_name: str = "电子证照") -> A4Document:
    """The platform's PDF with the kiosk's footer on every page."""
    # Loaded on the first copy: fpdf2, pypdf and the CJK font are heavy.
    from ..services.documents.certificate_copy import certificate_copy, copy_footer

    return certificate_copy(copy.pdf, copy_footer(copy, terminal), summary=type_name)


def fetch_printout(services: Services, certificate: Certificate, on_ready: Callable[[PrintDocument], None],
                   on_error: Callable[[BaseException], None]) -> bool:
    """Asks the platform for what the printout shows (it checks the holder again) and hands
    `on_ready` the document to print. False when the certificate may not be printed now."""
    if not can_print(services, certificate) or a4.certificate_printer(services) != a4.RECEIPT:
        return False
    number = holder(services.session).id_number
    terminal = services.config.terminal
    ask_platform(services, lambda client: client.certificate_print_data(certificate.certificate_id, number),
                 name="certificate print data", on_result=lambda data: on_ready(printout(data, terminal)),
                 on_error=on_error)
    return True


def printout(data: CertificatePrintData, terminal: TerminalSettings) -> PrintDocument:
    """The 电子证照打印件 (仅供查验) of the print data the platform handed over."""
    # Loaded on the first print, not with the screens: the documents pull in the printer driver.
    from ..services.documents import certificate_document, certificate_printout

    return certificate_document(certificate_printout(data, terminal))
