"""好差评: five large buttons, a face and the level's name on each, nothing pre-selected.
A person who already rated this 办件 (一次一评) is told so, and when, instead."""
from __future__ import annotations

from kivy.app import App
from kivy.metrics import dp
from kivy.properties import ListProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from ..flows import rating
from ..services.ratings.domain import LEVELS
from .rating_flow import previous_text
from .widgets import KioskScreen


class RatingFace(Widget):
    """A face drawn with lines (no emoji font on the terminal): mood 2 smiles broadly, -2 frowns."""
    mood = NumericProperty(0)
    mouth = ListProperty([0, 0, 0, 0])

    def on_kv_post(self, _base) -> None:
        self.bind(pos=self._draw_mouth, size=self._draw_mouth, mood=self._draw_mouth)
        self._draw_mouth()

    @property
    def radius(self) -> float:
        return max(min(self.width, self.height) / 2 - dp(3), 1)

    def _draw_mouth(self, *_args) -> None:
        r, cx, cy = self.radius, self.center_x, self.center_y
        points = []
        for i in range(17):
            t = -1 + i / 8
            points += [cx + t * 0.45 * r, cy - 0.32 * r + self.mood * 0.11 * r * (t * t - 1)]
        self.mouth = points


class LevelButton(ButtonBehavior, BoxLayout):
    level = StringProperty("")
    text = StringProperty("")
    mood = NumericProperty(0)


class RatingLevelsScreen(KioskScreen):
    number_text = StringProperty("")
    item_name = StringProperty("")
    already = StringProperty("")        # set when this person may not rate this 办件 again

    def on_kv_post(self, _base) -> None:
        app = App.get_running_app()
        for level in LEVELS:
            button = LevelButton(level=level, mood=rating.LEVEL_MOODS[level])
            button.bind(on_release=lambda b: self.choose(b.level))
            self.ids.levels.add_widget(button)
        app.bind(lang=lambda *_: self._label_buttons())
        self._label_buttons()

    def _label_buttons(self) -> None:
        app = App.get_running_app()
        for button in self.ids.levels.children:
            button.text = app.t(rating.LEVEL_KEYS[button.level])

    def button_for(self, level: str) -> LevelButton:
        return next(b for b in self.ids.levels.children if b.level == level)

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        session = app.services.session
        target = session.rating_target
        self.already = ""
        if target is None:
            return
        self.number_text = app.t("rating.number", number=target.application_no)
        self.item_name = target.item_name
        previous = rating.previous_rating(session, app.services.ratings)
        if previous is not None:
            self.already = previous_text(app, previous)

    def on_enter(self, *_args) -> None:
        app = App.get_running_app()
        if app.services.session.rating_target is None or app.services.session.identity is None:
            app.go_home()

    def choose(self, level: str) -> None:
        if self.already:
            return
        app = App.get_running_app()
        choice = rating.choose_level(app.services.session, level)
        app.go(rating.next_step_after_level(rating.options_of(app.services.ratings), choice))

    def reset(self) -> None:
        self.number_text = self.item_name = self.already = ""
