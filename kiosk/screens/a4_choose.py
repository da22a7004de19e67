"""回执打印: the citizen chooses the paper: the receipt printer's slip or A4 (for a paper to hand
in). Offered only while both printers can print (kiosk.flows.a4.receipt_choice_needed); a choice
whose printer stops meanwhile is no longer tappable, and the screen says where to go instead."""
from __future__ import annotations

from kivy.app import App

from ..flows import a4
from .widgets import KioskScreen


class A4ChooseScreen(KioskScreen):
    def choose(self, printer: str) -> None:
        app = App.get_running_app()
        application = app.services.session.application
        if application is None:        # the session ended meanwhile
            app.go_home()
            return
        if not a4.can_print(app.services, printer):
            return
        if printer == a4.A4:
            app.print_receipt_a4(application, back_screen="status_detail")
        else:
            app.go("status_detail")
            app.print_receipt(application)
