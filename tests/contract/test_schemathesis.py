"""Property-based tests of the whole contract against the simulator on 127.0.0.1 (Schemathesis:
the examples, coverage and fuzzing phases, positive and negative data, every check), signed by an
auth hook written from the contract's signature section; and unsigned, where every operation
must refuse.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

schemathesis = pytest.importorskip("schemathesis")

from kiosk.sim.contract_check import CONTRACT_PATH  # noqa: E402
from kiosk.sim.platform_sim import start_platform_simulator  # noqa: E402
from tests.contract.signing_auth import ContractSigner  # noqa: E402

SECRET = "contract-test-secret"
TERMINAL = "SIM-150626-01"
CONFIG = schemathesis.Config.from_path(Path(__file__).with_name("schemathesis.toml"))
schema = schemathesis.openapi.from_path(CONTRACT_PATH, config=CONFIG)


@pytest.fixture(scope="module")
def sim():
    simulator = start_platform_simulator(SECRET, today=date(2026, 11, 25))
    yield simulator
    simulator.stop()


@schema.parametrize()
def test_signed_requests_keep_the_contract(case, sim, tally):
    tally.record("signed", case)
    case.call_and_validate(base_url=sim.base_url, auth=ContractSigner(SECRET, TERMINAL), timeout=10)


@schema.parametrize()
@settings(max_examples=25)      # each case only has to be refused; the signed run does the exploring
def test_unsigned_requests_are_refused(case, sim, tally):
    tally.record("unsigned", case)
    response = case.call(base_url=sim.base_url, timeout=10)
    if response.request.method == case.operation.method.upper():
        assert response.status_code in (401, 403), response.text
