"""The contract's worked signing examples, checked against the client's signer, the client as it
sends, the simulator's verifier, the simulator over HTTP, and the signer written from the
contract's text alone (signing_auth.py)."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest
import requests
import yaml

from kiosk.config.platform import PlatformSettings
from kiosk.platform.client import PlatformClient
from kiosk.platform.signing import (
    NONCE_HEADER, SIGNATURE_HEADER, TERMINAL_HEADER, TIMESTAMP_HEADER, Verifier, canonical_string, sign_headers,
)
from kiosk.sim.contract_check import CONTRACT_PATH
from kiosk.sim.platform_sim import start_platform_simulator
from tests.contract.signing_auth import sign, string_to_sign

DOCUMENT = yaml.safe_load(CONTRACT_PATH.read_text(encoding="utf-8"))
EXAMPLES = DOCUMENT["info"]["x-signature-examples"]
IDS = [f"{e['method']} {e['target']}" for e in EXAMPLES]


def headers_of(example: dict) -> dict[str, str]:
    return {TERMINAL_HEADER: example["terminal"], TIMESTAMP_HEADER: example["timestamp"],
            NONCE_HEADER: example["nonce"], SIGNATURE_HEADER: example["signature"]}


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_the_example_is_self_consistent_and_in_the_text(example):
    body = example["body"].encode("utf-8")
    assert hashlib.sha256(body).hexdigest() == example["body_sha256"]
    assert example["string_to_sign"].split("\n") == [example["method"], example["target"], example["terminal"],
                                                     example["timestamp"], example["nonce"], example["body_sha256"]]
    assert sign(example["secret"], string_to_sign(example["method"], example["target"], example["terminal"],
                                                  example["timestamp"], example["nonce"], body)) == example["signature"]


def test_the_first_example_is_written_out_in_the_signature_section():
    text, example = DOCUMENT["info"]["description"], EXAMPLES[0]
    assert "\n".join("    " + line for line in example["string_to_sign"].split("\n")) in text
    for value in (example["secret"], example["terminal"], example["nonce"], example["body"], example["signature"]):
        assert value in text


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_the_clients_signer_gives_the_examples_signature(example):
    body = example["body"].encode("utf-8")
    assert canonical_string(example["method"], example["target"], example["terminal"], example["timestamp"],
                            example["nonce"], body) == example["string_to_sign"]
    assert sign_headers(example["secret"], example["terminal"], example["method"], example["target"], body,
                        now=int(example["timestamp"]), nonce=example["nonce"]) == headers_of(example)


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_the_simulators_verifier_accepts_the_example_and_nothing_changed(example):
    body = example["body"].encode("utf-8")
    clock = lambda: int(example["timestamp"])  # noqa: E731
    verifier = Verifier(lambda t: example["secret"] if t == example["terminal"] else None, clock=clock)
    assert verifier.verify(example["method"], example["target"], headers_of(example), body) == example["terminal"]
    fresh = Verifier(lambda t: example["secret"], clock=clock)
    for changed in (dict(headers_of(example), **{SIGNATURE_HEADER: example["signature"].upper()}),
                    dict(headers_of(example), **{TERMINAL_HEADER: "SIM-150626-02"})):
        with pytest.raises(Exception):
            fresh.verify(example["method"], example["target"], changed, body)
    with pytest.raises(Exception):
        fresh.verify(example["method"], example["target"] + "?", headers_of(example), body)


@pytest.fixture
def example_sim():
    """A simulator whose clock stands at the examples' time and which knows the example secret."""
    simulator = start_platform_simulator(EXAMPLES[0]["secret"], today=date(2026, 11, 25),
                                         clock=lambda: int(EXAMPLES[0]["timestamp"]))
    yield simulator
    simulator.stop()


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_the_simulator_answers_the_examples_bytes_once_and_refuses_the_replays(example_sim, example):
    url = example_sim.base_url.removesuffix("/kiosk/v1") + example["target"]
    content = {"Content-Type": "application/json"} if example["body"] else {}

    def send(headers):
        return requests.request(example["method"], url, data=example["body"].encode() or None, timeout=5,
                                headers=dict(headers, **content))
    assert send(headers_of(example)).status_code == 200
    again = send(headers_of(example))
    assert again.status_code == 401 and again.json()["error"]["code"] == "reused_nonce"
    elsewhere = send(dict(headers_of(example), **{TERMINAL_HEADER: "SIM-150626-02"}))
    assert elsewhere.status_code == 401 and elsewhere.json()["error"]["code"] == "bad_signature"


class RecordingSession(requests.Session):
    def __init__(self):
        super().__init__()
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request, **kwargs):
        self.sent.append(request)
        return super().send(request, **kwargs)


def test_the_client_sends_the_first_example_as_the_contract_signs_it(example_sim):
    example = EXAMPLES[0]
    session = RecordingSession()
    client = PlatformClient(PlatformSettings(secret=example["secret"], retries=0), example["terminal"],
                            base_url=example_sim.base_url, session=session, clock=lambda: int(example["timestamp"]))
    assert client.applications_of("150626198507064026")
    sent = session.sent[0]
    assert (sent.method, sent.path_url, sent.body) == (example["method"], example["target"], example["body"].encode())
    assert sent.headers[TERMINAL_HEADER] == example["terminal"]
    assert sent.headers[TIMESTAMP_HEADER] == example["timestamp"]
    nonce = sent.headers[NONCE_HEADER]                  # random, so the signature is recomputed with it
    assert sent.headers[SIGNATURE_HEADER] == sign(example["secret"], string_to_sign(
        example["method"], example["target"], example["terminal"], example["timestamp"], nonce, sent.body))
