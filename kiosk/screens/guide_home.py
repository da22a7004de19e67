"""办事指南: choose how to look — by department (按部门) or by themed 一件事 (一件事一次办).

The service catalogue is fetched once per citizen session, in the background, and kept in the
session ("catalogue"), so browsing back and forth never waits for the platform again."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from .guide_presenter import MODE_DEPARTMENT, MODE_THEME
from .widgets import KioskScreen


class GuideHomeScreen(KioskScreen):
    loading = BooleanProperty(False)
    ready = BooleanProperty(False)      # the catalogue is here: the two choices can be used
    message = StringProperty("")

    def on_enter(self, *_args) -> None:
        self.load()

    def load(self) -> None:
        app = App.get_running_app()
        services = app.services
        self.message = ""
        if services.session.catalogue is not None:
            self.ready = True
            return
        self.ready = False
        if self.loading:
            return  # a fetch is already on its way
        client = services.platform
        if client is None:
            self._failed(RuntimeError("platform not started"))
            return
        self.loading = True
        services.work.submit(lambda job: client.catalogue(), name="catalogue", timeout=client.worst_case_s() + 1,
                             on_result=self._loaded, on_error=self._failed)

    def _loaded(self, catalogue) -> None:
        self.loading = False
        App.get_running_app().services.session.catalogue = catalogue
        self.ready = True

    def _failed(self, error: BaseException) -> None:
        app = App.get_running_app()
        self.loading = False
        self.ready = False
        self.message = app.failure_text(error)

    def browse(self, mode: str) -> None:
        if mode not in (MODE_DEPARTMENT, MODE_THEME) or not self.ready:
            return
        app = App.get_running_app()
        app.services.session.guide_mode = mode
        app.go("guide_list")

    def reset(self) -> None:
        self.loading = False
        self.ready = False
        self.message = ""
