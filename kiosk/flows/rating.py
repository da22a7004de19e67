"""好差评: what the rating flow decides, as plain functions of the session and the rating service.

The session carries the flow (kiosk/session.py): rating_target (the 办件 rated), rating_choice
(level, reasons and comment phrases so far), rating_stored (the rating once durable: the thanks
screen shows) and rating_declined (不用了 to the offer at the end of a flow). `ratings` below is
services.ratings: the RatingService, or None when it is not running. The screens only show
what these return and go where they say.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from ..services.ratings import Evaluator, PreviousRating, Rating, RatingChoice, RatingTarget
from ..services.ratings.domain import COMMENT_SEPARATOR, LEVELS, id_type_of
from ..session import CitizenSession

if TYPE_CHECKING:
    from ..config.terminal import TerminalSettings
    from ..devices.idcard.card import IdentityCard
    from ..services.documents import RatingSlip
    from ..platform.models import Application, RatingOptions, RatingPhrase, RatingReason
    from ..services.ratings import RatingService

# Message keys of the five levels, best first (the names are the fixed terms of the rating rules).
LEVEL_KEYS = dict(zip(LEVELS, ("rating.level.very_satisfied", "rating.level.satisfied",
                               "rating.level.basically_satisfied", "rating.level.dissatisfied",
                               "rating.level.very_dissatisfied")))
# How the face on each level's button looks: 2 a broad smile .. -2 a deep frown.
LEVEL_MOODS = dict(zip(LEVELS, (2, 1, 0, -1, -2)))


# ---- who rates what ------------------------------------------------------------------------------

def target_of(application: Application) -> RatingTarget:
    """The 办件 to rate, from the platform's application."""
    return RatingTarget(application_no=application.application_no, item_code=application.item_code,
                        department_code=application.department_code, item_name=application.item_name)


def evaluator_of(card: IdentityCard) -> Evaluator:
    """评价人 from the ID card read at the terminal (ratings are real-name)."""
    return Evaluator(name=card.name or card.english_name or "", id_number=card.id_number or "",
                     id_type=id_type_of(getattr(card, "card_type", "resident")))


def begin(session: CitizenSession, application: Application | None = None) -> None:
    """A fresh rating of `application` (or of the session's rating_target): nothing chosen yet."""
    if application is not None:
        session.rating_target = target_of(application)
    session.rating_choice = None
    session.rating_stored = None


def needs_identity(session: CitizenSession) -> bool:
    """Ratings are real-name: the ID card comes first when nobody is identified yet."""
    return session.identity is None


def previous_rating(session: CitizenSession, ratings: RatingService | None,
                    application_no: str | None = None) -> PreviousRating | None:
    """This person's earlier rating that stops another one of `application_no` (default: the
    rating_target's), None when they may rate it now or nobody is identified."""
    card = session.identity
    number = application_no or (session.rating_target.application_no if session.rating_target else None)
    if ratings is None or card is None or number is None:
        return None
    return ratings.already_rated(number, evaluator_of(card).id_number)


def offer_due(session: CitizenSession, ratings: RatingService | None) -> bool:
    """At the end of a flow: offer a rating of the session's application? Only when there is one,
    the rating service runs, the citizen neither rated it nor declined, and (when identified) has
    not rated it before."""
    application = session.application
    if ratings is None or application is None or session.rating_declined:
        return False
    stored = session.rating_stored
    if stored is not None and stored.application_no == application.application_no:
        return False
    card = session.identity
    if card is not None and card.id_number:
        try:
            return ratings.already_rated(application.application_no, card.id_number) is None
        except Exception:   # a store in trouble: no offer rather than a rating that cannot be kept
            return False
    return True


# ---- the choices, and where each leads ------------------------------------------------------------

def options_of(ratings: RatingService | None) -> RatingOptions | None:
    """The platform's rating options as last cached (None: never fetched, or no service)."""
    return ratings.options() if ratings is not None else None


def reasons_for(options: RatingOptions | None, level: str) -> tuple[RatingReason, ...]:
    return options.reasons_for(level) if options is not None else ()


def phrases_for(options: RatingOptions | None, level: str) -> tuple[RatingPhrase, ...]:
    """The comment phrases offered for `level` (none: no comment step)."""
    return options.phrases_for(level) if options is not None else ()


def reason_texts(options: RatingOptions | None, choice: RatingChoice) -> list[str]:
    """The chosen reasons as the platform words them (the code itself if the options are gone)."""
    texts = {r.code: r.text for r in reasons_for(options, choice.level)}
    return [texts.get(code, code) for code in choice.reasons]


def choose_level(session: CitizenSession, level: str) -> RatingChoice:
    choice = RatingChoice(level)
    session.rating_choice = choice
    return choice


def next_step_after_level(options: RatingOptions | None, choice: RatingChoice) -> str:
    """A bad level asks for reasons first."""
    return "rating_reasons" if choice.bad else next_step_after_reasons(options, choice)


def next_step_after_reasons(options: RatingOptions | None, choice: RatingChoice) -> str:
    """The optional comment when the level has phrases to offer, else the confirmation."""
    return "rating_comment" if phrases_for(options, choice.level) else "rating_confirm"


def step_back_from_comment(choice: RatingChoice | None) -> str:
    return "rating_reasons" if choice is not None and choice.bad else "rating_levels"


def step_back_from_confirm(options: RatingOptions | None, choice: RatingChoice | None) -> str:
    if choice is not None and phrases_for(options, choice.level):
        return "rating_comment"
    return step_back_from_comment(choice)


def choose_reasons(choice: RatingChoice, codes: Iterable[str]) -> bool:
    """Keeps the chosen reason codes; False (nothing kept) when none is chosen."""
    chosen = list(codes)
    if not chosen:
        return False
    choice.reasons = chosen
    return True


def choose_phrases(choice: RatingChoice, phrases: Iterable[tuple[str, str]]) -> None:
    """Keeps the chosen (code, text) phrases; their texts joined are the 文字评价."""
    chosen = list(phrases)
    choice.phrases = [code for code, _ in chosen]
    choice.comment = COMMENT_SEPARATOR.join(text for _, text in chosen)


def rating_of(session: CitizenSession) -> Rating | None:
    """The rating to store, from the session: None when the 办件, the choice or the card is missing."""
    target, choice, card = session.rating_target, session.rating_choice, session.identity
    if target is None or choice is None or card is None:
        return None
    return Rating(application_no=target.application_no, level=choice.level, evaluator=evaluator_of(card),
                  item_code=target.item_code, department_code=target.department_code,
                  reason_codes=tuple(choice.reasons), comment=choice.comment, service_name=target.item_name)


def slip_of(session: CitizenSession, ratings: RatingService | None, terminal: TerminalSettings) -> RatingSlip | None:
    """The 评价凭条 of the rating just stored, or None when there is none to print."""
    from ..services.documents import rating_slip   # the print layouts load on the first print

    stored, target, choice = session.rating_stored, session.rating_target, session.rating_choice
    if stored is None or target is None:
        return None
    reasons = reason_texts(options_of(ratings), choice) if choice else []
    return rating_slip(stored, target.item_name, terminal, reasons, choice.comment if choice else "")


def format_time(moment: datetime) -> str:
    """When an earlier rating was made, as the citizen is told it."""
    return moment.strftime("%Y-%m-%d %H:%M")
