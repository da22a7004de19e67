"""Responses are validated field by field: a missing or mistyped field names itself."""
from __future__ import annotations

import copy
from datetime import date, datetime

import pytest
from hypothesis import given, settings, strategies as st

from kiosk.platform.errors import InvalidResponse
from kiosk.platform.models import (
    CHINA_TZ, LEVEL_NAMES, ApplicationStatus, Evaluator, Heartbeat, HealthCheck, RatingSubmission,
)
from kiosk.platform.parsing import (
    parse_application, parse_applications, parse_catalogue, parse_certificate_print_data, parse_rating_options,
)
from kiosk.platform.validation import Fields
from kiosk.services.ratings.domain import satisfaction_code
from kiosk.sim.platform_data import build_dataset

TODAY = date(2026, 11, 25)
DATA = build_dataset(TODAY)
WANG = "150626198507064026"


def app_doc(state: str = "in_review") -> dict:
    return copy.deepcopy(next(a for a in DATA.applications_by_holder[WANG] if a["status"] == state))


def test_application_parses_with_timeline_and_dates():
    app = parse_application(Fields(app_doc("completed")))
    assert app.status is ApplicationStatus.COMPLETED
    assert [e.status for e in app.timeline] == [ApplicationStatus.ACCEPTED, ApplicationStatus.IN_REVIEW,
                                                ApplicationStatus.DECIDED, ApplicationStatus.COMPLETED]
    assert app.timeline[0].at.utcoffset().total_seconds() == 8 * 3600
    assert app.certificate_id and app.finished_at is not None


def test_overdue_only_while_open_and_past_the_promised_date():
    app = parse_application(Fields(app_doc("in_review")))
    assert app.promised_date < TODAY
    assert app.is_overdue(TODAY) and app.days_overdue(TODAY) == (TODAY - app.promised_date).days
    assert not app.is_overdue(app.promised_date)
    done = parse_application(Fields(app_doc("completed")))
    assert not done.is_overdue(date(2099, 1, 1))


@pytest.mark.parametrize("mutate, field", [
    (lambda d: d.pop("status"), "application.status"),
    (lambda d: d.update(status="lost"), "application.status"),
    (lambda d: d.update(promised_date="25/11/2026"), "application.promised_date"),
    (lambda d: d.update(submitted_at="2026-11-20T09:00:00"), "application.submitted_at"),
    (lambda d: d["timeline"][1].pop("at"), "application.timeline[1].at"),
    (lambda d: d.update(timeline={}), "application.timeline"),
    (lambda d: d.update(item_name=42), "application.item_name"),
])
def test_bad_field_is_named(mutate, field):
    doc = app_doc()
    mutate(doc)
    with pytest.raises(InvalidResponse) as e:
        parse_application(Fields({"application": doc}, endpoint="applications.get").obj("application"))
    assert e.value.field == field
    assert e.value.message_key == "platform.invalid_response"


def test_body_that_is_not_an_object():
    with pytest.raises(InvalidResponse) as e:
        parse_applications(Fields([1, 2]))
    assert e.value.field == "<body>"


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_dropping_any_required_field_anywhere_is_reported_by_name(data):
    doc = {"applications": [app_doc("completed"), app_doc("returned")]}
    required = ["application_no", "item_code", "item_name", "department_code", "department_name",
                "applicant_name_masked", "status", "submitted_at", "timeline"]
    index = data.draw(st.integers(0, 1))
    name = data.draw(st.sampled_from(required))
    del doc["applications"][index][name]
    with pytest.raises(InvalidResponse) as e:
        parse_applications(Fields(doc))
    assert e.value.field == f"applications[{index}].{name}"


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.lists(st.integers()),
                 st.dictionaries(st.text(max_size=3), st.integers())))
def test_any_wrong_type_for_a_text_field_is_invalid_not_a_crash(value):
    doc = app_doc()
    doc["item_code"] = value
    with pytest.raises(InvalidResponse) as e:
        parse_application(Fields(doc))
    assert e.value.field == "item_code"


def test_catalogue_print_data_and_rating_options_from_the_simulator_data_parse():
    catalogue = parse_catalogue(Fields(DATA.catalogue))
    themes = {t.name: t for t in catalogue.themes}
    assert {"新生儿一件事", "身后一件事"} <= set(themes)
    assert all(catalogue.items_of_theme(t) and len(catalogue.items_of_theme(t)) == len(t.item_codes)
               for t in catalogue.themes)
    assert all(catalogue.department(i.department_code) for i in catalogue.items)
    print_data = parse_certificate_print_data(Fields(dict(next(iter(DATA.print_data_by_id.values())),
                                                          generated_at="2026-11-25T10:00:00+08:00")))
    assert print_data.verification_url.endswith(print_data.verification_code.replace("-", ""))
    options = parse_rating_options(Fields(DATA.rating_options))
    assert [lv.name for lv in options.levels] == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert options.level("不满意").bad and not options.level("满意").bad
    assert options.reasons_for("非常不满意")[0].code == "501"


def test_satisfaction_codes_follow_the_configured_direction():
    assert satisfaction_code("非常满意", "gbt39046") == "1"
    assert satisfaction_code("非常满意", "five_is_best") == "5"
    assert satisfaction_code("基本满意", "gbt39046") == satisfaction_code("基本满意", "five_is_best") == "3"
    reversed_options = build_dataset(TODAY, satisfaction_codes="five_is_best").rating_options
    assert reversed_options["levels"][0]["code"] == "5"


def rating(**kw) -> RatingSubmission:
    base = dict(idempotency_key="k-0001", application_no="1506260000020001", item_code="150626010001",
                level="非常不满意", code="5", channel="5", region_code="150626", terminal_id="T1",
                evaluator=Evaluator(name="王淑芬", id_number=WANG),
                rated_at=datetime(2026, 11, 25, 1, 2, 3, tzinfo=CHINA_TZ),
                reason_codes=("501", "502"))
    base.update(kw)
    return RatingSubmission(**base)


def test_rating_json_has_the_gbt39046_fields_and_formats():
    body = rating().to_json()
    assert body["rated_at"] == "20261125T010203"
    assert body["region_code"] == "150626000"
    assert body["reason_codes"] == ["501", "502"] and body["rating_count"] == 1
    assert body["evaluator"] == {"name": "王淑芬", "id_type": "111", "id_number": WANG, "user_type": 1}
    assert set(body) >= {"application_no", "item_code", "level", "code", "channel", "terminal_id", "anonymous"}


def test_evaluator_repr_hides_the_person():
    assert WANG not in repr(rating()) and "王淑芬" not in repr(rating())


def test_heartbeat_json():
    body = Heartbeat(app_version="0.1.0", uptime_s=12.34, checks=(HealthCheck("printer", "warning", "paper low"),),
                     paper="low", unsent_ratings=3).to_json("T1")
    assert body["unsent"] == {"ratings": 3, "help_requests": 0}
    assert body["checks"] == [{"name": "printer", "status": "warning", "detail": "paper low"}]
    assert datetime.fromisoformat(body["sent_at"]).tzinfo is not None


def test_cached_copies_round_trip():
    options = parse_rating_options(Fields(DATA.rating_options))
    assert parse_rating_options(Fields(options.to_json())) == options
    assert options.to_json() == DATA.rating_options
    catalogue = parse_catalogue(Fields(DATA.catalogue))
    assert parse_catalogue(Fields(catalogue.to_json())) == catalogue


def test_rating_options_carry_the_comment_phrases_per_level():
    options = parse_rating_options(Fields(DATA.rating_options))
    assert all(options.phrases_for(level) for level in LEVEL_NAMES)
    good = [p.text for p in options.phrases_for("非常满意")]
    assert "一次办好" in good and all(0 < len(t) <= 20 for t in good)
    assert options.phrases_for("非常不满意")[0].code == "P51"
    assert options.phrases_for("no such level") == ()


def test_rating_options_without_phrases_offer_none():
    # A platform (or a copy cached before phrases existed) that publishes no phrases: no comment step.
    doc = copy.deepcopy(DATA.rating_options)
    for level in doc["levels"]:
        del level["phrases"]
    options = parse_rating_options(Fields(doc))
    assert all(lv.phrases == () for lv in options.levels)
    assert options.reasons_for("非常不满意")[0].code == "501"
    assert parse_rating_options(Fields(options.to_json())) == options


@pytest.mark.parametrize("change, field", [
    (lambda lv: lv.update(phrases="一次办好"), "levels[1].phrases"),
    (lambda lv: lv.update(phrases={"code": "P21"}), "levels[1].phrases"),
    (lambda lv: lv["phrases"].__setitem__(0, "一次办好"), "levels[1].phrases[0]"),
    (lambda lv: lv["phrases"][1].update(text=7), "levels[1].phrases[1].text"),
    (lambda lv: lv["phrases"][1].pop("code"), "levels[1].phrases[1].code"),
])
def test_rating_options_with_wrong_phrases_name_the_field(change, field):
    doc = copy.deepcopy(DATA.rating_options)
    change(doc["levels"][1])
    with pytest.raises(InvalidResponse) as e:
        parse_rating_options(Fields(doc))
    assert e.value.field == field
