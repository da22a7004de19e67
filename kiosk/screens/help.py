"""求助/帮您办: where a person can help (the hall's window, the hotline, 蒙速办), and a button
that asks the hall for a member of staff through the platform (kiosk.flows.help)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..flows import help as help_flow
from .widgets import KioskScreen


class HelpScreen(KioskScreen):
    sending = BooleanProperty(False)
    sent = BooleanProperty(False)
    message = StringProperty("")
    came_from = StringProperty("")   # the screen 求助 was asked from (TopBar.ask_for_help), to go back to

    def go_back(self) -> None:
        screen, self.came_from = self.came_from, ""
        App.get_running_app().go(screen or "home")

    def on_leave(self, *_args) -> None:
        self.came_from = ""

    def call_staff(self) -> None:
        if self.sending or self.sent:
            return
        app = App.get_running_app()
        if help_flow.call_staff(app.services, self._sent, self._failed):
            self.sending, self.message = True, app.t("platform.loading")

    def _sent(self, ack) -> None:
        app = App.get_running_app()
        self.sending, self.sent = False, True
        self.message = app.t("help.sent", ticket=ack.ticket_no)

    def _failed(self, error: BaseException) -> None:
        app = App.get_running_app()
        self.sending = False
        self.message = app.failure_text(error)

    def reset(self) -> None:
        self.sending = self.sent = False
        self.message = self.came_from = ""
