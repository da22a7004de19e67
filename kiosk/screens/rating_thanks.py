"""Thanks, once the rating is stored; an optional printed rating slip (评价凭条)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from ..flows import rating
from ..services.documents import RatingSlip, rating_document
from .widgets import KioskScreen


class RatingThanksScreen(KioskScreen):
    level_text = StringProperty("")

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        stored = app.services.session.rating_stored
        self.level_text = app.t("rating.your_level", level=app.t(rating.LEVEL_KEYS[stored.level])) if stored else ""

    def print_slip(self) -> None:
        app = App.get_running_app()
        session = app.services.session
        stored, target, choice = session.rating_stored, session.rating_target, session.rating_choice
        if stored is None or target is None:
            return
        terminal = app.services.config.terminal
        reasons = rating.reason_texts(rating.options_of(app.services.ratings), choice) if choice else []
        # The slip carries the fixed Chinese level name: it is the record's wording, not the UI language.
        slip = RatingSlip(application_no=stored.application_no, service_name=target.item_name or "—",
                          level_text=stored.level, rated_at=stored.rated_at.replace(tzinfo=None),
                          terminal_id=terminal.terminal_id, hall_name=terminal.hall_name,
                          reasons_text="、".join(reasons),
                          comment=choice.comment if choice else "")
        app.print_document(rating_document(slip), back_screen="rating_thanks")

    def reset(self) -> None:
        self.level_text = ""
