"""certificates.copy over real HTTP on 127.0.0.1: the simulator hands the holder (and only the
holder) a whole PDF with room for the footer; a platform answering anything less (not a PDF,
cut short, damaged, no 核验码, no room for the footer) gets InvalidResponse naming the field,
and the flow that asked prints nothing."""
from __future__ import annotations

import base64
import hashlib
import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.config.platform import PlatformSettings
from kiosk.platform import InvalidResponse, PlatformClient, PlatformRejected
from kiosk.sim.certificate_pdf import sample_certificate_pdf
from kiosk.sim.platform_sim import start_platform_simulator

SECRET = "copy-secret"
WANG = "150626198507064026"
BATEER = "150626195803123015"


@pytest.fixture(scope="module")
def sim():
    simulator = start_platform_simulator(SECRET, today=date(2026, 11, 25))
    yield simulator
    simulator.stop()


def client_of(base_url: str) -> PlatformClient:
    return PlatformClient(PlatformSettings(secret=SECRET, retries=0), "SIM-150626-01", base_url=base_url)


def test_the_holder_gets_a_whole_pdf_with_its_code_and_address(sim):
    client = client_of(sim.base_url)
    certificate = client.certificates_of(WANG)[0]
    copy = client.certificate_copy(certificate.certificate_id, WANG)
    assert copy.pdf.startswith(b"%PDF-") and copy.pages == 2 and copy.free_bottom_mm >= 20
    assert copy.verification_code and copy.verification_url.startswith("https://")
    data = client.certificate_print_data(certificate.certificate_id, WANG)
    assert (copy.verification_code, copy.verification_url) == (data.verification_code, data.verification_url)
    assert "%PDF" not in repr(copy) and "JVBER" not in repr(copy)     # never the bytes


def test_only_the_holder_gets_the_copy(sim):
    client = client_of(sim.base_url)
    certificate = client.certificates_of(WANG)[0]
    with pytest.raises(PlatformRejected) as e:
        client.certificate_copy(certificate.certificate_id, BATEER)
    assert e.value.code == "not_holder" and e.value.http_status == 403
    with pytest.raises(PlatformRejected) as e:
        client.certificate_copy("DZZZ-NONE", WANG)
    assert e.value.code == "certificate_not_found"


# --- a platform that answers badly ----------------------------------------------------------------
PDF = sample_certificate_pdf()


def answer(pdf: bytes = PDF, **changes) -> dict:
    body = {"certificate_id": "DZZZ150626002001", "format": "pdf",
            "content_base64": base64.b64encode(pdf).decode(), "content_sha256": hashlib.sha256(pdf).hexdigest(),
            "pages": 2, "free_bottom_mm": 25, "verification_code": "VZQP-2FOZ-GTFU",
            "verification_url": "https://zwfw.example.invalid/verify?code=VZQP2FOZGTFU",
            "generated_at": "2026-11-25T10:00:00+08:00"}
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


class FixedPlatform:
    """One HTTP server on 127.0.0.1 answering every request with the body set last."""

    def __init__(self):
        self.body = b"{}"
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *_args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/kiosk/v1"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def fixed():
    platform = FixedPlatform()
    yield platform
    platform.stop()


def refused(fixed, body: dict) -> InvalidResponse:
    fixed.body = json.dumps(body).encode()
    with pytest.raises(InvalidResponse) as e:
        client_of(fixed.base_url).certificate_copy("DZZZ150626002001", WANG)
    assert e.value.message_key == "platform.invalid_response"
    return e.value


def test_a_good_answer_from_the_same_server_is_taken(fixed):
    fixed.body = json.dumps(answer()).encode()
    assert client_of(fixed.base_url).certificate_copy("DZZZ150626002001", WANG).pdf == PDF


@pytest.mark.parametrize("body, where, problem", [
    (answer(b"<html>not a copy</html>"), "content_base64", "not a PDF"),
    (answer(content_base64="%%% not base64 %%%"), "content_base64", "not base64"),
    # cut short on the way: the bytes no longer match the platform's SHA-256
    (answer(content_base64=base64.b64encode(PDF[: len(PDF) // 2]).decode()), "content_sha256", "cut short"),
    # cut short at the platform (the SHA-256 of what was left): pypdf cannot read it
    (answer(PDF[:400]), "content_base64", "not a readable PDF"),
    (answer(verification_code=None), "verification_code", "missing"),
    (answer(verification_code=""), "verification_code", "empty"),
    (answer(verification_url="javascript:alert(1)"), "verification_url", "format"),
    (answer(free_bottom_mm=5), "free_bottom_mm", "footer"),
    (answer(pages=3), "pages", "2 pages"),
    (answer(format="ofd"), "format", "unknown value"),
])
def test_a_bad_copy_is_refused_naming_what_is_wrong(fixed, body, where, problem):
    error = refused(fixed, body)
    assert where in str(error) and problem in str(error), str(error)
