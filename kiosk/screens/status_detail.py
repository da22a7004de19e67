"""One application: status, timeline, promised date, overdue mark, QR code to 蒙速办 (kiosk.flows.status)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import ObjectProperty

from ..flows import status as status_flow
from .widgets import KioskScreen


class StatusDetailScreen(KioskScreen):
    view = ObjectProperty(None, allownone=True)

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        self.view = status_flow.detail_view(app.services.session, app.services.catalogue, app.today())

    def reset(self) -> None:
        self.view = None
