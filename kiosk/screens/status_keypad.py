"""Type a 办件编号 on an on-screen keypad (there is no keyboard on the terminal).

Receipts print the number grouped by dashes (150626-20261125-000123): the pad has a dash key,
the display shows the number as the receipt prints it, and the dashes are optional: the flow
looks the number up without them (kiosk.flows.status.normalise_application_number). A number
that cannot be a 办件编号 (too short) is not looked up: the keypad says what to do."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..flows import status as status_flow
from ..flows.typed_number import DASH, typed_number, with_dash
from .widgets import KioskScreen


class StatusKeypadScreen(KioskScreen):
    number = StringProperty("")         # as typed, dashes included
    shown = StringProperty("")          # as a receipt prints it
    searchable = BooleanProperty(False)
    message = StringProperty("")        # why the number typed is not looked up

    def on_number(self, _screen, typed: str) -> None:
        self.shown = status_flow.shown_number(typed)
        self.searchable = bool(typed.strip(DASH))
        self.message = ""

    def press(self, key: str) -> None:
        pad = self.ids.pad
        if key == DASH:
            pad.number = with_dash(pad.number, pad.max_digits)
            return
        pad.press(key)

    def search(self) -> None:
        app = App.get_running_app()
        number, problem = typed_number(self.number)
        if number is None:
            self.message = app.t(problem) if problem else ""
            return
        if status_flow.type_number(app.services.session, self.number):
            app.go("status_list")

    def reset(self) -> None:
        self.ids.pad.number = self.message = ""
