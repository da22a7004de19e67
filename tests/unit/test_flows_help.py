"""求助/帮您办: one call for staff per session, the same request when sent again."""
from __future__ import annotations

import pytest

from kiosk.flows import help as help_flow
from kiosk.session import CitizenSession
from tests.unit.flow_data import services


def test_one_request_per_session_and_a_new_one_after_the_session_ends(default_config):
    session, terminal = CitizenSession(), default_config.terminal
    first = help_flow.help_request(session, terminal)
    assert (first.kind, first.region_code) == ("call_staff", terminal.region_code)
    assert help_flow.help_request(session, terminal) is first        # a resend is the same request_id
    session.wipe()
    assert help_flow.help_request(session, terminal).request_id != first.request_id


@pytest.fixture
def bundle(default_config):
    s = services(default_config)
    yield s
    s.work.shutdown()


def test_without_the_platform_nothing_is_sent_or_kept(bundle):
    answers = []
    assert not help_flow.call_staff(bundle, answers.append, answers.append)
    assert answers == [] and bundle.session.help_request is None
