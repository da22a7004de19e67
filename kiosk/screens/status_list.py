"""The applications found: by the card holder's ID number, or the one typed 办件编号."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from ..platform.models import today_in_china
from .status_presenter import view_of
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
        services = app.services
        self.ids.rows.clear_widgets()
        self.message = ""
        client = services.platform
        if client is None:
            self._failed(RuntimeError("platform not started"))
            return
        identity = services.session.identity
        number = services.session.application_number
        if identity is not None:
            call = lambda job: client.applications_of(identity.id_number)  # noqa: E731
        elif number:
            call = lambda job: (client.application(number),)  # noqa: E731
        else:
            app.go_home()
            return
        self.loading = True
        services.work.submit(call, name="applications lookup", timeout=client.worst_case_s() + 1,
                             on_result=self._show, on_error=self._failed)

    def _show(self, applications) -> None:
        app = App.get_running_app()
        self.loading = False
        app.services.session.applications = list(applications)
        if not applications:
            self.message = app.t("platform.no_applications")
            return
        today = today_in_china()
        for application in applications:
            view = view_of(application, app.services.catalogue, today)
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
        app.services.session.application = application
        app.go("status_detail")

    def reset(self) -> None:
        self.ids.rows.clear_widgets()
        self.message = ""
        self.loading = False
