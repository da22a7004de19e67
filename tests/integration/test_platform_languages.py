"""The platform's texts per language (the contract's "Language of the platform's texts"): the
client asks in the citizen's language with Accept-Language, the simulator answers the
pseudo-locale x-mn-pseudo when asked for it first and its Chinese, labelled zh-CN, otherwise.
Real HTTP on 127.0.0.1."""
from __future__ import annotations

import json
from datetime import date
from typing import Iterator

import pytest
import requests

from kiosk.config.platform import PlatformSettings
from kiosk.i18n.vertical import has_mongolian
from kiosk.platform import PlatformClient, PlatformStatus
from kiosk.platform.client import accept_language
from kiosk.platform.signing import sign_headers
from kiosk.sim.platform_sim import PlatformSimulator, start_platform_simulator

SECRET = "languages-secret"
WANG = "150626198507064026"


@pytest.fixture(scope="module")
def sim() -> Iterator[PlatformSimulator]:
    simulator = start_platform_simulator(SECRET, today=date(2026, 11, 25))
    yield simulator
    simulator.stop()


def client_in(sim, language: str | None) -> PlatformClient:
    client = PlatformClient(PlatformSettings(secret=SECRET, retries=0), "SIM-T1", base_url=sim.base_url,
                            status=PlatformStatus())
    client.content_language = lambda: language
    return client


def raw_post(sim, path: str, body: dict, accept_language_header: str | None) -> requests.Response:
    payload = json.dumps(body).encode()
    headers = {"Content-Type": "application/json",
               **sign_headers(SECRET, "SIM-T1", "POST", "/kiosk/v1" + path, payload)}
    if accept_language_header is not None:
        headers["Accept-Language"] = accept_language_header
    return requests.post(sim.base_url + path, data=payload, headers=headers, timeout=5)


def test_each_ui_language_is_asked_for_first_with_chinese_after_it():
    assert accept_language("zh_CN") == "zh-CN"
    assert accept_language("en") == "en, zh-CN;q=0.5"
    assert accept_language("mn") == "mn-Mong-CN, zh-CN;q=0.5"
    assert accept_language("x-mn-pseudo") == "x-mn-pseudo, zh-CN;q=0.5"
    assert accept_language(None) is None and accept_language("fr") is None


def test_the_pseudo_locale_gets_the_platforms_texts_in_pseudo_form_and_nothing_else_changes(sim):
    chinese = client_in(sim, "zh_CN").applications_of(WANG)
    pseudo = client_in(sim, "x-mn-pseudo").applications_of(WANG)
    assert [a.application_no for a in pseudo] == [a.application_no for a in chinese]
    assert [a.status for a in pseudo] == [a.status for a in chinese]
    for mn, zh in zip(pseudo, chinese):
        assert has_mongolian(mn.item_name) and mn.item_name.startswith("[") and not has_mongolian(zh.item_name)
        assert has_mongolian(mn.department_name)
        assert mn.applicant_name_masked == zh.applicant_name_masked    # a person's name is never changed


def test_rating_levels_keep_their_names_and_the_reasons_change(sim):
    chinese = client_in(sim, None).rating_options()
    pseudo = client_in(sim, "x-mn-pseudo").rating_options()
    assert [lv.name for lv in pseudo.levels] == [lv.name for lv in chinese.levels]   # sent back in a submission
    reasons = [r for lv in pseudo.levels for r in lv.reasons]
    assert reasons and all(has_mongolian(r.text) for r in reasons)
    assert [r.code for r in reasons] == [r.code for lv in chinese.levels for r in lv.reasons]


def test_a_language_the_platform_lacks_gets_its_chinese_labelled_as_such(sim):
    english = client_in(sim, "en").applications_of(WANG)
    chinese = client_in(sim, "zh_CN").applications_of(WANG)
    assert [a.item_name for a in english] == [a.item_name for a in chinese]
    answer = raw_post(sim, "/applications/query", {"id_number": WANG}, "en, zh-CN;q=0.5")
    assert answer.status_code == 200 and answer.headers["Content-Language"] == "zh-CN"
    answer = raw_post(sim, "/applications/query", {"id_number": WANG}, "x-mn-pseudo, zh-CN;q=0.5")
    assert answer.headers["Content-Language"] == "x-mn-pseudo"
    assert raw_post(sim, "/applications/query", {"id_number": WANG}, None).headers["Content-Language"] == "zh-CN"
