"""Every platform outcome a citizen can meet has a text in Chinese and English."""
from __future__ import annotations

import pytest

from kiosk.i18n import load_language
from kiosk.platform.errors import CREDENTIAL_CODES, InvalidResponse, PlatformRejected, PlatformUnavailable
from kiosk.platform.models import ApplicationStatus

ZH = load_language("zh_CN")
EN = load_language("en")


def keys_of_outcomes() -> set[str]:
    keys = {PlatformUnavailable("connect").message_key, InvalidResponse("x", "y").message_key,
            "platform.offline_banner"}
    for code in ("application_not_found", "certificate_not_found", "not_holder", "duplicate_rating",
                 "idempotency_conflict", "invalid_request", "something_new", *CREDENTIAL_CODES):
        keys.add(PlatformRejected(code).message_key)
    keys |= {s.message_key for s in ApplicationStatus}
    return keys


@pytest.mark.parametrize("key", sorted(keys_of_outcomes()))
def test_key_exists_in_chinese_and_english(key):
    assert key in ZH and key in EN


def test_status_names_are_the_bureaus_terms():
    assert [ZH[s.message_key] for s in ApplicationStatus] == ["已受理", "审查中", "已决定", "已办结", "已退回", "不予受理"]


def test_unavailable_texts_name_every_fallback():
    for catalogue in (ZH, EN):
        for key in ("platform.offline_banner", "platform.unavailable"):
            text = catalogue[key].format(window="W", hotline="12345")
            assert "W" in text and "12345" in text
    assert "蒙速办" in ZH["platform.offline_banner"] and "Mengsuban" in EN["platform.offline_banner"]


def test_credential_rejections_tell_the_citizen_to_use_the_fallback():
    assert PlatformRejected("stale_timestamp").message_key == "platform.unavailable"
    assert PlatformRejected("stale_timestamp").is_credentials
    assert not PlatformRejected("application_not_found").is_credentials


def test_error_texts_hold_no_personal_data():
    err = PlatformUnavailable("timeout", "no answer within 8 s", http_status=None)
    assert "timeout" in str(err)
    assert InvalidResponse("applications[0].status", "missing", "applications.query").field == "applications[0].status"
