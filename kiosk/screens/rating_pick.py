"""好差评 after the ID card: the holder's applications, to choose the one to rate. Ones already
rated are marked. Offline, the list cannot come, so the screen offers the keypad instead."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..flows import rating
from . import load_kv
from .rating_flow import begin_rating
from ..flows.status import SHOWN_APPLICATIONS, view_of
from ..threads import PLATFORM
from .widgets import KioskScreen, RowsInFrames

load_kv("status_list")   # the application rows look as in 办件进度查询
from .status_list import ApplicationRow  # noqa: E402


class RatingPickScreen(KioskScreen):
    loading = BooleanProperty(False)
    message = StringProperty("")
    offline = BooleanProperty(False)
    _building: RowsInFrames | None = None

    def on_enter(self, *_args) -> None:
        self.lookup()

    def lookup(self) -> None:
        app = App.get_running_app()
        services = app.services
        identity = services.session.identity
        self._clear()
        self.message, self.offline = "", False
        if identity is None:
            app.go_home()
            return
        client = services.platform
        if client is None:
            self._failed(RuntimeError("platform not started"))
            return
        self.loading = True
        # The newest only, as the status list (kiosk.flows.status): an older one is rated by its number.
        services.work.submit(lambda job: client.applications_of(identity.id_number, limit=SHOWN_APPLICATIONS),
                             name="applications to rate",
                             timeout=client.worst_case_s() + 1, on_result=self._show, on_error=self._failed,
                             lane=PLATFORM)

    def _show(self, applications) -> None:
        app = App.get_running_app()
        self.loading = False
        if not applications:
            self.message = app.t("platform.no_applications")
            return
        session, ratings = app.services.session, app.services.ratings
        today = app.today()

        def row_of(application) -> ApplicationRow:
            view = view_of(application, app.services.catalogue, today)
            rated = rating.previous_rating(session, ratings, application.application_no) is not None
            row = ApplicationRow(item_name=view.item_name, number=view.application_no,
                                 status=app.t("rating.rated_mark") if rated else view.status)
            row.bind(on_release=lambda _row, a=application: begin_rating(app, a))
            return row

        # A few rows a frame: a holder with a long history does not freeze the screen.
        self._building = RowsInFrames(self.ids.rows, applications, row_of)

    def _clear(self) -> None:
        if self._building is not None:
            self._building.cancel()
            self._building = None
        self.ids.rows.clear_widgets()

    def _failed(self, _error: BaseException) -> None:
        # Ratings work offline: the citizen types the 办件编号 instead of choosing it.
        self.loading = False
        self.offline = True
        self.message = App.get_running_app().t("rating.offline_list")

    def reset(self) -> None:
        self._clear()
        self.message, self.loading, self.offline = "", False, False
