"""Building the typed models from the platform's JSON: each `parse_*` takes the decoded response
(or a part of it) wrapped in `Fields` and returns the model, or raises InvalidResponse naming the
field. The wire names are in kiosk/platform/openapi.yaml; the models are in models.py.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import io

from .errors import InvalidResponse
from .models import (
    CERTIFICATE_STATUSES, LEVEL_NAMES, STATUS_CODES,
    Application, ApplicationStatus, Catalogue, CatalogueItem, Certificate, CertificateCopy, CertificateField,
    CertificatePrintData, Department, HeartbeatAck, HelpAck, Material, RatingAck, RatingLevel, RatingOptions,
    RatingPhrase, RatingReason, Theme, TimelineEntry,
)
from .validation import Fields


def parse_timeline_entry(f: Fields) -> TimelineEntry:
    return TimelineEntry(status=ApplicationStatus(f.choice("status", STATUS_CODES)), at=f.moment("at"),
                         department_name=f.text("department_name", optional=True),
                         note=f.text("note", optional=True))


def parse_application(f: Fields) -> Application:
    return Application(
        application_no=f.text("application_no"),
        item_code=f.text("item_code"),
        item_name=f.text("item_name"),
        department_code=f.text("department_code"),
        department_name=f.text("department_name"),
        applicant_name_masked=f.text("applicant_name_masked"),
        status=ApplicationStatus(f.choice("status", STATUS_CODES)),
        submitted_at=f.moment("submitted_at"),
        promised_date=f.day("promised_date", optional=True),
        timeline=f.build("timeline", parse_timeline_entry),
        finished_at=f.moment("finished_at", optional=True),
        return_reason=f.text("return_reason", optional=True),
        certificate_id=f.text("certificate_id", optional=True),
        mobile_url=f.text("mobile_url", optional=True),
    )


def parse_applications(f: Fields) -> tuple[Application, ...]:
    return f.build("applications", parse_application)


def parse_certificate(f: Fields) -> Certificate:
    return Certificate(
        certificate_id=f.text("certificate_id"), type_code=f.text("type_code"), type_name=f.text("type_name"),
        number=f.text("number"), holder_name_masked=f.text("holder_name_masked"), issuer=f.text("issuer"),
        issued_on=f.day("issued_on"), valid_until=f.day("valid_until", optional=True),
        status=f.choice("status", CERTIFICATE_STATUSES),
    )


def parse_certificates(f: Fields) -> tuple[Certificate, ...]:
    return f.build("certificates", parse_certificate)


def parse_certificate_print_data(f: Fields) -> CertificatePrintData:
    return CertificatePrintData(
        certificate_id=f.text("certificate_id"), type_name=f.text("type_name"), number=f.text("number"),
        holder_name=f.text("holder_name"), holder_id_masked=f.text("holder_id_masked"), issuer=f.text("issuer"),
        issued_on=f.day("issued_on"), valid_until=f.day("valid_until", optional=True),
        fields=f.build("fields", lambda g: CertificateField(label=g.text("label"), value=g.text("value"))),
        verification_code=f.text("verification_code"),
        verification_url=f.text("verification_url", pattern=r"https?://\S+"),
        generated_at=f.moment("generated_at"),
    )


# The terminal's footer takes the bottom 20 mm of every page (kiosk/services/documents/certificate_copy.py).
FOOTER_SPACE_MM = 20


def parse_certificate_copy(f: Fields) -> CertificateCopy:
    """The copy, or InvalidResponse naming what is wrong: not base64, not a PDF, cut short or
    damaged (its SHA-256 differs), pages other than announced, no room for the footer, no 核验码."""
    f.choice("format", ("pdf",))
    pdf = _decoded(f, "content_base64")
    digest = f.text("content_sha256", pattern=r"[0-9a-f]{64}")
    if hashlib.sha256(pdf).hexdigest() != digest:
        raise InvalidResponse("content_sha256", "the copy is cut short or damaged (SHA-256 differs)", f.endpoint)
    if not pdf.startswith(b"%PDF-"):
        raise InvalidResponse("content_base64", "not a PDF", f.endpoint)
    pages = f.integer("pages", min=1)
    counted = _pages_of(pdf, f.endpoint)
    if counted != pages:
        raise InvalidResponse("pages", f"the PDF has {counted} pages, not {pages}", f.endpoint)
    free = f.integer("free_bottom_mm", min=0)
    if free < FOOTER_SPACE_MM:
        raise InvalidResponse("free_bottom_mm", f"expected at least {FOOTER_SPACE_MM} mm for the footer",
                              f.endpoint)
    return CertificateCopy(
        certificate_id=f.text("certificate_id"), pdf=pdf, pages=pages, free_bottom_mm=free,
        verification_code=f.text("verification_code"),
        verification_url=f.text("verification_url", pattern=r"https?://\S+"),
        generated_at=f.moment("generated_at"))


def _decoded(f: Fields, name: str) -> bytes:
    text = f.text(name)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidResponse(name, "not base64", f.endpoint) from None


def _pages_of(pdf: bytes, endpoint: str) -> int:
    """Pages of the PDF, read the way the printer's side will read it; a PDF pypdf cannot read
    (cut short before the SHA-256 was taken, damaged at the platform) is refused here."""
    from pypdf import PdfReader    # loaded with the first copy, not at start-up
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(io.BytesIO(pdf), strict=False).pages)
    except (PdfReadError, OSError, KeyError, TypeError, ValueError) as exc:
        raise InvalidResponse("content_base64", f"not a readable PDF ({type(exc).__name__})", endpoint) from None


def parse_material(f: Fields) -> Material:
    return Material(name=f.text("name"), form=f.text("form"), copies=f.integer("copies", min=0),
                    required=f.boolean("required"), note=f.text("note", optional=True))


def parse_catalogue(f: Fields) -> Catalogue:
    return Catalogue(
        version=f.text("version"),
        departments=f.build("departments", lambda g: Department(code=g.text("code"), name=g.text("name"))),
        items=f.build("items", lambda g: CatalogueItem(
            code=g.text("code"), name=g.text("name"), department_code=g.text("department_code"),
            kind=g.text("kind"), promised_days=g.integer("promised_days", min=0), fee=g.text("fee"),
            online_url=g.text("online_url", pattern=r"https?://\S+"),
            materials=g.build("materials", parse_material),
            self_service=bool(g.boolean("self_service", optional=True)))),
        themes=f.build("themes", lambda g: Theme(
            code=g.text("code"), name=g.text("name"), description=g.text("description"),
            item_codes=g.texts("item_codes"), promised_days=g.integer("promised_days", min=0),
            online_url=g.text("online_url", pattern=r"https?://\S+"),
            materials=g.build("materials", parse_material))),
    )


def parse_rating_options(f: Fields) -> RatingOptions:
    levels = f.build("levels", lambda g: RatingLevel(
        name=g.choice("name", LEVEL_NAMES), code=g.text("code"), bad=g.boolean("bad"),
        reasons=g.build("reasons", lambda r: RatingReason(code=r.text("code"), text=r.text("text"))),
        # Optional and newer than the rest: a platform (or a cached copy) without it offers no phrases.
        phrases=tuple(RatingPhrase(code=p.text("code"), text=p.text("text"))
                      for p in g.items("phrases", optional=True))))
    return RatingOptions(version=f.text("version"), levels=levels)


def parse_rating_ack(f: Fields, replayed: bool = False) -> RatingAck:
    return RatingAck(rating_id=f.text("rating_id"), received_at=f.moment("received_at"), replayed=replayed)


def parse_heartbeat_ack(f: Fields) -> HeartbeatAck:
    return HeartbeatAck(received_at=f.moment("received_at"), next_heartbeat_s=f.integer("next_heartbeat_s", min=1))


def parse_help_ack(f: Fields) -> HelpAck:
    return HelpAck(ticket_no=f.text("ticket_no"), received_at=f.moment("received_at"),
                   expected_wait_min=f.integer("expected_wait_min", optional=True, min=0))
