"""A bad rating (不满意, 非常不满意) needs one or more reasons, from the options the platform
publishes for that level (the cached copy when offline)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..flows import rating
from ..threads import PLATFORM
from .text import KioskToggleButton
from .widgets import KioskScreen


class ReasonButton(KioskToggleButton):
    code = StringProperty("")


class RatingReasonsScreen(KioskScreen):
    level_text = StringProperty("")
    message = StringProperty("")
    loading = BooleanProperty(False)
    chosen = BooleanProperty(False)

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        choice = app.services.session.rating_choice
        self.ids.reasons.clear_widgets()
        self.message, self.chosen = "", False
        if choice is None:
            return
        self.level_text = app.t(rating.LEVEL_KEYS[choice.level])
        service = app.services.ratings
        options = rating.options_of(service)
        if rating.reasons_for(options, choice.level):
            self._show(options)
        elif service is not None:
            # Never fetched yet (first start while offline): try once more, in the background.
            self.loading = True
            app.services.work.submit(lambda job: service.refresh_options(), name="rating options",
                                     timeout=service.client.worst_case_s() + 1 if service.client else 5,
                                     on_result=self._show, on_error=lambda _e: self._show(None), lane=PLATFORM)
        else:
            self._show(None)

    def on_enter(self, *_args) -> None:
        if App.get_running_app().services.session.rating_choice is None:
            App.get_running_app().go_home()

    def _show(self, options) -> None:
        app = App.get_running_app()
        self.loading = False
        choice = app.services.session.rating_choice
        reasons = rating.reasons_for(options, choice.level) if choice is not None else ()
        self.ids.reasons.clear_widgets()
        if not reasons:
            self.message = app.t("rating.no_reasons")
            return
        for reason in reasons:
            button = ReasonButton(text=reason.text, code=reason.code, state="down" if reason.code in choice.reasons
                                  else "normal")
            button.bind(state=lambda *_: self._update())
            self.ids.reasons.add_widget(button)
        self._update()

    def reason_buttons(self) -> list[ReasonButton]:
        return list(reversed(self.ids.reasons.children))

    def _update(self) -> None:
        self.chosen = any(b.state == "down" for b in self.ids.reasons.children)

    def next(self) -> None:
        app = App.get_running_app()
        choice = app.services.session.rating_choice
        if choice is None or not rating.choose_reasons(choice, [b.code for b in self.reason_buttons()
                                                                 if b.state == "down"]):
            return
        app.go(rating.next_step_after_reasons(rating.options_of(app.services.ratings), choice))

    def reset(self) -> None:
        self.ids.reasons.clear_widgets()
        self.message, self.level_text, self.chosen, self.loading = "", "", False, False
