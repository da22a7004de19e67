"""One application: status, timeline, promised date, overdue mark, QR code to 蒙速办."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import ObjectProperty

from ..platform.models import today_in_china
from .status_presenter import view_of
from .widgets import KioskScreen


class StatusDetailScreen(KioskScreen):
    view = ObjectProperty(None, allownone=True)

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        application = app.services.session.application
        self.view = view_of(application, app.services.catalogue, today_in_china()) if application else None

    def reset(self) -> None:
        self.view = None
