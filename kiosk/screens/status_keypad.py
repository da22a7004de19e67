"""Type a 办件编号 on an on-screen keypad (there is no keyboard on the terminal)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from .widgets import KioskScreen

MAX_DIGITS = 32


class StatusKeypadScreen(KioskScreen):
    number = StringProperty("")

    def press(self, key: str) -> None:
        if key == "del":
            self.number = self.number[:-1]
        elif key == "clear":
            self.number = ""
        elif key.isdigit() and len(self.number) < MAX_DIGITS:
            self.number += key

    def search(self) -> None:
        if not self.number:
            return
        app = App.get_running_app()
        app.services.session.put("application_number", self.number)
        app.go("status_list")

    def reset(self) -> None:
        self.number = ""
