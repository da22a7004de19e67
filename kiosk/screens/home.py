"""Home: one large tile per built flow, the hall's name, the date and time and its opening hours
(as public service signage shows them), the language switch and 长辈模式.

Portrait: the header on top, the tiles, the two switches at the foot. Landscape: the header and
the switches in a column on the left, the tiles in three columns beside it."""
from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import StringProperty

from .widgets import KioskScreen, Tile


def date_text(app, moment) -> str:
    return app.t("screen.date", year=moment.year, month=app.t(f"screen.month.{moment.month}"), day=moment.day,
                 weekday=app.t(f"screen.weekday.{moment.weekday()}"))


def opening_hours_text(app) -> str:
    terminal = app.services.config.terminal
    hours = (terminal.opening_hours_en or terminal.opening_hours) if app.lang == "en" else terminal.opening_hours
    return app.t("screen.opening_hours", hours=hours) if hours else ""


class HomeScreen(KioskScreen):
    """The banner (app.banner) names what is out of order and the fallback."""
    time_text = StringProperty("")
    date_text = StringProperty("")
    hours_text = StringProperty("")

    def on_kv_post(self, _base_widget) -> None:
        app = App.get_running_app()
        app.bind(flows=lambda *_: self.rebuild_tiles(), lang=lambda *_: self._language_changed(),
                 landscape=lambda *_: self.arrange())
        self._tick = None
        self.rebuild_tiles()
        self.arrange()
        self._language_changed()

    # the clock: once a minute, on the minute ------------------------------------------------------
    def on_pre_enter(self, *_args) -> None:
        self.show_time()

    def on_leave(self, *_args) -> None:
        if self._tick is not None:
            self._tick.cancel()
            self._tick = None

    def show_time(self, *_args) -> None:
        app = App.get_running_app()
        moment = app.now()
        self.time_text = f"{moment:%H:%M}"
        self.date_text = date_text(app, moment)
        if self._tick is not None:
            self._tick.cancel()
        self._tick = Clock.schedule_once(self.show_time, 60 - moment.second - moment.microsecond / 1e6 + 0.05)

    def _language_changed(self) -> None:
        app = App.get_running_app()
        self.hours_text = opening_hours_text(app)
        self.show_time()
        self.rebuild_tiles()

    # layout ---------------------------------------------------------------------------------------
    def arrange(self) -> None:
        """Moves the switches: at the foot in portrait, at the bottom of the side column in landscape."""
        app = App.get_running_app()
        switches, ids = self.ids.switches, self.ids
        if switches.parent is not None:
            switches.parent.remove_widget(switches)
        (ids.side if app.landscape else ids.frame).add_widget(switches)

    def rebuild_tiles(self) -> None:
        app = App.get_running_app()
        grid = self.ids.tiles
        grid.clear_widgets()
        for flow in app.flows:
            tile = Tile(title=app.t(flow.title_key), subtitle=app.t(flow.subtitle_key), flow=flow)
            tile.bind(on_release=lambda t: app.start_flow(t.flow))
            grid.add_widget(tile)

    def hall_name_touched(self, label, touch) -> None:
        """The hidden entry to 运维诊断: five taps on the hall name within three seconds open the
        PIN pad (kiosk.ui.diagnostics.DiagnosticsMode.secret_tap). Nothing on screen hints at it."""
        if label.collide_point(*touch.pos):
            App.get_running_app().secret_tap()

    def tile_for(self, flow_key: str) -> Tile | None:
        return next((t for t in self.ids.tiles.children if t.flow.key == flow_key), None)
