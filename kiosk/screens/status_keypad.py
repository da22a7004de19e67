"""Type a 办件编号 on an on-screen keypad (there is no keyboard on the terminal)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from ..flows import status as status_flow
from .widgets import KioskScreen


class StatusKeypadScreen(KioskScreen):
    number = StringProperty("")

    def press(self, key: str) -> None:
        self.ids.pad.press(key)

    def search(self) -> None:
        app = App.get_running_app()
        if status_flow.type_number(app.services.session, self.number):
            app.go("status_list")

    def reset(self) -> None:
        self.ids.pad.number = ""
