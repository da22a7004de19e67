"""The rating flow's plain logic: level keys and faces, the evaluator from the card, the offer rule."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace

from kiosk.i18n import load_language
from kiosk.platform.models import LEVEL_NAMES
from kiosk.screens.rating_flow import LEVEL_KEYS, LEVEL_MOODS, RatingChoice, evaluator_of, offer_due
from kiosk.session import CitizenSession


def test_each_level_shows_its_fixed_name_and_a_face_from_smile_to_frown():
    chinese = load_language("zh_CN")
    assert [chinese[LEVEL_KEYS[level]] for level in LEVEL_NAMES] == list(LEVEL_NAMES)
    assert [LEVEL_MOODS[level] for level in LEVEL_NAMES] == [2, 1, 0, -1, -2]


def test_only_the_two_bad_levels_need_reasons():
    assert [RatingChoice(level).bad for level in LEVEL_NAMES] == [False, False, False, True, True]


def test_the_evaluator_comes_from_the_card_with_its_certificate_type():
    resident = SimpleNamespace(card_type="resident", name="巴特尔", english_name=None, id_number="150626195803123015")
    foreign = SimpleNamespace(card_type="foreign_permanent", name="", english_name="SMITH JOHN",
                              id_number="USA150675061001")
    assert (evaluator_of(resident).id_type, evaluator_of(resident).name) == ("111", "巴特尔")
    assert (evaluator_of(foreign).id_type, evaluator_of(foreign).name) == ("553", "SMITH JOHN")
    assert "150626" not in repr(evaluator_of(resident))


@dataclass
class FakeRatings:
    rated: set = field(default_factory=set)

    def already_rated(self, application_no, id_number):
        return object() if (application_no, id_number) in self.rated else None


def app_with(ratings, **session_values):
    session = CitizenSession()
    for key, value in session_values.items():
        setattr(session, key, value)
    return SimpleNamespace(services=SimpleNamespace(session=session, ratings=ratings))


def test_a_rating_is_offered_only_for_an_application_not_yet_rated_or_declined():
    application = SimpleNamespace(application_no="1506260000010001")
    card = SimpleNamespace(id_number="150626195803123015")
    ratings = FakeRatings()
    assert offer_due(app_with(ratings, application=application, identity=card))
    assert offer_due(app_with(ratings, application=application))             # typed number: card asked later
    assert not offer_due(app_with(ratings))                                  # nothing was handled
    assert not offer_due(app_with(None, application=application))            # no rating service
    assert not offer_due(app_with(ratings, application=application, rating_declined=True))
    stored = SimpleNamespace(application_no="1506260000010001", rated_at=datetime.now())
    assert not offer_due(app_with(ratings, application=application, rating_stored=stored))
    ratings.rated.add(("1506260000010001", card.id_number))
    assert not offer_due(app_with(ratings, application=application, identity=card))
