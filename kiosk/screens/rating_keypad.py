"""好差评 by a typed 办件编号 (no keyboard on the terminal). Online, the number is checked and
the 事项 looked up; offline, the rating is stored anyway and the uploader looks it up later.
The rating is real-name, so the ID card follows if it was not read yet.

The number is taken as a receipt prints it, as on the 进度查询 keypad: a dash key, the display
grouped as the receipt groups it, the number normalised before anything is asked or stored, and
a number that cannot be a 办件编号 refused here with what to do (kiosk.flows.typed_number)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..platform.errors import PlatformRejected
from ..flows.typed_number import DASH, shown_number, typed_number, with_dash
from ..services.ratings import RatingTarget
from ..threads import PLATFORM
from .rating_flow import begin_rating
from .widgets import KioskScreen

LOOKUP_WAIT_S = 6.0   # longer than this, the platform counts as offline and the rating goes on without it


class RatingKeypadScreen(KioskScreen):
    number = StringProperty("")         # as typed, dashes included
    shown = StringProperty("")          # as a receipt prints it
    typed = BooleanProperty(False)      # something besides dashes: 下一步 can be tapped
    message = StringProperty("")
    busy = BooleanProperty(False)

    def on_number(self, _screen, typed: str) -> None:
        self.shown = shown_number(typed)
        self.typed = bool(typed.strip(DASH))
        self.message = ""

    def press(self, key: str) -> None:
        self.message = ""
        pad = self.ids.pad
        if key == DASH:
            pad.number = with_dash(pad.number, pad.max_digits)
            return
        pad.press(key)

    def next(self) -> None:
        if not self.typed or self.busy:
            return
        app = App.get_running_app()
        number, problem = typed_number(self.number)
        if number is None:
            self.message = app.t(problem) if problem else ""
            return
        client = app.services.platform
        if client is None:
            self._offline(number)
            return
        self.busy = True
        app.services.work.submit(lambda job: client.application(number), name="application to rate",
                                 timeout=min(client.worst_case_s() + 1, LOOKUP_WAIT_S), on_result=self._found,
                                 on_error=lambda error: self._not_found(error, number), lane=PLATFORM)

    def _found(self, application) -> None:
        self.busy = False
        app = App.get_running_app()
        begin_rating(app, application)

    def _not_found(self, error: BaseException, number: str) -> None:
        app = App.get_running_app()
        self.busy = False
        if isinstance(error, PlatformRejected) and not error.is_credentials:
            self.message = app.t(error.message_key)
            return
        self._offline(number)

    def _offline(self, number: str) -> None:
        app = App.get_running_app()
        app.services.session.rating_target = RatingTarget(application_no=number)
        begin_rating(app)

    def reset(self) -> None:
        self.ids.pad.number = self.message = ""
        self.busy = False
