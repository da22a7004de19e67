"""The online/offline state the home screen shows: flips on unavailability, clears on the next success."""
from __future__ import annotations

from kiosk.platform.errors import InvalidResponse, PlatformRejected, PlatformUnavailable
from kiosk.platform.status import PlatformStatus
from kiosk.threads import ManualDelivery


def test_starts_unknown_goes_offline_and_back_online_notifying_each_change_once():
    status = PlatformStatus()
    seen = []
    status.add_listener(lambda s: seen.append((s.state, s.reason)))
    assert status.current.state == "unknown"
    status.record_failure(PlatformUnavailable("timeout"))
    status.record_failure(PlatformUnavailable("timeout"))
    assert status.offline and status.current.message_key == "platform.offline_banner"
    status.record_success()
    status.record_success()
    assert status.online
    assert seen == [("offline", "timeout"), ("online", "")]


def test_credential_rejection_is_offline_but_a_request_rejection_or_bad_answer_is_not():
    status = PlatformStatus()
    status.record_success()
    status.record_failure(PlatformRejected("application_not_found"))
    status.record_failure(InvalidResponse("applications[0].status", "missing"))
    assert status.online
    status.record_failure(PlatformRejected("bad_signature"))
    assert status.offline and status.current.reason == "credentials"


def test_listeners_run_through_deliver_and_can_be_removed():
    delivery = ManualDelivery()
    status = PlatformStatus(deliver=delivery)
    seen = []
    remove = status.add_listener(lambda s: seen.append(s.state))
    status.record_failure(PlatformUnavailable("connect"))
    assert seen == []                      # not yet on the "UI thread"
    assert delivery.drain() == 1 and seen == ["offline"]
    remove()
    status.record_success()
    delivery.drain()
    assert seen == ["offline"]


def test_a_broken_listener_does_not_stop_the_others():
    status = PlatformStatus()
    seen = []
    status.add_listener(lambda s: 1 / 0)
    status.add_listener(lambda s: seen.append(s.state))
    status.record_failure(PlatformUnavailable("connect"))
    assert seen == ["offline"]
