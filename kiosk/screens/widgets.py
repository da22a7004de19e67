"""Widgets shared by the screens (their look is in widgets.kv): one visual language for all.

Every text is a KioskLabel and every button a KioskButton (kiosk/screens/text.py), so Chinese
breaks by the rules everywhere. Screens are laid out as: a TopBar (title, 返回首页, and in
长辈模式 a 求助 button), the body, and an Actions row with the actions (back on the left, the
screen's main action on the right), the same on every screen.
"""
from __future__ import annotations

import io
import math

from kivy.app import App
from kivy.clock import Clock
from kivy.core.image import Image as CoreImage
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.image import Image
from kivy.uix.layout import Layout
from kivy.uix.screenmanager import Screen

from .text import FitsText, KioskButton, KioskLabel, KioskToggleButton  # noqa: F401  (kv rules name them)


class KioskScreen(Screen):
    """Base of every screen. `reset()` clears whatever the screen shows about a citizen."""

    def reset(self) -> None:
        pass


class Tile(ButtonBehavior, BoxLayout):
    """A large home-screen tile: a title and a one-line explanation (the title alone in 长辈模式).
    Its grid gives it its size and `text_scale` (the type set smaller until every tile fits)."""
    title = StringProperty("")
    subtitle = StringProperty("")
    flow = ObjectProperty(None, allownone=True)
    text_scale = NumericProperty(1.0)

    def on_kv_post(self, _base) -> None:
        # A tile declared in a kv rule gets its own rule (and ids) after its grid has taken it.
        if isinstance(self.parent, TileGrid):
            self.parent._watch_tiles()

    def overflows(self) -> bool:
        _left, top, _right, bottom = self.padding
        labels = (self.ids.title_label, self.ids.subtitle_label)
        needed = sum(label.texture_size[1] for label in labels) + top + bottom + self.spacing
        return needed > self.height + 0.5


def rows_of(count: int, cols: int) -> list[int]:
    """How many tiles go on each row so that no cell stays empty: the rows as even as they can
    be, the fuller ones first (7 in 2 columns: 2, 2, 2, 1; 7 in 3: 3, 2, 2)."""
    if count <= 0:
        return []
    rows = math.ceil(count / max(cols, 1))
    base, extra = divmod(count, rows)
    return [base + 1 if i < extra else base for i in range(rows)]


class TileGrid(FitsText, Layout):
    """The home tiles in `cols` columns filling the grid's whole box: every row shares the height
    and the tiles of a shorter row share its width, so the grid has no empty cell. When a text
    does not fit its tile (English, a small panel), the type of all tiles is set smaller
    together, one size across the grid."""
    cols = NumericProperty(2)
    spacing = NumericProperty(0)
    max_row_height = NumericProperty(0)   # 0: the rows share all the height; else at most this, from the top

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name in ("cols", "spacing", "max_row_height", "size", "pos", "children"):
            self.fbind(name, self._trigger_layout)
        for name in ("cols", "size", "children"):
            self.fbind(name, self.refit)
        self.fbind("children", self._watch_tiles)
        self.fbind("fit_scale", self._scale_tiles)

    def _watch_tiles(self, *_args) -> None:
        for tile in self.children:
            if getattr(tile, "_grid", None) is not self and "title_label" in tile.ids:
                tile._grid = self
                for label in (tile.ids.title_label, tile.ids.subtitle_label):
                    label.fbind("texture_size", self.fit_later)
                for name in ("title", "subtitle"):
                    tile.fbind(name, self.refit)
        self._scale_tiles()

    def _scale_tiles(self, *_args) -> None:
        for tile in self.children:
            tile.text_scale = self.fit_scale

    def overflows(self) -> bool:
        return any(tile.overflows() for tile in self.children if "title_label" in tile.ids)

    def do_layout(self, *_args) -> None:
        tiles = list(reversed(self.children))    # in the order they were added
        counts = rows_of(len(tiles), int(self.cols))
        if not counts:
            return
        gap = self.spacing
        row_height = (self.height - gap * (len(counts) - 1)) / len(counts)
        if self.max_row_height:
            row_height = min(row_height, self.max_row_height)
        top, index = self.top, 0
        for count in counts:
            width = (self.width - gap * (count - 1)) / count
            for column in range(count):
                tile = tiles[index]
                index += 1
                tile.size_hint = (None, None)
                tile.size = (width, row_height)
                tile.pos = (self.x + column * (width + gap), top - row_height)
            top -= row_height + gap


class RowsInFrames:
    """Adds the rows of a list to `container` a few per frame, so a long list never holds the
    UI thread for more than a frame: `make(item)` builds one row widget. The first frame gets
    about what a portrait screen shows (FIRST rows), later frames PER_FRAME rows (a row of
    KioskLabels takes 5-20 ms to lay its lines out on a terminal's CPU); cancel() stops a build
    that a new list or a reset replaces."""
    FIRST = 5
    PER_FRAME = 2

    def __init__(self, container, items, make) -> None:
        self._container, self._items, self._make = container, list(items), make
        self._next = 0
        self._event = Clock.schedule_interval(self._add, 0)
        self._add(0)

    @property
    def done(self) -> bool:
        return self._next >= len(self._items)

    def _add(self, _dt) -> bool:
        count = self.FIRST if self._next == 0 else self.PER_FRAME
        for item in self._items[self._next:self._next + count]:
            self._container.add_widget(self._make(item), index=0)
        self._next += count
        if self.done:
            self.cancel()
            return False
        return True

    def cancel(self) -> None:
        self._event.cancel()


class BigButton(KioskButton):
    """A button of a screen's actions: a fixed height, its text set smaller if it must wrap."""


class TopBar(BoxLayout):
    """Title and a way home; in 长辈模式 also 求助, so help is one tap away on every screen
    (but the help screen itself: `offers_help`)."""
    title = StringProperty("")
    offers_help = BooleanProperty(True)

    def ask_for_help(self) -> None:
        app = App.get_running_app()
        screens = app.screen_manager
        came_from = screens.current
        if came_from == "help":
            return
        app.go("help")
        screens.get_screen("help").came_from = came_from


class QrCode(Image):
    """Shows `data` as a QR code, generated locally (qrcode + Pillow)."""
    data = StringProperty("")

    def on_data(self, _instance, data: str) -> None:
        if not data:
            self.texture = None
            return
        import qrcode

        qr = qrcode.QRCode(border=2, box_size=8, error_correction=qrcode.constants.ERROR_CORRECT_M)
        qr.add_data(data)
        qr.make(fit=True)
        buffer = io.BytesIO()
        qr.make_image(fill_color="black", back_color="white").save(buffer, format="png")
        buffer.seek(0)
        texture = CoreImage(buffer, ext="png").texture
        texture.mag_filter = "nearest"
        self.texture = texture


class NumberPad(GridLayout):
    """Digits, 清空 and 删除 for typing a 办件编号 (the terminal has no keyboard)."""
    number = StringProperty("")
    max_digits = NumericProperty(32)

    def press(self, key: str) -> None:
        if key == "del":
            self.number = self.number[:-1]
        elif key == "clear":
            self.number = ""
        elif key.isdigit() and len(self.number) < self.max_digits:
            self.number += key
