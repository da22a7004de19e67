"""The applications found: by the card holder's ID number, or the one typed 办件编号 (kiosk.flows.status)."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from ..flows import status as status_flow
from .widgets import KioskScreen


class ApplicationRow(ButtonBehavior, BoxLayout):
    item_name = StringProperty("")
    number = StringProperty("")
    status = StringProperty("")
    overdue = StringProperty("")


class StatusListScreen(KioskScreen):
    loading = BooleanProperty(False)
    message = StringProperty("")

    def on_enter(self, *_args) -> None:
        self.lookup()

    def lookup(self) -> None:
        app = App.get_running_app()
        self.ids.rows.clear_widgets()
        self.message = ""
        self.loading = True
        if not status_flow.look_up(app.services, self._show, self._failed):
            self.loading = False
            app.go_home()

    def _show(self, applications) -> None:
        app = App.get_running_app()
        self.loading = False
        if not applications:
            self.message = app.t("platform.no_applications")
            return
        today = app.today()
        for application in applications:
            view = status_flow.view_of(application, app.services.catalogue, today)
            row = ApplicationRow(item_name=view.item_name, number=view.application_no, status=view.status,
                                 overdue=view.overdue)
            row.bind(on_release=lambda _row, a=application: self.open(a))
            self.ids.rows.add_widget(row)

    def _failed(self, error: BaseException) -> None:
        app = App.get_running_app()
        self.loading = False
        self.message = app.failure_text(error)

    def open(self, application) -> None:
        app = App.get_running_app()
        status_flow.choose(app.services.session, application)
        app.go("status_detail")

    def reset(self) -> None:
        self.ids.rows.clear_widgets()
        self.message = ""
        self.loading = False
