"""The applications found: by the card holder's ID number, or the one typed 办件编号 (kiosk.flows.status).

The flow makes each row's texts on the worker that fetched the list; the rows are added a few
per frame (RowsInFrames), so however many the list holds the screen never freezes."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from ..flows import status as status_flow
from .widgets import KioskScreen, RowsInFrames


class ApplicationRow(ButtonBehavior, BoxLayout):
    index = NumericProperty(-1)      # in session.applications
    item_name = StringProperty("")
    number = StringProperty("")
    status = StringProperty("")
    overdue = StringProperty("")


class StatusListScreen(KioskScreen):
    loading = BooleanProperty(False)
    message = StringProperty("")
    note = StringProperty("")        # only the newest are listed: older ones at the window
    _building: RowsInFrames | None = None

    def on_enter(self, *_args) -> None:
        self.lookup()

    def lookup(self) -> None:
        app = App.get_running_app()
        self._clear()
        self.loading = True
        if not status_flow.look_up(app.services, self._show, self._failed, today=app.today()):
            self.loading = False
            app.go_home()

    def _show(self, listing: status_flow.Listing) -> None:
        app = App.get_running_app()
        self.loading = False
        if not listing.rows:
            self.message = app.t("platform.no_applications")
            return
        if listing.more:
            self.note = app.t("status.newest_only", count=len(listing.rows))
        self.ids.scroll.scroll_y = 1
        self._building = RowsInFrames(self.ids.rows, enumerate(listing.rows), self._row)

    def _row(self, numbered) -> ApplicationRow:
        index, texts = numbered
        row = ApplicationRow(index=index, **texts)
        row.bind(on_release=lambda r: self.open_row(r.index))
        return row

    def _failed(self, error: BaseException) -> None:
        app = App.get_running_app()
        self.loading = False
        self.message = app.failure_text(error)

    def open_row(self, index: int) -> None:
        applications = App.get_running_app().services.session.applications or []
        if 0 <= index < len(applications):
            self.open(applications[index])

    def open(self, application) -> None:
        app = App.get_running_app()
        status_flow.choose(app.services.session, application)
        app.go("status_detail")

    def _clear(self) -> None:
        if self._building is not None:
            self._building.cancel()
            self._building = None
        self.ids.rows.clear_widgets()
        self.message = ""
        self.note = ""

    def reset(self) -> None:
        self._clear()
        self.loading = False
