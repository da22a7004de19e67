"""An optional comment (文字评价) chosen from the short phrases the platform publishes for the level:
the terminal has no Chinese input method. Nothing is pre-selected; 跳过 goes on without a comment.
A level the cached options give no phrases for never comes here (flows.rating.next_step_after_reasons)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..flows import rating
from .text import KioskToggleButton
from .widgets import KioskScreen


class PhraseButton(KioskToggleButton):
    code = StringProperty("")


class RatingCommentScreen(KioskScreen):
    level_text = StringProperty("")
    chosen = BooleanProperty(False)     # the next button says 下一步 instead of 跳过

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        choice = app.services.session.rating_choice
        self.ids.phrases.clear_widgets()
        self.chosen = False
        if choice is None:
            return
        self.level_text = app.t(rating.LEVEL_KEYS[choice.level])
        for phrase in rating.phrases_for(rating.options_of(app.services.ratings), choice.level):
            # Back from the confirmation: the phrases chosen before stay chosen; otherwise none is.
            button = PhraseButton(text=phrase.text, code=phrase.code,
                                  state="down" if phrase.code in choice.phrases else "normal")
            button.bind(state=lambda *_: self._update())
            self.ids.phrases.add_widget(button)
        self._update()

    def on_enter(self, *_args) -> None:
        app = App.get_running_app()
        choice = app.services.session.rating_choice
        if choice is None:
            app.go_home()
        elif not self.ids.phrases.children:
            app.go("rating_confirm")     # the options lost their phrases meanwhile: nothing to offer

    def phrase_buttons(self) -> list[PhraseButton]:
        return list(reversed(self.ids.phrases.children))

    def _update(self) -> None:
        self.chosen = any(b.state == "down" for b in self.ids.phrases.children)

    def back(self) -> None:
        app = App.get_running_app()
        app.go(rating.step_back_from_comment(app.services.session.rating_choice))

    def next(self) -> None:
        app = App.get_running_app()
        choice = app.services.session.rating_choice
        if choice is None:
            app.go_home()
            return
        rating.choose_phrases(choice, [(b.code, b.text) for b in self.phrase_buttons() if b.state == "down"])
        app.go("rating_confirm")

    def reset(self) -> None:
        self.ids.phrases.clear_widgets()
        self.level_text, self.chosen = "", False
