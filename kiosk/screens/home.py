"""Home: one large tile per built flow, the language switch and 长辈模式."""
from __future__ import annotations

from kivy.app import App
from .widgets import KioskScreen, Tile


class HomeScreen(KioskScreen):
    """The banner (app.banner) names what is out of order and the fallback."""

    def on_kv_post(self, _base_widget) -> None:
        app = App.get_running_app()
        app.bind(flows=lambda *_: self.rebuild_tiles(), lang=lambda *_: self.rebuild_tiles())
        self.rebuild_tiles()

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
