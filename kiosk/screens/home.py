"""Home: one large tile per built flow, the hall's name, the date and time and its opening hours
(as public service signage shows them), the language switch and 长辈模式.

Portrait: the header on top, the tiles, the two switches at the foot. Landscape: the header and
the switches in a column on the left, the tiles in three columns beside it."""
from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from ..i18n import Catalogue
from ..i18n.locale_data import date_text as cldr_date, own_name, weekday_name
from ..i18n.vertical import has_mongolian, writes_mongolian
from .widgets import KioskScreen, Tile


def date_text(app, moment) -> str:
    if writes_mongolian(app.lang):
        # CLDR's date and weekday (kiosk/i18n/locale_data.py): no catalogue word for them yet
        return f"{cldr_date(moment, 'mn')} {weekday_name(moment, 'mn')}"
    return app.t("screen.date", year=moment.year, month=app.t(f"screen.month.{moment.month}"), day=moment.day,
                 weekday=app.t(f"screen.weekday.{moment.weekday()}"))


def opening_hours_text(app) -> str:
    terminal = app.services.config.terminal
    hours = (terminal.opening_hours_en or terminal.opening_hours) if app.lang == "en" else terminal.opening_hours
    return app.t("screen.opening_hours", hours=hours) if hours else ""


def language_name(language: str) -> str:
    """The text of a button leading to `language`: its own name, from CLDR."""
    return own_name("mn" if writes_mongolian(language) else language)


def hall_mn_text(app) -> str:
    """The hall's Mongolian name and address from [hall] (the bureau supplies them), one per line."""
    hall = app.services.config.hall
    return "\n".join(t for t in (hall.name_mn, hall.address_mn) if t)


_chinese: list[Catalogue] = []


def bilingual_texts(app, key: str) -> tuple[str, str]:
    """(Mongolian, Chinese) of a message for the bilingual home. The Mongolian is the current
    catalogue's when the citizen reads Mongolian, else the `mn` catalogue's; "" when that has no
    Mongolian for the message (a tile then shows the Chinese alone, never Chinese twice)."""
    if not _chinese:
        _chinese.append(Catalogue("zh_CN"))
    chinese = _chinese[0].text(key)
    mongolian = app.t(key) if writes_mongolian(app.lang) else Catalogue("mn").text(key)
    return (mongolian if has_mongolian(mongolian) else ""), chinese


class HomeScreen(KioskScreen):
    """The banner (app.banner) names what is out of order and the fallback."""
    time_text = StringProperty("")
    date_text = StringProperty("")
    hours_text = StringProperty("")
    hall_mn_text = StringProperty("")          # [hall] name_mn and address_mn, when the bureau set them
    language_text = StringProperty("")         # the language button: the other language's own name
    mongolian_tiles = BooleanProperty(False)   # the tiles hold Mongolian columns: narrower, taller tiles

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

    def refresh_texts(self) -> None:
        """Every text again (after the language, or a configuration a proof swapped in, changed)."""
        self._language_changed()

    def _language_changed(self) -> None:
        app = App.get_running_app()
        self.hours_text = opening_hours_text(app)
        self.hall_mn_text = hall_mn_text(app)
        self.language_text = language_name(app.next_language())   # only languages offered ([i18n] offer_at)
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
        bilingual = app.services.config.ui.bilingual_home and app.lang != "en"
        for flow in app.flows:
            tile = Tile(title=app.t(flow.title_key), subtitle=app.t(flow.subtitle_key), flow=flow)
            if bilingual:
                (title_mn, title_zh), (subtitle_mn, _subtitle_zh) = (bilingual_texts(app, flow.title_key),
                                                                    bilingual_texts(app, flow.subtitle_key))
                if title_mn:
                    tile.title, tile.subtitle, tile.beside_title = title_mn, subtitle_mn, title_zh
            tile.bind(on_release=lambda t: app.start_flow(t.flow))
            grid.add_widget(tile)
        self.mongolian_tiles = any(has_mongolian(tile.title) for tile in grid.children)

    def hall_name_touched(self, label, touch) -> None:
        """The hidden entry to 运维诊断: five taps on the hall name within three seconds open the
        PIN pad (kiosk.ui.diagnostics.DiagnosticsMode.secret_tap). Nothing on screen hints at it."""
        if label.collide_point(*touch.pos):
            App.get_running_app().secret_tap()

    def tile_for(self, flow_key: str) -> Tile | None:
        return next((t for t in self.ids.tiles.children if t.flow.key == flow_key), None)
