"""What the client sends keeps the contract: every operation, called through PlatformClient against
the simulator, is captured as it went on the wire and checked against the document (openapi-core)
and against the contract's signature rules (signing_auth.py, written from the document alone)."""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta

import pytest
import requests
from hypothesis import given, settings, strategies as st

from kiosk.config.platform import PlatformSettings
from kiosk.platform.client import PlatformClient
from kiosk.platform.models import (
    CHINA_TZ, HEALTH_STATUSES, HELP_KINDS, LEVEL_NAMES, PAPER_STATES, Evaluator, Heartbeat, HealthCheck, HelpRequest,
    RatingSubmission,
)
from kiosk.platform.signing import NONCE_HEADER, SIGNATURE_HEADER, TERMINAL_HEADER, TIMESTAMP_HEADER
from kiosk.sim.contract_check import Contract, ContractViolation
from kiosk.sim.platform_sim import start_platform_simulator
from tests.contract.signing_auth import sign, string_to_sign

SECRET = "client-contract-secret"
TERMINAL = "SIM-150626-01"
WANG = "150626198507064026"
CONTRACT = Contract()


class RecordingSession(requests.Session):
    def __init__(self):
        super().__init__()
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request, **kwargs):
        self.sent.append(request)
        return super().send(request, **kwargs)


def check_sent(request: requests.PreparedRequest) -> str:
    """Checks one request as sent; returns its operation."""
    path, _, query = request.path_url.partition("?")
    found = CONTRACT.resolve(request.method, path)
    assert found.route is not None, (request.method, path)
    body = request.body or b""
    CONTRACT.check_request(found, request.headers, body, request.headers.get("Content-Type", ""), query)
    h = request.headers
    assert h[SIGNATURE_HEADER] == sign(SECRET, string_to_sign(request.method, request.path_url, h[TERMINAL_HEADER],
                                                              h[TIMESTAMP_HEADER], h[NONCE_HEADER], body))
    return found.route.operation


@pytest.fixture(scope="module")
def sim():
    simulator = start_platform_simulator(SECRET, today=date(2026, 11, 25))
    yield simulator
    simulator.stop()


def test_every_operation_the_client_sends_keeps_the_contract(sim):
    session = RecordingSession()
    client = PlatformClient(PlatformSettings(secret=SECRET, retries=0), TERMINAL, base_url=sim.base_url,
                            session=session)
    client.server_time()
    apps = client.applications_of(WANG)
    client.application(apps[0].application_no)
    certs = client.certificates_of(WANG)
    client.certificate_print_data(certs[0].certificate_id, WANG)
    client.certificate_copy(certs[0].certificate_id, WANG)
    client.catalogue()
    options = client.rating_options()
    level = options.level("非常不满意")
    client.submit_rating(RatingSubmission(
        idempotency_key=uuid.uuid4().hex, application_no=apps[0].application_no, item_code=apps[0].item_code,
        level=level.name, code=level.code, reason_codes=(level.reasons[0].code,), comment="等待时间长；材料要求不清楚",
        channel="5", region_code="150626", terminal_id=TERMINAL, evaluator=Evaluator(name="王淑芬", id_number=WANG),
        rated_at=datetime.now(CHINA_TZ), department_code=apps[0].department_code, options_version=options.version))
    client.send_heartbeat(Heartbeat(app_version="0.1.0", uptime_s=12.34, checks=(HealthCheck("reader", "ok"),),
                                    paper="low", unsent_ratings=1))
    client.send_help_request(HelpRequest(request_id=uuid.uuid4().hex, kind="bang_ni_ban", region_code="150626",
                                         topic="不动产转移登记", application_no=apps[0].application_no))
    assert {check_sent(r) for r in session.sent} == set(CONTRACT.operations)


def test_the_checker_refuses_what_the_contract_forbids():
    session_request = requests.Request("POST", "http://127.0.0.1:1/kiosk/v1/heartbeats",
                                       json={"terminal_id": TERMINAL, "sent_at": "yesterday"}).prepare()
    path = session_request.path_url
    with pytest.raises(ContractViolation) as e:
        CONTRACT.check_request(CONTRACT.resolve("POST", path), SIGNED, session_request.body, "application/json")
    assert "body.sent_at: format" in e.value.where and "body.app_version: required" in e.value.where


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1),
                       timezones=st.just(CHINA_TZ))
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
ids = st.from_regex(r"[A-Za-z0-9_.-]{1,50}", fullmatch=True)


# Offline checks carry well-formed signing headers: the contract requires them on every request.
SIGNED = {TERMINAL_HEADER: TERMINAL, TIMESTAMP_HEADER: "1795000000", NONCE_HEADER: "0" * 32, SIGNATURE_HEADER: "0" * 64}


def check_body(method_path: tuple[str, str], body: dict) -> None:
    found = CONTRACT.resolve(*method_path)
    CONTRACT.check_request(found, SIGNED, json.dumps(body, ensure_ascii=False).encode(), "application/json")


@settings(max_examples=60, deadline=None)
@given(key=st.uuids(), no=ids, level=st.sampled_from(LEVEL_NAMES), code=st.from_regex(r"[1-5]", fullmatch=True),
       reasons=st.lists(st.from_regex(r"[0-9]{3}", fullmatch=True), max_size=5), comment=texts,
       region=st.from_regex(r"[0-9]{6}([0-9]{3})?", fullmatch=True), at=moments,
       count=st.integers(1, 99), anonymous=st.booleans(), user_type=st.sampled_from((1, 2)),
       mobile=st.one_of(st.none(), st.from_regex(r"1[0-9]{10}", fullmatch=True)))
def test_any_rating_the_client_can_build_keeps_the_contract(key, no, level, code, reasons, comment, region, at,
                                                           count, anonymous, user_type, mobile):
    rating = RatingSubmission(idempotency_key=key.hex, application_no=no, item_code="150626010001", level=level,
                              code=code, channel="5", region_code=region, terminal_id=TERMINAL,
                              evaluator=Evaluator(name="王淑芬", id_number=WANG, user_type=user_type, mobile=mobile),
                              rated_at=at, rating_count=count, reason_codes=tuple(reasons), comment=comment,
                              anonymous=anonymous, department_code="SCJG", options_version="nmg-hcp-2026.1")
    check_body(("POST", "/kiosk/v1/ratings"), rating.to_json())


@settings(max_examples=60, deadline=None)
@given(uptime=st.floats(0, 10 ** 8), paper=st.sampled_from(PAPER_STATES), at=moments,
       checks=st.lists(st.tuples(texts, st.sampled_from(HEALTH_STATUSES), texts), max_size=6),
       unsent=st.tuples(st.integers(0, 10 ** 6), st.integers(0, 10 ** 6)),
       version=st.from_regex(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}", fullmatch=True))
def test_any_heartbeat_the_client_can_build_keeps_the_contract(uptime, paper, at, checks, unsent, version):
    heartbeat = Heartbeat(app_version=version, uptime_s=uptime, checks=tuple(HealthCheck(*c) for c in checks),
                          paper=paper, unsent_ratings=unsent[0], unsent_help_requests=unsent[1], sent_at=at)
    check_body(("POST", "/kiosk/v1/heartbeats"), heartbeat.to_json(TERMINAL))


@settings(max_examples=60, deadline=None)
@given(request_id=st.uuids(), kind=st.sampled_from(HELP_KINDS), topic=texts, at=moments,
       region=st.from_regex(r"[0-9]{6}([0-9]{3})?", fullmatch=True), no=st.one_of(st.none(), ids))
def test_any_help_request_the_client_can_build_keeps_the_contract(request_id, kind, topic, at, region, no):
    request = HelpRequest(request_id=request_id.hex, kind=kind, region_code=region, topic=topic, application_no=no,
                          requested_at=at + timedelta(0))
    check_body(("POST", "/kiosk/v1/help-requests"), request.to_json(TERMINAL))
