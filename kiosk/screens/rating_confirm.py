"""Confirm the rating. 提交评价 stores it durably (an fsync, off the UI thread); the thanks screen
appears only once the store has returned, so a rating thanked for is never lost."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..flows import rating
from ..services.ratings import AlreadyRated
from .rating_flow import previous_text
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
        self.level_text = app.t("rating.your_level", level=app.t(rating.LEVEL_KEYS[choice.level]))
        reasons = rating.reason_texts(rating.options_of(app.services.ratings), choice)
        self.reasons_text = app.t("rating.reasons", reasons="、".join(reasons)) if reasons else ""
        self.comment_text = app.t("rating.comment", comment=choice.comment) if choice.comment else ""

    def on_enter(self, *_args) -> None:
        session = App.get_running_app().services.session
        if session.rating_target is None or session.rating_choice is None:
            App.get_running_app().go_home()

    def back(self) -> None:
        app = App.get_running_app()
        app.go(rating.step_back_from_confirm(rating.options_of(app.services.ratings),
                                             app.services.session.rating_choice))

    def submit(self) -> None:
        if self.busy:
            return
        app = App.get_running_app()
        made = rating.rating_of(app.services.session)
        service = app.services.ratings
        if made is None:
            app.go_home()
            return
        if service is None:
            self._failed(RuntimeError("rating service not started"))
            return
        self.busy = True
        self.message = ""
        app.services.work.submit(lambda job: service.store(made), name="store rating", timeout=STORE_TIMEOUT_S,
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
