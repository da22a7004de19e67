"""The simulator holds to the contract over real HTTP on 127.0.0.1: what it refuses is what the
document forbids (and the reverse), any method gets a JSON answer (405 with Allow on a known
path), framing errors are JSON too, and an answer that would break the document is never sent."""
from __future__ import annotations

import json
import logging
import socket
import uuid
from datetime import date

import pytest
import requests

from kiosk.sim.contract_check import Contract, ContractViolation
from kiosk.sim.platform_sim import start_platform_simulator
from tests.contract.signing_auth import ContractSigner

SECRET = "simulator-contract-secret"
TERMINAL = "SIM-150626-01"
WANG = "150626198507064026"
CONTRACT = Contract()
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "HEAD")
SIGNED = {"X-Kiosk-Terminal": TERMINAL, "X-Kiosk-Timestamp": "1795000000", "X-Kiosk-Nonce": "0" * 32,
          "X-Kiosk-Signature": "0" * 64}


@pytest.fixture(scope="module")
def sim():
    simulator = start_platform_simulator(SECRET, today=date(2026, 11, 25))
    yield simulator
    simulator.stop()


def url(sim, path: str) -> str:
    return sim.base_url + path


def post(sim, path: str, body, **kw) -> requests.Response:
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    headers = kw.pop("headers", {"Content-Type": "application/json"})
    return requests.post(url(sim, path), data=data, headers=headers, auth=ContractSigner(SECRET, TERMINAL),
                         timeout=5, **kw)


def heartbeat(**changes) -> dict:
    body = {"terminal_id": TERMINAL, "sent_at": "2026-11-25T10:00:00+08:00", "app_version": "0.1.0",
            "uptime_s": 5, "checks": [], "paper": "ok", "unsent": {"ratings": 0, "help_requests": 0}}
    return _changed(body, changes)


def help_request(**changes) -> dict:
    body = {"request_id": uuid.uuid4().hex, "terminal_id": TERMINAL, "kind": "call_staff", "region_code": "150626",
            "topic": "", "requested_at": "2026-11-25T10:00:00+08:00"}
    return _changed(body, changes)


def _changed(body: dict, changes: dict) -> dict:
    for dotted, value in changes.items():
        *parents, name = dotted.split("__")
        node = body
        for parent in parents:
            node = node[parent]
        node[name] = value
    return body


# What the issue found: refused values the schema allowed, accepted values it forbade. Now the
# simulator answers 400 exactly when the document says no, and names the place.
CASES = [
    ("/applications/query", {"id_number": ""}, 400, "body.id_number: minLength"),
    ("/certificates/query", {"holder_id_number": ""}, 400, "body.holder_id_number: minLength"),
    ("/heartbeats", heartbeat(app_version="1" * 41), 400, "body.app_version: maxLength"),
    ("/heartbeats", heartbeat(app_version="1" * 40), 200, None),
    ("/heartbeats", heartbeat(terminal_id=""), 400, "body.terminal_id: pattern"),
    ("/heartbeats", heartbeat(unsent__help_requests=-1), 400, "body.unsent.help_requests: minimum"),
    ("/heartbeats", heartbeat(sent_at="yesterday"), 400, "body.sent_at: format"),
    ("/help-requests", help_request(region_code="15"), 400, "body.region_code: pattern"),
    ("/help-requests", help_request(region_code="150626000"), 201, None),
    ("/help-requests", help_request(requested_at="not a date"), 400, "body.requested_at: format"),
    ("/help-requests", help_request(request_id=""), 400, "body.request_id: minLength"),
]


@pytest.mark.parametrize("path, body, status, where", CASES, ids=[c[3] or f"{c[0]} ok" for c in CASES])
def test_the_simulator_refuses_exactly_what_the_document_forbids(sim, path, body, status, where):
    raw = json.dumps(body).encode()
    found = CONTRACT.resolve("POST", "/kiosk/v1" + path)
    if where is None:
        CONTRACT.check_request(found, SIGNED, raw, "application/json")
    else:
        with pytest.raises(ContractViolation, match=where.replace(".", r"\.")):
            CONTRACT.check_request(found, SIGNED, raw, "application/json")
    answer = post(sim, path, body)
    assert answer.status_code == status, answer.text
    if where is not None:
        assert answer.json()["error"] == {"code": "invalid_request", "message": where}


@pytest.mark.parametrize("path, body", [("/heartbeats", heartbeat()), ("/help-requests", help_request())])
def test_a_body_naming_another_terminal_is_refused_on_every_write(sim, path, body):
    answer = requests.post(url(sim, path), json=body, timeout=5,
                           auth=ContractSigner(SECRET, "SIM-150626-99", follow_body_terminal=False))
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "terminal_mismatch"


def test_an_id_number_is_never_repeated_in_an_error(sim):
    answer = post(sim, "/applications/query", {"id_number": WANG + "X" * 20})
    assert answer.status_code == 400 and WANG not in answer.text


@pytest.mark.parametrize("template", sorted({r.template for r in CONTRACT.routes}))
@pytest.mark.parametrize("method", METHODS)
def test_any_method_on_any_path_gets_json_and_a_wrong_one_405_with_allow(sim, template, method):
    defined = sorted(r.method for r in CONTRACT.routes if r.template == template)
    path = template.replace("{application_no}", "1506260000020003").replace("{certificate_id}", "DZZZ150626002001")
    # Unsigned: routing comes before the signature, and an allowed method must then be refused 401.
    answer = requests.request(method, url(sim, path), timeout=5)
    assert answer.headers["Content-Type"].startswith("application/json")
    if method in defined:
        assert answer.status_code == 401
        return
    assert answer.status_code == 405
    assert answer.headers["Allow"] == ", ".join(defined)
    if method != "HEAD":
        assert answer.json()["error"]["code"] == "method_not_allowed"


def test_get_on_every_post_only_path_is_405_not_404(sim):
    # The old routing loop overwrote its match: GET on a POST path said no_such_endpoint.
    for route in CONTRACT.routes:
        if route.method == "POST" and "{" not in route.template:
            answer = requests.get(url(sim, route.template), auth=ContractSigner(SECRET, TERMINAL), timeout=5)
            assert (answer.status_code, answer.headers["Allow"]) == (405, "POST"), route.template


@pytest.mark.parametrize("path", ["/nothing", "/time/", "/applications/a/b", "/../time"])
def test_unknown_paths_are_404_json(sim, path):
    answer = requests.get(url(sim, path), timeout=5)
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "no_such_endpoint"
    outside = requests.get(sim.base_url.removesuffix("/kiosk/v1") + "/other/v1/time", timeout=5)
    assert outside.status_code == 404 and outside.json()["error"]["code"] == "no_such_endpoint"


def raw_exchange(sim, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", sim.port), timeout=5) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("request_bytes, status", [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET /kiosk/v1/time HTTP/9.9\r\n\r\n", 505),
    (b"GET /kiosk/v1/time HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n", 431),
])
def test_framing_errors_are_answered_in_json(sim, request_bytes, status):
    answer = raw_exchange(sim, request_bytes)
    assert b"<html" not in answer.lower()
    if answer.startswith(b"HTTP/"):
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.split(b"\r\n")[0].split()[1] == str(status).encode()
    else:
        body = answer      # a request line that is not HTTP/1.x gets an HTTP/0.9 answer: the body alone
    CONTRACT.check_error(json.loads(body))


@pytest.mark.parametrize("body, headers, status, where", [
    (b'{"id_number": "1"', {"Content-Type": "application/json"}, 400, "body: not JSON"),
    (b'{"id_number": NaN}', {"Content-Type": "application/json"}, 400, "body: not JSON"),
    (b'\xff\xfe', {"Content-Type": "application/json"}, 400, "body: not JSON"),
    (b'{"id_number": "1"}', {"Content-Type": "text/plain"}, 400, "Content-Type: expected application/json"),
    (b'', {"Content-Type": "application/json"}, 400, "body: missing"),
])
def test_bodies_that_are_not_the_contracts_json_are_400(sim, body, headers, status, where):
    answer = post(sim, "/applications/query", body, headers=headers)
    assert answer.status_code == status and answer.json()["error"] == {"code": "invalid_request", "message": where}


def test_an_oversized_body_is_413_and_a_chunked_one_400(sim):
    big = raw_exchange(sim, b"POST /kiosk/v1/heartbeats HTTP/1.1\r\nHost: x\r\nContent-Length: 1000001\r\n\r\n")
    assert big.startswith(b"HTTP/1.1 413") and b'"too_large"' in big
    chunked = raw_exchange(sim, b"POST /kiosk/v1/heartbeats HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                b"2\r\n{}\r\n0\r\n\r\n")
    assert chunked.startswith(b"HTTP/1.1 400") and b'"invalid_request"' in chunked


def test_a_request_replayed_under_another_terminal_is_refused(sim):
    signed = requests.Request("GET", url(sim, "/catalogue"), auth=ContractSigner(SECRET, TERMINAL)).prepare()
    with requests.Session() as session:
        assert session.send(signed, timeout=5).status_code == 200
        signed.headers["X-Kiosk-Terminal"] = "SIM-150626-02"        # same secret, fresh nonce cache
        replay = session.send(signed, timeout=5)
    assert replay.status_code == 401 and replay.json()["error"]["code"] == "bad_signature"


def test_a_nonce_outside_its_format_is_refused(sim):
    class OddNonce(ContractSigner):
        def __call__(self, request):
            request = super().__call__(request)
            request.headers["X-Kiosk-Nonce"] = "not-32-hex-digits"
            return request
    answer = requests.get(url(sim, "/catalogue"), auth=OddNonce(SECRET, TERMINAL), timeout=5)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "bad_signature"


def test_an_answer_that_would_break_the_contract_is_not_sent(sim, caplog):
    number = "1506260000020005"
    original = sim.data.applications_by_no[number]
    sim.data.applications_by_no[number] = {k: v for k, v in original.items() if k != "status"}
    try:
        with caplog.at_level(logging.ERROR, logger="kiosk.sim.platform_sim"):
            answer = requests.get(url(sim, f"/applications/{number}"), auth=ContractSigner(SECRET, TERMINAL), timeout=5)
    finally:
        sim.data.applications_by_no[number] = original
    assert answer.status_code == 500 and answer.json()["error"]["code"] == "internal_error"
    assert "body.application.status: required" in caplog.text
