"""好差评 flow logic shared by the rating screens, the application detail and the app's
finish_flow: what is rated, by whom, and whether to offer a rating. No widgets here.

Session keys of the flow:
    rating_target    RatingTarget: the 办件 being rated
    rating_choice    RatingChoice: the level, reasons and comment phrases chosen so far
    rating_stored    StoredRating: the rating once durable (the thanks screen shows)
    rating_declined  True: the citizen said 不用了 to the offer at the end of a flow
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..platform.models import BAD_LEVELS, LEVEL_NAMES, Evaluator

# Message keys of the five levels, best first (the names are the fixed terms of the rating rules).
LEVEL_KEYS = dict(zip(LEVEL_NAMES, ("rating.level.very_satisfied", "rating.level.satisfied",
                                    "rating.level.basically_satisfied", "rating.level.dissatisfied",
                                    "rating.level.very_dissatisfied")))
# How the face on each button looks: 2 a broad smile .. -2 a deep frown.
LEVEL_MOODS = dict(zip(LEVEL_NAMES, (2, 1, 0, -1, -2)))
# 证件类型代码 by the card read: 111 居民身份证, 553 外国人永久居留身份证. A 港澳台居民居住证 carries an
# 18-digit citizen-style number and is sent as 111 until the region's platform says otherwise.
ID_TYPES = {"resident": "111", "hmt_residence": "111", "foreign_permanent": "553",
            "foreign_permanent_2023": "553"}


@dataclass(frozen=True)
class RatingTarget:
    application_no: str
    item_code: str | None = None        # None: typed while offline; looked up before upload
    department_code: str | None = None
    item_name: str = ""


# The chosen phrases' texts are joined into one 文字评价 with this (the contract says so too).
COMMENT_SEPARATOR = "；"


@dataclass
class RatingChoice:
    level: str
    reasons: list[str] = field(default_factory=list)     # reason codes
    phrases: list[str] = field(default_factory=list)     # comment phrase codes (kept to go back and change)
    comment: str = ""                                    # 文字评价: the chosen phrases' texts, joined

    @property
    def bad(self) -> bool:
        return self.level in BAD_LEVELS


def phrases_for(app, level: str) -> tuple:
    """The comment phrases the cached rating options offer for `level` (none: no comment step)."""
    service = rating_service(app)
    options = service.options() if service is not None else None
    return options.phrases_for(level) if options is not None else ()


def reason_texts(app, choice: RatingChoice) -> list[str]:
    """The chosen reasons as the platform words them (the code itself if the options are gone)."""
    service = rating_service(app)
    options = service.options() if service is not None else None
    texts = {r.code: r.text for r in options.reasons_for(choice.level)} if options is not None else {}
    return [texts.get(code, code) for code in choice.reasons]


def after_reasons(app, choice: RatingChoice) -> str:
    """Where the flow goes once the level (and, for a bad one, the reasons) is chosen."""
    return "rating_comment" if phrases_for(app, choice.level) else "rating_confirm"


def target_of(application) -> RatingTarget:
    """From a kiosk.platform.models.Application."""
    return RatingTarget(application_no=application.application_no, item_code=application.item_code,
                        department_code=application.department_code, item_name=application.item_name)


def evaluator_of(card) -> Evaluator:
    """评价人 from the ID card read at the terminal (ratings are real-name)."""
    return Evaluator(name=card.name or card.english_name or "", id_number=card.id_number or "",
                     id_type=ID_TYPES.get(getattr(card, "card_type", "resident"), "111"))


def rating_service(app):
    return app.services.ratings


def begin_rating(app, application=None) -> None:
    """Starts rating `application` (or the session's rating_target): the levels screen, after the
    ID card when nobody is identified yet."""
    session = app.services.session
    if application is not None:
        session.rating_target = target_of(application)
    session.rating_choice = None
    session.rating_stored = None
    if session.identity is None:
        app.identify("flow.rating.title", "rating_levels")
    else:
        app.go("rating_levels")


def offer_due(app) -> bool:
    """finish_flow asks: offer a rating of the session's application? Only when there is one, the
    rating service runs, the citizen neither rated it nor declined, and (when identified) has not
    rated it before."""
    session = app.services.session
    service = rating_service(app)
    application = session.application
    if service is None or application is None or session.rating_declined:
        return False
    stored = session.rating_stored
    if stored is not None and stored.application_no == application.application_no:
        return False
    card = session.identity
    if card is not None and card.id_number:
        try:
            return service.already_rated(application.application_no, card.id_number) is None
        except Exception:
            return False
    return True


def previous_text(app, previous) -> str:
    """"该办件您已于2026-11-25 10:07评价" or, when only the platform knows, without the time."""
    if previous.rated_at is None:
        return app.t("rating.already_rated_platform")
    return app.t("rating.already_rated", time=format_time(previous.rated_at))


def format_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")
