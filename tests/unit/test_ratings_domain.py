"""The rating as the terminal understands it (kiosk/services/ratings/domain.py) and its mapping to
the platform's request body."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kiosk.platform.models import CHINA_TZ, LEVEL_NAMES
from kiosk.services.ratings import Evaluator, Rating
from kiosk.services.ratings.domain import BAD_LEVELS, LEVELS, broken_rule, id_type_of, may_rate, satisfaction_code
from kiosk.services.ratings.records import RecordedRating
from kiosk.services.ratings.uploader import submission_of

yaml = pytest.importorskip("yaml")
SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "kiosk/platform/openapi.yaml").read_text("utf-8"))
WANG = Evaluator(name="王淑芬", id_number="150626198507064026")


def test_the_levels_are_the_five_the_contract_allows_best_first():
    schemas = SPEC["components"]["schemas"]
    options_enum = schemas["RatingOptions"]["properties"]["levels"]["items"]["properties"]["name"]["enum"]
    submission_enum = schemas["RatingSubmission"]["properties"]["level"]["enum"]
    assert list(LEVELS) == list(LEVEL_NAMES) == options_enum == submission_enum
    assert BAD_LEVELS == set(LEVELS[3:])


def test_codes_in_either_direction_and_the_id_type_by_card():
    assert [satisfaction_code(level, "gbt39046") for level in LEVELS] == ["1", "2", "3", "4", "5"]
    assert [satisfaction_code(level, "five_is_best") for level in LEVELS] == ["5", "4", "3", "2", "1"]
    assert [id_type_of(t) for t in ("resident", "hmt_residence", "foreign_permanent", "foreign_permanent_2023",
                                    "unknown")] == ["111", "111", "553", "553", "111"]


@pytest.mark.parametrize("rating, offered, broken", [
    (Rating("1", "满意", WANG), None, None),
    (Rating("1", "很好", WANG), None, "unknown level"),
    (Rating("", "满意", WANG), None, "办件编号"),
    (Rating("1" * 51, "满意", WANG), None, "办件编号"),
    (Rating("1", "不满意", WANG), None, "needs at least one reason"),
    (Rating("1", "不满意", WANG, reason_codes=("401",)), None, None),
    (Rating("1", "不满意", WANG, reason_codes=("401",)), frozenset({"401", "402"}), None),
    (Rating("1", "不满意", WANG, reason_codes=("999",)), frozenset({"401", "402"}), "not offered"),
    (Rating("1", "满意", Evaluator(name="", id_number="150626198507064026")), None, "real-name"),
    (Rating("1", "满意", Evaluator(name="王淑芬", id_number="")), None, "real-name"),
])
def test_each_rule_a_rating_keeps(rating, offered, broken):
    found = broken_rule(rating, offered)
    assert found is None if broken is None else broken in found


def test_one_rating_per_person_and_application_unless_the_region_numbers_them():
    assert may_rate(0, 1) and not may_rate(1, 1)
    assert may_rate(1, 2) and not may_rate(2, 2)


def test_neither_the_evaluator_nor_a_rating_shows_the_person():
    assert "王淑芬" not in repr(WANG) and WANG.id_number not in repr(WANG)
    assert WANG.id_number not in repr(Rating("1", "满意", WANG))


def recorded(**rating) -> RecordedRating:
    base = dict(application_no="1506260000020001", level="非常不满意", evaluator=WANG, item_code="150626010001",
                department_code="SCJG", reason_codes=("501", "502"), comment="等待时间长", service_name="个体工商户设立登记")
    base.update(rating)
    return RecordedRating(key="k-0001", rating=Rating(**base), code="5", channel="5", region_code="150626",
                          terminal_id="T1", rated_at=datetime(2026, 11, 25, 1, 2, 3, tzinfo=CHINA_TZ),
                          rating_count=2, options_version="v1")


def test_a_recorded_rating_becomes_the_request_body_with_every_field():
    body = submission_of(recorded()).to_json()
    assert body == {
        "idempotency_key": "k-0001", "application_no": "1506260000020001", "item_code": "150626010001",
        "level": "非常不满意", "code": "5", "reason_codes": ["501", "502"], "comment": "等待时间长", "channel": "5",
        "region_code": "150626000", "terminal_id": "T1",
        "evaluator": {"name": "王淑芬", "id_type": "111", "id_number": WANG.id_number, "user_type": 1},
        "rated_at": "20261125T010203", "rating_count": 2, "anonymous": False, "department_code": "SCJG",
        "options_version": "v1"}


def test_an_item_looked_up_later_keeps_a_department_already_known():
    typed = recorded(item_code=None, department_code=None)
    assert typed.with_item("I9", "D9").rating.item_code == "I9"
    assert typed.with_item("I9", "D9").rating.department_code == "D9"
    assert recorded(item_code=None).with_item("I9", "D9").rating.department_code == "SCJG"
