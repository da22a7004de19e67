"""Confirm the rating. 提交评价 stores it durably (an fsync, off the UI thread); the thanks screen
appears only once the store has returned, so a rating thanked for is never lost."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..services.ratings import AlreadyRated, Rating
from .rating_flow import LEVEL_KEYS, evaluator_of, phrases_for, previous_text, rating_service, reason_texts
from .widgets import KioskScreen

STORE_TIMEOUT_S = 15.0   # an fsync on a healthy disk takes milliseconds; this is a disk in trouble


class RatingConfirmScreen(KioskScreen):
    number_text = StringProperty("")
    item_name = StringProperty("")
    level_text = StringProperty("")
    reasons_text = StringProperty("")
    comment_text = StringProperty("")
    message = StringProperty("")
    busy = BooleanProperty(False)

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        session = app.services.session
        target, choice = session.rating_target, session.rating_choice
        self.message, self.busy = "", False
        if target is None or choice is None:
            return
        self.number_text = app.t("rating.number", number=target.application_no)
        self.item_name = target.item_name
        self.level_text = app.t("rating.your_level", level=app.t(LEVEL_KEYS[choice.level]))
        self.reasons_text = app.t("rating.reasons", reasons="、".join(reason_texts(app, choice))) \
            if choice.reasons else ""
        self.comment_text = app.t("rating.comment", comment=choice.comment) if choice.comment else ""

    def on_enter(self, *_args) -> None:
        session = App.get_running_app().services.session
        if session.rating_target is None or session.rating_choice is None:
            App.get_running_app().go_home()

    def back(self) -> None:
        app = App.get_running_app()
        choice = app.services.session.rating_choice
        if choice is not None and phrases_for(app, choice.level):
            app.go("rating_comment")
        else:
            app.go("rating_reasons" if choice is not None and choice.bad else "rating_levels")

    def submit(self) -> None:
        if self.busy:
            return
        app = App.get_running_app()
        session = app.services.session
        target, choice, card = session.rating_target, session.rating_choice, session.identity
        service = rating_service(app)
        if target is None or choice is None or card is None:
            app.go_home()
            return
        if service is None:
            self._failed(RuntimeError("rating service not started"))
            return
        rating = Rating(application_no=target.application_no, level=choice.level, evaluator=evaluator_of(card),
                        item_code=target.item_code, department_code=target.department_code,
                        reason_codes=tuple(choice.reasons), comment=choice.comment,
                        service_name=target.item_name)
        self.busy = True
        self.message = ""
        app.services.work.submit(lambda job: service.store(rating), name="store rating", timeout=STORE_TIMEOUT_S,
                                 on_result=self._stored, on_error=self._failed)

    def _stored(self, stored) -> None:
        app = App.get_running_app()
        self.busy = False
        app.services.session.rating_stored = stored
        app.go("rating_thanks")

    def _failed(self, error: BaseException) -> None:
        app = App.get_running_app()
        self.busy = False
        if isinstance(error, AlreadyRated):
            self.message = previous_text(app, error.previous)
            return
        self.message = app.t("rating.store_failed")

    def reset(self) -> None:
        self.number_text = self.item_name = self.level_text = self.reasons_text = self.comment_text = ""
        self.message = ""
        self.busy = False
