"""Type a 办件编号 on an on-screen keypad (there is no keyboard on the terminal)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from .widgets import KioskScreen


class StatusKeypadScreen(KioskScreen):
    number = StringProperty("")

    def press(self, key: str) -> None:
        self.ids.pad.press(key)

    def search(self) -> None:
        if not self.number:
            return
        app = App.get_running_app()
        app.services.session.application_number = self.number
        app.go("status_list")

    def reset(self) -> None:
        self.ids.pad.number = ""
