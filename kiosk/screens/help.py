"""求助/帮您办: where a person can help (the hall's window, the hotline, 蒙速办), and a button
that asks the hall for a member of staff through the platform."""
from __future__ import annotations

import uuid

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from .widgets import KioskScreen


class HelpScreen(KioskScreen):
    sending = BooleanProperty(False)
    sent = BooleanProperty(False)
    message = StringProperty("")

    def call_staff(self) -> None:
        """One request per session; its request_id makes a resend harmless."""
        app = App.get_running_app()
        client = app.services.platform
        if client is None or self.sending or self.sent:
            return
        from ..platform.models import HelpRequest

        session = app.services.session
        request = session.help_request or HelpRequest(
            request_id=str(uuid.uuid4()), kind="call_staff", region_code=app.services.config.terminal.region_code)
        session.help_request = request
        self.sending, self.message = True, app.t("platform.loading")
        app.services.work.submit(lambda job: client.send_help_request(request), name="help request",
                                 timeout=client.worst_case_s() + 1, on_result=self._sent, on_error=self._failed)

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
        self.message = ""
