"""Thanks, once the rating is stored; an optional printed rating slip (评价凭条)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from ..flows import rating
from ..services.documents import rating_document
from .widgets import KioskScreen


class RatingThanksScreen(KioskScreen):
    level_text = StringProperty("")

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        stored = app.services.session.rating_stored
        self.level_text = app.t("rating.your_level", level=app.t(rating.LEVEL_KEYS[stored.level])) if stored else ""

    def print_slip(self) -> None:
        app = App.get_running_app()
        slip = rating.slip_of(app.services.session, app.services.ratings, app.services.config.terminal)
        if slip is not None:
            app.print_document(rating_document(slip), back_screen="rating_thanks")

    def reset(self) -> None:
        self.level_text = ""
