"""One application: status, timeline, promised date, overdue mark, QR code to 蒙速办 (kiosk.flows.status).
打印回执 prints on the receipt printer; while the A4 printer can print too, the citizen chooses
(a4_choose: the slip, or A4 for a paper to hand in), as kiosk.flows.a4 decides."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import ObjectProperty

from ..flows import a4
from ..flows import status as status_flow
from .widgets import KioskScreen


class StatusDetailScreen(KioskScreen):
    view = ObjectProperty(None, allownone=True)

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        self.view = status_flow.detail_view(app.services.session, app.services.catalogue, app.today())

    def print_receipt(self) -> None:
        app = App.get_running_app()
        application = app.services.session.application
        printers = a4.receipt_printers(app.services)
        if application is None or not printers:
            return
        if a4.receipt_choice_needed(app.services):
            app.go("a4_choose")
        elif printers == (a4.A4,):
            app.print_receipt_a4(application, back_screen="status_detail")
        else:
            app.print_receipt(application)

    def reset(self) -> None:
        self.view = None
