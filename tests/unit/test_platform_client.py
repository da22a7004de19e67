"""Client behaviour without a network: retries only where a repeat is harmless, a fresh signature
per attempt, errors mapped to their types, the status object fed. (Real HTTP: tests/integration.)"""
from __future__ import annotations

import gzip
import io
import json
from datetime import datetime

import pytest
import requests
import urllib3

from kiosk.config.platform import PlatformSettings
from kiosk.platform.client import PlatformClient
from kiosk.platform.errors import InvalidResponse, PlatformRejected, PlatformUnavailable, ResponseTooLarge
from kiosk.platform.models import CHINA_TZ, Heartbeat, Evaluator, RatingSubmission
from kiosk.platform.signing import NONCE_HEADER, SIGNATURE_HEADER, Verifier

SECRET = "unit-secret-123"
APPS = {"applications": []}


def response(status: int, payload=None, *, content_type="application/json; charset=utf-8", raw: bytes | None = None,
             headers: dict | None = None) -> requests.Response:
    """An answer as requests hands it over with stream=True: the body still to be read from `raw`."""
    body = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode()
    all_headers = {"Content-Type": content_type, **(headers or {})}
    r = requests.Response()
    r.status_code = status
    r.raw = urllib3.HTTPResponse(body=io.BytesIO(body), headers=all_headers, status=status, preload_content=False,
                                 decode_content=False)
    r.headers.update(all_headers)
    return r


class ScriptedSession(requests.Session):
    """Answers each send() with the next scripted response or exception; keeps what was sent."""

    def __init__(self, *script):
        super().__init__()
        self.script = list(script)
        self.sent: list[requests.PreparedRequest] = []
        self.kwargs: list[dict] = []

    def send(self, request, **kwargs):
        self.sent.append(request)
        self.kwargs.append(kwargs)
        item = self.script.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item


def client(session, **settings) -> tuple[PlatformClient, list[float]]:
    sleeps: list[float] = []
    s = PlatformSettings(secret=SECRET, retries=2, retry_backoff_s=0.25, **settings)
    return PlatformClient(s, "T1", base_url="http://127.0.0.1:1/kiosk/v1", session=session,
                          sleep=sleeps.append), sleeps


def test_id_number_goes_in_the_body_never_the_url_and_the_request_is_signed():
    session = ScriptedSession(response(200, APPS))
    c, _ = client(session)
    assert c.applications_of("150626198507064026") == ()
    sent = session.sent[0]
    assert "150626198507064026" not in sent.url
    assert json.loads(sent.body) == {"id_number": "150626198507064026"}
    verifier = Verifier(lambda t: SECRET)
    assert verifier.verify("POST", "/kiosk/v1/applications/query", sent.headers, sent.body) == "T1"
    assert session.kwargs[0]["timeout"] == (3.0, 8.0) and session.kwargs[0]["verify"] is True


def test_ca_bundle_is_used_for_verification():
    session = ScriptedSession(response(200, APPS))
    c, _ = client(session, ca_bundle="/etc/kiosk/ca.pem")
    c.applications_of("x")
    assert session.kwargs[0]["verify"] == "/etc/kiosk/ca.pem"


def test_idempotent_call_is_retried_with_backoff_and_fresh_nonces():
    session = ScriptedSession(response(503, {}), requests.exceptions.ConnectionError(), response(200, APPS))
    c, sleeps = client(session)
    assert c.applications_of("x") == ()
    assert sleeps == [0.25, 0.5]
    nonces = {r.headers[NONCE_HEADER] for r in session.sent}
    assert len(nonces) == 3 and len({r.headers[SIGNATURE_HEADER] for r in session.sent}) == 3
    assert c.status.online


def test_gives_up_after_the_configured_retries_and_goes_offline():
    session = ScriptedSession(*[response(500, {})] * 3)
    c, sleeps = client(session)
    with pytest.raises(PlatformUnavailable) as e:
        c.catalogue()
    assert e.value.reason == "server_error" and e.value.http_status == 500
    assert len(session.sent) == 3 and len(sleeps) == 2
    assert c.status.offline


def test_heartbeat_is_never_retried():
    session = ScriptedSession(response(500, {}), response(200, {}))
    c, sleeps = client(session)
    with pytest.raises(PlatformUnavailable):
        c.send_heartbeat(Heartbeat(app_version="1", uptime_s=1, checks=()))
    assert len(session.sent) == 1 and sleeps == []


def test_rating_is_retried_and_the_resend_carries_the_same_idempotency_key():
    ack = {"rating_id": "R1", "received_at": "2026-11-25T10:00:00+08:00"}
    session = ScriptedSession(requests.exceptions.ConnectionError(), response(200, ack, headers={"Idempotent-Replayed": "true"}))
    c, _ = client(session)
    rating = RatingSubmission(idempotency_key="key-1", application_no="A1", item_code="I1", level="满意", code="2",
                              channel="5", region_code="150626000", terminal_id="T1",
                              evaluator=Evaluator(name="n", id_number="i"), rated_at=datetime.now(CHINA_TZ))
    result = c.submit_rating(rating)
    assert result.rating_id == "R1" and result.replayed
    assert [json.loads(r.body)["idempotency_key"] for r in session.sent] == ["key-1", "key-1"]


def test_read_timeout_is_not_retried():
    session = ScriptedSession(requests.exceptions.ReadTimeout(), response(200, APPS))
    c, _ = client(session)
    with pytest.raises(PlatformUnavailable) as e:
        c.applications_of("x")
    assert e.value.reason == "timeout" and len(session.sent) == 1


def test_tls_failure_is_its_own_reason_and_not_retried():
    session = ScriptedSession(requests.exceptions.SSLError("bad cert"))
    c, _ = client(session)
    with pytest.raises(PlatformUnavailable) as e:
        c.catalogue()
    assert e.value.reason == "tls"


@pytest.mark.parametrize("resp, code, http", [
    (response(404, {"error": {"code": "application_not_found", "message": "none"}}), "application_not_found", 404),
    (response(401, {"error": {"code": "stale_timestamp", "message": "m", "server_time": "2026-11-25T10:00:00+08:00"}}),
     "stale_timestamp", 401),
    (response(401, raw=b"Unauthorized", content_type="text/plain"), "unauthorized", 401),
    (response(418, raw=b"", content_type="text/plain"), "http_418", 418),
])
def test_rejections_carry_code_and_status_and_are_not_retried(resp, code, http):
    session = ScriptedSession(resp)
    c, _ = client(session)
    with pytest.raises(PlatformRejected) as e:
        c.application("1506260000020001")
    assert (e.value.code, e.value.http_status) == (code, http)
    assert len(session.sent) == 1
    assert c.status.offline == e.value.is_credentials


def test_stale_timestamp_rejection_reports_the_server_time():
    session = ScriptedSession(response(401, {"error": {"code": "stale_timestamp", "message": "m",
                                                       "server_time": "2026-11-25T10:00:00+08:00"}}))
    c, _ = client(session)
    with pytest.raises(PlatformRejected) as e:
        c.catalogue()
    assert e.value.server_time == "2026-11-25T10:00:00+08:00"


@pytest.mark.parametrize("resp, field", [
    (response(200, raw=b'{"applications": [', content_type="application/json"), "<body>"),
    (response(200, raw=b"<html></html>", content_type="text/html"), "<content-type>"),
    (response(200, {"applications": [{"application_no": "1"}]}), "applications[0].item_code"),
    (response(200, {"apps": []}), "applications"),
])
def test_unusable_answers_are_invalid_response_naming_the_field(resp, field):
    session = ScriptedSession(resp)
    c, _ = client(session)
    with pytest.raises(InvalidResponse) as e:
        c.applications_of("x")
    assert e.value.field == field and e.value.endpoint == "applications.query"


def test_plain_http_only_to_loopback_and_ids_checked_before_sending():
    with pytest.raises(ValueError):
        PlatformClient(PlatformSettings(), "T1", base_url="http://platform.example.invalid/kiosk/v1")
    PlatformClient(PlatformSettings(), "T1", base_url="https://platform.example.invalid/kiosk/v1")
    c, _ = client(ScriptedSession())
    with pytest.raises(ValueError):
        c.application("../../etc")


def test_environment_proxies_are_ignored_and_a_configured_proxy_is_used():
    c, _ = client(ScriptedSession(), proxy_url="http://proxy.example.invalid:3128")
    assert c._session.trust_env is False
    assert c._session.proxies["https"] == "http://proxy.example.invalid:3128"


def test_worst_case_covers_every_attempt_and_backoff_within_the_deadline():
    c, _ = client(ScriptedSession(), call_deadline_s=60)
    assert c.worst_case_s() == 3 * (3.0 + 8.0) + 0.25 + 0.5
    assert c.worst_case_s(idempotent=False) == 11.0
    c, _ = client(ScriptedSession())
    assert c.worst_case_s() == 15.0           # the default deadline ends the call before the retries would


# ---- limits: the answer's size and the call's deadline -------------------------------------------

def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)


def test_a_gzip_answer_is_inflated_here():
    body = json.dumps({"applications": []}).encode() + b" " * 5000
    session = ScriptedSession(response(200, raw=gzipped(body), headers={"Content-Encoding": "gzip"}))
    c, _ = client(session)
    assert c.applications_of("x") == ()
    assert session.sent[0].headers["Accept-Encoding"] == "gzip, deflate"     # no encoding we cannot undo


@pytest.mark.parametrize("raw, headers, stage", [
    (b"{}" + b" " * (64 * 1024), {}, "received"),
    (b"{}", {"Content-Length": str(64 * 1024 + 1)}, "declared"),
    (gzipped(b"{}" + b" " * (64 * 1024)), {"Content-Encoding": "gzip"}, "decompressed"),
], ids=["counted", "declared", "inflated"])
def test_an_answer_over_the_cap_is_too_large_and_says_where(raw, headers, stage):
    c, _ = client(ScriptedSession(response(200, raw=raw, headers=headers)), max_response_bytes=64 * 1024)
    with pytest.raises(ResponseTooLarge) as e:
        c.catalogue()
    assert e.value.stage == stage and e.value.field == "<body>" and e.value.endpoint == "catalogue.get"
    assert e.value.message_key == "platform.unavailable"


def test_an_answer_exactly_at_the_cap_is_taken():
    body = b'{"applications":[]}'
    padded = body[:-1] + b" " * (64 * 1024 - len(body)) + b"}"
    c, _ = client(ScriptedSession(response(200, raw=gzipped(padded), headers={"Content-Encoding": "gzip"})),
                  max_response_bytes=64 * 1024)
    assert c.applications_of("x") == ()


@pytest.mark.parametrize("raw, headers", [
    (gzipped(b'{"applications": []}')[:-12], {"Content-Encoding": "gzip"}),        # cut short
    (b"\x1f\x8b\x08\x00garbage-not-deflate", {"Content-Encoding": "gzip"}),     # damaged
    (b'{"applications": []}', {"Content-Encoding": "br"}),                     # not asked for
], ids=["cut-short", "damaged", "brotli"])
def test_a_compressed_answer_that_cannot_be_undone_is_invalid(raw, headers):
    c, _ = client(ScriptedSession(response(200, raw=raw, headers=headers)))
    with pytest.raises(InvalidResponse) as e:
        c.applications_of("x")
    assert not isinstance(e.value, ResponseTooLarge)
    assert e.value.field in ("<body>", "<content-encoding>")


class SlowClock:
    """A monotonic clock that only the backoff sleeps move forward."""

    def __init__(self):
        self.now = 100.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def test_no_attempt_or_backoff_goes_past_the_deadline_and_waits_are_cut_to_what_is_left():
    clock = SlowClock()
    session = ScriptedSession(*[requests.exceptions.ConnectionError()] * 6)
    settings = PlatformSettings(secret=SECRET, retries=5, retry_backoff_s=0.5, call_deadline_s=2.0)
    c = PlatformClient(settings, "T1", base_url="http://127.0.0.1:1/kiosk/v1", session=session, sleep=clock.sleep,
                       monotonic=clock)
    with pytest.raises(PlatformUnavailable) as e:
        c.catalogue()
    assert e.value.reason == "connect"
    assert clock.sleeps == [0.5, 1.0]          # the next, 2 s, would end past the deadline
    assert [kw["timeout"] for kw in session.kwargs] == [(2.0, 2.0), (1.5, 1.5), (0.5, 0.5)]
    assert all(kw["stream"] for kw in session.kwargs)
    assert c.status.offline
