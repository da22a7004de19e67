"""The client against the simulator over real HTTP on 127.0.0.1: every endpoint, signature
rejections, every fault, retries only where a repeat is harmless, the offline state."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Iterator

import pytest
import requests

from kiosk.config.platform import PlatformSettings
from kiosk.platform import (
    InvalidResponse, PlatformClient, PlatformRejected, PlatformStatus, PlatformUnavailable,
)
from kiosk.platform.models import (
    CHINA_TZ, ApplicationStatus, Evaluator, Heartbeat, HealthCheck, HelpRequest, RatingSubmission,
)
from kiosk.platform.signing import sign_headers
from kiosk.sim.platform_sim import PlatformSimulator, start_platform_simulator

SECRET = "integration-secret"
TODAY = date(2026, 11, 25)
WANG = "150626198507064026"
BATEER = "150626195803123015"


@pytest.fixture(scope="module")
def sim() -> Iterator[PlatformSimulator]:
    simulator = start_platform_simulator(SECRET, today=TODAY, hang_s=10)
    yield simulator
    simulator.stop()


@pytest.fixture(autouse=True)
def no_faults(sim):
    sim.clear_faults()
    yield
    sim.clear_faults()


def settings(**kw) -> PlatformSettings:
    base = dict(secret=SECRET, connect_timeout_s=0.5, read_timeout_s=0.6, retries=2, retry_backoff_s=0.0)
    base.update(kw)
    return PlatformSettings(**base)


@pytest.fixture
def client(sim) -> Iterator[PlatformClient]:
    c = PlatformClient(settings(), "SIM-T1", base_url=sim.base_url, status=PlatformStatus())
    yield c
    c.close()


def rating(app_no: str, key: str | None = None, *, level="非常不满意", code="5", reasons=("501",), count=1,
           id_number=WANG) -> RatingSubmission:
    return RatingSubmission(idempotency_key=key or uuid.uuid4().hex, application_no=app_no, item_code="150626010001",
                            level=level, code=code, reason_codes=reasons, channel="5", region_code="150626",
                            terminal_id="SIM-T1", evaluator=Evaluator(name="王淑芬", id_number=id_number),
                            rated_at=datetime.now(CHINA_TZ), rating_count=count)


# ---- every endpoint ----------------------------------------------------------------------------

def test_applications_of_a_person_and_one_by_number(client):
    apps = client.applications_of(WANG)
    assert len(apps) >= 4
    assert {a.status for a in apps} >= {ApplicationStatus.COMPLETED, ApplicationStatus.RETURNED,
                                        ApplicationStatus.IN_REVIEW}
    assert sum(a.is_overdue(TODAY) for a in apps) == 1
    one = client.application(apps[0].application_no)
    assert one == apps[0]
    assert client.applications_of("110101199001011237") == ()
    assert client.status.online


def test_a_limit_gives_the_newest_applications_only(client):
    everything = client.applications_of(WANG)
    assert client.applications_of(WANG, limit=2) == everything[:2]
    assert client.applications_of(WANG, limit=1000) == everything


def test_a_holder_with_thousands_of_applications_gets_the_newest_asked_for():
    with start_platform_simulator(SECRET, today=TODAY) as sim:
        assert sim.add_applications(WANG, 2000) == len(sim.data.applications_by_holder[WANG]) > 2000
        listed = sim.data.applications_by_holder[WANG]
        client = PlatformClient(settings(), "SIM-T1", base_url=sim.base_url)
        try:
            newest = client.applications_of(WANG, limit=51)
        finally:
            client.close()
    submitted = [a["submitted_at"] for a in listed]
    assert submitted == sorted(submitted, reverse=True) and len(set(a["application_no"] for a in listed)) == len(listed)
    assert [a.application_no for a in newest] == [a["application_no"] for a in listed[:51]]


def test_unknown_application_number_is_rejected_not_offline(client):
    with pytest.raises(PlatformRejected) as e:
        client.application("9999999999")
    assert e.value.code == "application_not_found" and e.value.http_status == 404
    assert e.value.message_key == "platform.application_not_found"
    assert client.status.online


def test_certificates_and_print_data_only_for_the_holder(client):
    certs = client.certificates_of(WANG)
    assert {c.type_name for c in certs} >= {"营业执照", "不动产权证明", "社会保险参保证明"}
    data = client.certificate_print_data(certs[0].certificate_id, WANG)
    assert data.holder_name == "王淑芬" and data.verification_code and data.verification_url.startswith("https://")
    with pytest.raises(PlatformRejected) as e:
        client.certificate_print_data(certs[0].certificate_id, BATEER)
    assert e.value.code == "not_holder" and e.value.message_key == "platform.not_holder"
    with pytest.raises(PlatformRejected) as e:
        client.certificate_print_data("DZZZ-NONE", WANG)
    assert e.value.code == "certificate_not_found"


def test_catalogue_and_rating_options(client):
    catalogue = client.catalogue()
    assert {t.name for t in catalogue.themes} >= {"新生儿一件事", "身后一件事"}
    assert all(i.materials for i in catalogue.items)
    options = client.rating_options()
    assert options.version and len(options.levels) == 5 and options.reasons_for("不满意")


def test_server_time_and_skew(client):
    t = client.server_time()
    assert abs(t.skew_s) < 5 and t.round_trip_s >= 0


def test_server_time_works_with_a_wrong_clock_and_measures_it(sim):
    skewed = PlatformClient(settings(), "SIM-T1", base_url=sim.base_url, clock=lambda: __import__("time").time() - 900)
    t = skewed.server_time()
    assert 890 < t.skew_s < 910


def test_rating_is_recorded_once_however_often_it_is_sent(sim, client):
    app_no = client.applications_of(WANG)[0].application_no
    before = len(sim.ratings)
    r = rating(app_no, count=11)
    first = client.submit_rating(r)
    again = client.submit_rating(r)
    assert not first.replayed and again.replayed
    assert again.rating_id == first.rating_id and again.received_at == first.received_at
    assert len(sim.ratings) == before + 1
    stored = sim.ratings[-1]
    assert stored["application_no"] == app_no and stored["channel"] == "5" and stored["region_code"] == "150626000"
    assert stored["reason_codes"] == ["501"] and stored["rating_count"] == 11
    assert len(stored["rated_at"]) == 15


def test_rating_conflicts(client):
    app_no = client.applications_of(WANG)[1].application_no
    client.submit_rating(rating(app_no, "same-key-1", count=21))
    with pytest.raises(PlatformRejected) as e:
        client.submit_rating(rating(app_no, "same-key-1", count=21, level="满意", code="2", reasons=()))
    assert e.value.code == "idempotency_conflict"
    with pytest.raises(PlatformRejected) as e:
        client.submit_rating(rating(app_no, "other-key-1", count=21))
    assert e.value.code == "duplicate_rating" and e.value.message_key == "platform.already_rated"
    assert client.submit_rating(rating(app_no, "other-key-2", count=22)).rating_id


@pytest.mark.parametrize("kw", [dict(code="1"), dict(reasons=()), dict(reasons=("101",))])
def test_rating_must_match_the_published_options(client, kw):
    app_no = client.applications_of(WANG)[0].application_no
    with pytest.raises(PlatformRejected) as e:
        client.submit_rating(rating(app_no, count=31, **kw))
    assert e.value.code == "options_mismatch" and e.value.http_status == 422


def test_heartbeat_and_help_request_are_recorded(sim, client):
    ack = client.send_heartbeat(Heartbeat(app_version="0.1.0", uptime_s=5,
                                          checks=(HealthCheck("printer", "warning", "paper low"),),
                                          paper="low", unsent_ratings=2))
    assert ack.next_heartbeat_s > 0
    beat = sim.heartbeats[-1]
    assert beat["paper"] == "low" and beat["unsent"]["ratings"] == 2 and beat["terminal_id"] == "SIM-T1"
    request = HelpRequest(request_id=uuid.uuid4().hex, kind="bang_ni_ban", region_code="150626", topic="不动产转移登记")
    first = client.send_help_request(request)
    again = client.send_help_request(request)
    assert first.ticket_no == again.ticket_no
    assert sum(h["request_id"] == request.request_id for h in sim.help_requests) == 1


# ---- signatures ----------------------------------------------------------------------------------

def test_wrong_secret_is_rejected_and_the_terminal_goes_offline(sim):
    bad = PlatformClient(settings(secret="wrong-secret-123"), "SIM-T1", base_url=sim.base_url)
    with pytest.raises(PlatformRejected) as e:
        bad.catalogue()
    assert e.value.code == "bad_signature" and e.value.http_status == 401
    assert bad.status.offline and bad.status.current.reason == "credentials"


def test_stale_timestamp_is_rejected_with_the_server_time(sim):
    import time
    late = PlatformClient(settings(), "SIM-T1", base_url=sim.base_url, clock=lambda: time.time() - 3600)
    with pytest.raises(PlatformRejected) as e:
        late.applications_of(WANG)
    assert e.value.code == "stale_timestamp" and e.value.server_time


def test_reused_nonce_and_missing_headers_are_rejected(sim):
    url = sim.base_url + "/catalogue"
    path = "/kiosk/v1/catalogue"
    headers = sign_headers(SECRET, "SIM-T1", "GET", path, b"")
    assert requests.get(url, headers=headers, timeout=2).status_code == 200
    replay = requests.get(url, headers=headers, timeout=2)
    assert replay.status_code == 401 and replay.json()["error"]["code"] == "reused_nonce"
    bare = requests.get(url, timeout=2)
    assert bare.status_code == 401 and bare.json()["error"]["code"] == "missing_signature"
    bad_terminal = sign_headers(SECRET, "bad terminal!", "GET", path, b"")
    assert requests.get(url, headers=bad_terminal, timeout=2).json()["error"]["code"] == "unknown_terminal"


def test_body_swapped_after_signing_is_rejected(sim):
    path = "/kiosk/v1/applications/query"
    headers = sign_headers(SECRET, "SIM-T1", "POST", path, b'{"id_number":"1"}')
    r = requests.post(sim.base_url + "/applications/query", data=('{"id_number":"%s"}' % WANG).encode(),
                      headers=dict(headers, **{"Content-Type": "application/json"}), timeout=2)
    assert r.status_code == 401 and r.json()["error"]["code"] == "bad_signature"


# ---- faults ----------------------------------------------------------------------------------------

def test_latency_is_survived(sim, client):
    sim.set_fault("latency", "catalogue.get", seconds=0.2)
    assert client.catalogue().items


def test_hang_ends_at_the_read_timeout_without_retry_and_goes_offline(sim, client):
    sim.set_fault("hang", "applications.query")
    before = sim.request_count("applications.query")
    with pytest.raises(PlatformUnavailable) as e:
        client.applications_of(WANG)
    assert e.value.reason == "timeout" and e.value.message_key == "platform.unavailable"
    assert sim.request_count("applications.query") == before + 1
    assert client.status.offline
    sim.clear_faults()
    client.catalogue()
    assert client.status.online


def test_500_is_retried_for_idempotent_calls(sim, client):
    sim.set_fault("error500", "catalogue.get", times=2)
    before = sim.request_count("catalogue.get")
    assert client.catalogue().items
    assert sim.request_count("catalogue.get") == before + 3
    assert client.status.online


def test_500_everywhere_exhausts_retries(sim, client):
    sim.set_fault("error500")
    before = sim.request_count("rating_options.get")
    with pytest.raises(PlatformUnavailable) as e:
        client.rating_options()
    assert e.value.http_status == 500
    assert sim.request_count("rating_options.get") == before + 3


def test_500_on_a_heartbeat_is_not_retried(sim, client):
    sim.set_fault("error500", "heartbeats.submit")
    before = sim.request_count("heartbeats.submit")
    with pytest.raises(PlatformUnavailable):
        client.send_heartbeat(Heartbeat(app_version="1", uptime_s=1, checks=()))
    assert sim.request_count("heartbeats.submit") == before + 1


def test_rating_survives_a_500_and_is_recorded_once(sim, client):
    app_no = client.applications_of(BATEER)[0].application_no
    before = len(sim.ratings)
    sim.set_fault("error500", "ratings.submit", times=1)
    ack = client.submit_rating(rating(app_no, count=41, id_number=BATEER))
    assert ack.rating_id and len(sim.ratings) == before + 1


@pytest.mark.parametrize("kind, field", [("malformed", "<body>"), ("wrong_content_type", "<content-type>")])
def test_unusable_answers(sim, client, kind, field):
    client.catalogue()
    sim.set_fault(kind, "applications.query")
    with pytest.raises(InvalidResponse) as e:
        client.applications_of(WANG)
    assert e.value.field == field and e.value.message_key == "platform.invalid_response"
    assert client.status.online           # one bad answer says nothing about reachability


def test_401_fault_takes_the_terminal_offline_until_a_call_succeeds(sim, client):
    seen = []
    client.status.add_listener(lambda s: seen.append(s.state))
    sim.set_fault("unauthorized")
    with pytest.raises(PlatformRejected) as e:
        client.catalogue()
    assert e.value.code == "unauthorized" and e.value.http_status == 401
    sim.clear_faults()
    client.catalogue()
    assert seen == ["offline", "online"]


def test_nothing_listening_is_unavailable_after_retries():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = PlatformClient(settings(), "SIM-T1", base_url=f"http://127.0.0.1:{port}/kiosk/v1")
    with pytest.raises(PlatformUnavailable) as e:
        c.catalogue()
    assert e.value.reason == "connect" and c.status.offline


def test_set_fault_rejects_unknown_names(sim):
    with pytest.raises(ValueError):
        sim.set_fault("explode")
    with pytest.raises(ValueError):
        sim.set_fault("hang", "no.such.operation")


def test_probe_tells_a_wrong_clock_from_a_wrong_secret_from_no_platform(sim):
    import time
    from kiosk.platform.probe import probe
    ok = probe(PlatformClient(settings(), "SIM-T1", base_url=sim.base_url))
    assert ok.status == "ok" and ok.reachable and ok.credentials_ok and ok.latency_ms is not None
    skewed = probe(PlatformClient(settings(), "SIM-T1", base_url=sim.base_url, clock=lambda: time.time() + 600))
    assert skewed.status == "fault" and skewed.credentials_ok and skewed.skew_s < -590
    wrong = probe(PlatformClient(settings(secret="wrong-secret-123"), "SIM-T1", base_url=sim.base_url))
    assert wrong.status == "fault" and wrong.reachable and wrong.credentials_ok is False
    sim.set_fault("hang", "time.get")
    gone = probe(PlatformClient(settings(), "SIM-T1", base_url=sim.base_url))
    assert gone.status == "fault" and not gone.reachable


def test_stdin_commands_drive_the_same_faults(sim):
    from kiosk.sim.platform_console import run_command
    reply, keep = run_command(sim, "fault hang applications.get 2 1")
    assert keep and sim.faults()["applications.get"].kind == "hang"
    assert run_command(sim, "clear applications.get")[0] == "faults cleared" and not sim.faults()
    numbers, _ = run_command(sim, "numbers")
    assert "1506260000020002  王*芬  in_review overdue" in numbers
    assert WANG not in numbers
    assert run_command(sim, "quit") == ("bye", False)
