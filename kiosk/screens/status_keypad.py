"""Type a 办件编号 on an on-screen keypad (there is no keyboard on the terminal).

Receipts print the number grouped by dashes (150626-20261125-000123): the pad has a dash key,
the display shows the number as the receipt prints it, and the dashes are optional: the flow
looks the number up without them (kiosk.flows.status.normalise_application_number)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..flows import status as status_flow
from .widgets import KioskScreen

DASH = "-"


class StatusKeypadScreen(KioskScreen):
    number = StringProperty("")         # as typed, dashes included
    shown = StringProperty("")          # as a receipt prints it
    searchable = BooleanProperty(False)

    def on_number(self, _screen, typed: str) -> None:
        self.shown = status_flow.shown_number(typed)
        self.searchable = status_flow.normalise_application_number(typed) is not None

    def press(self, key: str) -> None:
        pad = self.ids.pad
        if key == DASH:
            # A dash only between characters, one at a time: what a receipt shows.
            if pad.number and not pad.number.endswith(DASH) and len(pad.number) < pad.max_digits:
                pad.number += DASH
            return
        pad.press(key)

    def search(self) -> None:
        app = App.get_running_app()
        if status_flow.type_number(app.services.session, self.number):
            app.go("status_list")

    def reset(self) -> None:
        self.ids.pad.number = ""
