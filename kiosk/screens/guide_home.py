"""办事指南: choose how to look — by department (按部门) or by themed 一件事 (一件事一次办).
The catalogue comes once per session (kiosk.flows.guide); until it is here the choices wait."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..flows import guide
from .widgets import KioskScreen


class GuideHomeScreen(KioskScreen):
    loading = BooleanProperty(False)
    ready = BooleanProperty(False)      # the catalogue is here: the two choices can be used
    message = StringProperty("")

    def on_enter(self, *_args) -> None:
        self.load()

    def load(self) -> None:
        self.message = ""
        if self.loading:
            return  # a fetch is already on its way
        self.ready, self.loading = False, True
        if guide.fetch_catalogue(App.get_running_app().services, self._loaded, self._failed):
            self._loaded()  # the session has it already

    def _loaded(self, _catalogue=None) -> None:
        self.loading = False
        self.ready = True

    def _failed(self, error: BaseException) -> None:
        app = App.get_running_app()
        self.loading = False
        self.ready = False
        self.message = app.failure_text(error)

    def browse(self, mode: str) -> None:
        app = App.get_running_app()
        if self.ready and guide.browse(app.services.session, mode):
            app.go("guide_list")

    def reset(self) -> None:
        self.loading = False
        self.ready = False
        self.message = ""
