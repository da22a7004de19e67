"""An A4 job in progress, stage by stage as the A4 print service reports it: the copy laid out,
sent, accepted by the printer, page n of m printed (kiosk.flows.a4.A4Job). Nothing to tap while
it prints: the job is on its way and the done or failed screen follows by itself."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import NumericProperty, StringProperty

from .widgets import KioskScreen


class A4PrintingScreen(KioskScreen):
    message = StringProperty("")
    stage = StringProperty("")      # laying_out | sending | accepted | printing
    progress = NumericProperty(0.0)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._view, self._back = None, "home"
        app = App.get_running_app()
        if app is not None:     # the texts follow a language switch
            app.bind(lang=lambda *_: self._view is not None and self.show(self._view, self._back))

    def on_pre_enter(self, *_args) -> None:
        self.show(App.get_running_app().a4_job.view)

    def show(self, view, _back_screen: str = "") -> None:
        self._view, self._back = view, _back_screen
        self.message = App.get_running_app().t(view.message_key, **dict(view.values))
        self.progress = view.share
        self.stage = view.stage     # last: who watches the stage sees its bar and text

    def reset(self) -> None:
        self._view = None
        self.message, self.stage, self.progress = "", "", 0.0
