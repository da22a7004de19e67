"""An A4 job in progress, stage by stage as the A4 print service reports it: the copy laid out,
sent, accepted by the printer, page n of m printed (kiosk.flows.a4.A4Job). Nothing to tap while
it prints: the job is on its way and the done or failed screen follows by itself."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import NumericProperty, StringProperty

from .a4_job_screen import A4JobScreen


class A4PrintingScreen(A4JobScreen):
    stage = StringProperty("")      # laying_out | sending | accepted | printing
    progress = NumericProperty(0.0)

    def on_pre_enter(self, *_args) -> None:
        self.show(App.get_running_app().a4_job.view)

    def present(self, app, view) -> None:
        super().present(app, view)
        self.progress = view.share
        self.stage = view.stage     # last: who watches the stage sees its bar and text

    def reset(self) -> None:
        super().reset()
        self.stage, self.progress = "", 0.0
