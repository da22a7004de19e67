"""The rating flow's plain logic (kiosk/flows/rating.py) with a real session and a real rating
service over an SQLite file: level keys and faces, the evaluator from the card, the offer rule,
where each choice leads."""
from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from kiosk.flows import rating
from kiosk.flows.rating import LEVEL_KEYS, LEVEL_MOODS, evaluator_of, offer_due
from kiosk.i18n import load_language
from kiosk.platform.parsing import parse_rating_options
from kiosk.platform.validation import Fields
from kiosk.services.ratings import Evaluator, Rating, RatingChoice, RatingTarget, open_rating_service
from kiosk.services.ratings.domain import LEVELS
from kiosk.session import CitizenSession
from kiosk.sim.platform_data import build_dataset


def test_each_level_shows_its_fixed_name_and_a_face_from_smile_to_frown():
    chinese = load_language("zh_CN")
    assert [chinese[LEVEL_KEYS[level]] for level in LEVELS] == list(LEVELS)
    assert [LEVEL_MOODS[level] for level in LEVELS] == [2, 1, 0, -1, -2]


def test_only_the_two_bad_levels_need_reasons():
    assert [RatingChoice(level).bad for level in LEVELS] == [False, False, False, True, True]


def test_the_evaluator_comes_from_the_card_with_its_certificate_type():
    resident = SimpleNamespace(card_type="resident", name="巴特尔", english_name=None, id_number="150626195803123015")
    foreign = SimpleNamespace(card_type="foreign_permanent", name="", english_name="SMITH JOHN",
                              id_number="USA150675061001")
    assert (evaluator_of(resident).id_type, evaluator_of(resident).name) == ("111", "巴特尔")
    assert (evaluator_of(foreign).id_type, evaluator_of(foreign).name) == ("553", "SMITH JOHN")
    assert "150626" not in repr(evaluator_of(resident))


@pytest.fixture
def ratings(default_config):
    service = open_rating_service(default_config, None)
    yield service
    service.close()


def session_with(**values) -> CitizenSession:
    session = CitizenSession()
    for key, value in values.items():
        setattr(session, key, value)
    return session


def test_a_rating_is_offered_only_for_an_application_not_yet_rated_or_declined(ratings):
    application = SimpleNamespace(application_no="1506260000010001")
    card = SimpleNamespace(id_number="150626195803123015")
    assert offer_due(session_with(application=application, identity=card), ratings)
    assert offer_due(session_with(application=application), ratings)      # typed number: card asked later
    assert not offer_due(session_with(), ratings)                         # nothing was handled
    assert not offer_due(session_with(application=application), None)     # no rating service
    assert not offer_due(session_with(application=application, rating_declined=True), ratings)
    stored = SimpleNamespace(application_no="1506260000010001", rated_at=datetime.now())
    assert not offer_due(session_with(application=application, rating_stored=stored), ratings)
    ratings.store(Rating("1506260000010001", "满意", Evaluator(name="巴特尔", id_number=card.id_number),
                         item_code="X"))
    assert not offer_due(session_with(application=application, identity=card), ratings)


OPTIONS = parse_rating_options(Fields(build_dataset(date(2026, 11, 25)).rating_options))
NO_PHRASES = parse_rating_options(Fields({**OPTIONS.to_json(), "levels": [
    {k: v for k, v in level.items() if k != "phrases"} for level in OPTIONS.to_json()["levels"]]}))


def test_a_bad_level_asks_for_reasons_then_the_comment_only_when_phrases_are_offered():
    bad, good = RatingChoice("不满意"), RatingChoice("满意")
    assert rating.next_step_after_level(OPTIONS, bad) == "rating_reasons"
    assert rating.next_step_after_level(OPTIONS, good) == "rating_comment"
    assert rating.next_step_after_level(NO_PHRASES, good) == "rating_confirm"
    assert rating.next_step_after_level(None, good) == "rating_confirm"        # options never fetched
    assert rating.next_step_after_reasons(OPTIONS, bad) == "rating_comment"
    assert rating.next_step_after_reasons(NO_PHRASES, bad) == "rating_confirm"


def test_going_back_retraces_the_steps_taken():
    bad, good = RatingChoice("非常不满意"), RatingChoice("非常满意")
    assert rating.step_back_from_confirm(OPTIONS, bad) == "rating_comment"
    assert rating.step_back_from_confirm(NO_PHRASES, bad) == "rating_reasons"
    assert rating.step_back_from_confirm(NO_PHRASES, good) == "rating_levels"
    assert rating.step_back_from_comment(bad) == "rating_reasons"
    assert rating.step_back_from_comment(good) == rating.step_back_from_comment(None) == "rating_levels"


def test_chosen_reasons_and_phrases_are_kept_on_the_choice():
    choice = RatingChoice("不满意")
    assert not rating.choose_reasons(choice, []) and choice.reasons == []
    assert rating.choose_reasons(choice, ["401", "402"]) and choice.reasons == ["401", "402"]
    assert rating.reason_texts(OPTIONS, choice) == [r.text for r in OPTIONS.reasons_for("不满意")[:2]]
    assert rating.reason_texts(None, choice) == ["401", "402"]                # the codes when options are gone
    rating.choose_phrases(choice, [("P41", "等待时间长"), ("P42", "材料要求不清楚")])
    assert choice.phrases == ["P41", "P42"] and choice.comment == "等待时间长；材料要求不清楚"
    rating.choose_phrases(choice, [])
    assert choice.phrases == [] and choice.comment == ""


def test_the_rating_to_store_comes_from_the_session_only_when_everything_is_there():
    card = SimpleNamespace(card_type="resident", name="巴特尔", english_name=None, id_number="150626195803123015")
    session = session_with(identity=card)
    assert rating.rating_of(session) is None
    session.rating_target = RatingTarget("1506260000010001", item_code="I1", department_code="D1", item_name="办件")
    rating.choose_level(session, "不满意")
    rating.choose_reasons(session.rating_choice, ["401"])
    made = rating.rating_of(session)
    assert (made.application_no, made.level, made.reason_codes, made.item_code, made.service_name) == \
        ("1506260000010001", "不满意", ("401",), "I1", "办件")
    assert made.evaluator.id_number == card.id_number
    session.identity = None
    assert rating.rating_of(session) is None


def test_beginning_a_rating_forgets_an_earlier_choice_and_asks_for_the_card_when_needed():
    application = SimpleNamespace(application_no="1506260000010001", item_code="I1", department_code="D1",
                                  item_name="营业执照")
    session = session_with(rating_choice=RatingChoice("满意"))
    rating.begin(session, application)
    assert session.rating_target == RatingTarget("1506260000010001", "I1", "D1", "营业执照")
    assert session.rating_choice is None and rating.needs_identity(session)
    session.identity = SimpleNamespace(id_number="150626195803123015")
    assert not rating.needs_identity(session)


def test_an_earlier_rating_by_this_person_is_found_for_the_target_or_a_listed_application(ratings):
    card = SimpleNamespace(card_type="resident", name="巴特尔", english_name=None, id_number="150626195803123015")
    session = session_with(identity=card, rating_target=RatingTarget("1506260000010001"))
    assert rating.previous_rating(session, ratings) is None
    ratings.store(Rating("1506260000010001", "满意", evaluator_of(card), item_code="X"))
    assert rating.previous_rating(session, ratings).rating_count == 1
    assert rating.previous_rating(session, ratings, "1506260000010002") is None
    assert rating.previous_rating(session, None) is None
    assert rating.previous_rating(session_with(rating_target=RatingTarget("1506260000010001")), ratings) is None



def test_the_rating_slip_is_built_from_the_stored_rating_with_the_platforms_reason_words():
    from kiosk.config.terminal import TerminalSettings
    from kiosk.services.ratings import StoredRating

    session = CitizenSession()
    terminal = TerminalSettings(terminal_id="T1", region_code="150626", hall_name="乌审旗政务服务中心",
                                mobile_app_url="https://m.example.invalid/")
    ratings = SimpleNamespace(options=lambda: OPTIONS)            # the options the platform published
    assert rating.slip_of(session, ratings, terminal) is None      # nothing stored yet
    reason = rating.reasons_for(OPTIONS, "不满意")[0]
    session.rating_target = RatingTarget(application_no="1506260000010001", item_name="不动产登记")
    session.rating_choice = RatingChoice(level="不满意", reasons=[reason.code], comment="态度好")
    session.rating_stored = StoredRating(key="k", application_no="1506260000010001", level="不满意", code="4",
                                         rated_at=datetime(2026, 11, 25, 10, 7), rating_count=1, state="pending")
    slip = rating.slip_of(session, ratings, terminal)
    assert (slip.application_no, slip.service_name, slip.level_text) == ("1506260000010001", "不动产登记", "不满意")
    assert slip.reasons_text == reason.text and slip.comment == "态度好" and slip.terminal_id == "T1"
