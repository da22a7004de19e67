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
from kivy.graphics import Canvas, Color
from kivy.metrics import dp
from kivy.properties import AliasProperty, BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.image import Image
from kivy.uix.layout import Layout
from kivy.uix.screenmanager import Screen

from ..i18n.vertical import has_mongolian, layout_vertical
from .text import FIT_FLOOR, FitsText, KioskButton, KioskLabel, KioskToggleButton  # noqa: F401  (kv rules name them)
from .vertical_label import ColumnPainter, measure_at


class KioskScreen(Screen):
    """Base of every screen. `reset()` clears whatever the screen shows about a citizen."""

    def reset(self) -> None:
        pass


class Tile(ButtonBehavior, BoxLayout):
    """A large home-screen tile: a title and a one-line explanation (the title alone in 长辈模式).
    Its grid gives it its size and `text_scale` (the type set smaller until every tile fits).

    A Mongolian title (and subtitle) is drawn in columns, top to bottom and left to right, by the
    tile itself, centred; its labels then show nothing. On the bilingual home the Chinese title
    (`beside_title`) stands on top and the Mongolian title's columns below it. When the columns
    cannot fit even at the grid's smallest type, the tile shows the Mongolian in its labels,
    horizontally (`in_columns` false)."""
    title = StringProperty("")
    subtitle = StringProperty("")
    beside_title = StringProperty("")      # bilingual home: the Chinese shown above the Mongolian columns
    flow = ObjectProperty(None, allownone=True)
    text_scale = NumericProperty(1.0)
    in_columns = BooleanProperty(True)     # the Mongolian (if any) is drawn in columns
    columns_below = NumericProperty(0)     # bilingual: the height kept under the Chinese for the columns
    COLUMN_GAP_DP = 10
    BILINGUAL_SHARE = 0.62                 # of the tile's height, for the Mongolian columns
    SUBTITLE_FLOOR = 0.8                   # the grid's type scale under which a subtitle's columns go

    def _columns_shown(self) -> bool:
        return self.in_columns and has_mongolian(self.title)

    def _label_title(self) -> str:
        return self.beside_title or ("" if self._columns_shown() else self.title)

    def _label_subtitle(self) -> str:
        if self.beside_title:    # bilingual: the two titles fill the tile (the Mongolian here if not in columns)
            return "" if self._columns_shown() else self.title
        return "" if self._columns_shown() else self.subtitle

    label_title = AliasProperty(_label_title, bind=("title", "beside_title", "in_columns"), cache=True)
    label_subtitle = AliasProperty(_label_subtitle, bind=("subtitle", "beside_title", "title", "in_columns"),
                                   cache=True)

    def __init__(self, **kwargs):
        self._columns = Canvas()
        self._painter = ColumnPainter()
        self._column_layouts: tuple = ()
        self._columns_span = 0.0
        self._redraw_columns = Clock.create_trigger(self.draw_columns, 0)
        super().__init__(**kwargs)
        self.canvas.after.add(self._columns)
        for name in ("title", "subtitle", "beside_title", "size", "pos", "text_scale"):
            self.fbind(name, self._redraw_columns)

    def on_kv_post(self, _base) -> None:
        # A tile declared in a kv rule gets its own rule (and ids) after its grid has taken it.
        if isinstance(self.parent, TileGrid):
            self.parent._watch_tiles()
        self._redraw_columns()

    def _padding_of(self) -> tuple[float, float, float, float]:
        padding = list(self.padding)
        if len(padding) == 2:
            padding = [padding[0], padding[1], padding[0], padding[1]]
        return tuple(padding) if len(padding) == 4 else (padding[0],) * 4

    def draw_columns(self, *_args) -> None:
        self._columns.clear()
        if not has_mongolian(self.title) or "title_label" not in self.ids:
            self._column_layouts, self.columns_below = (), 0
            return
        app = App.get_running_app()
        left, top, right, bottom = self._padding_of()
        inner = max(self.height - top - bottom + self.columns_below, 1)
        height = inner * self.BILINGUAL_SHARE if self.beside_title else inner
        grid = getattr(self, "_grid", None)
        texts = [(self.title, self.ids.title_label.font_size)]
        # the subtitle's columns only while they stay legible: below SUBTITLE_FLOOR the title alone
        legible = grid is None or grid.fit_scale >= self.SUBTITLE_FLOOR - 1e-6
        if self.subtitle and not self.beside_title and not getattr(app, "elder", False) and legible:
            texts.append((self.subtitle, self.ids.subtitle_label.font_size))
        at_floor = grid is None or grid.fit_scale <= FIT_FLOOR + 1e-6
        gap = dp(self.COLUMN_GAP_DP)
        while True:
            layouts = [(layout_vertical(text, height, measure_at(size)), size) for text, size in texts]
            width = sum(layout.width for layout, _size in layouts) + gap * (len(layouts) - 1)
            self._column_layouts, self._columns_span = tuple(layout for layout, _size in layouts), width
            if not (self.column_problems() and at_floor):
                break
            if len(texts) == 1:      # not even the title alone: horizontal instead
                self.in_columns, self._column_layouts, self.columns_below = False, (), 0
                return
            texts = texts[:1]        # the title alone, as in 长辈模式
        self.in_columns = True
        self.columns_below = height if self.beside_title else 0
        x = self.x + (self.width - width) / 2
        longest = max((c.length for layout, _size in layouts for c in layout.columns), default=0)
        if self.beside_title:
            top_y = self.y + bottom - self.columns_below + height
        else:
            top_y = self.top - top - max(height - longest, 0) / 2
        with self._columns:
            Color(1, 1, 1, 1)
            for layout, size in layouts:
                self._painter.draw(layout, x, top_y, size)
                x += layout.width + gap
        if grid is not None:
            grid.fit_later()

    def column_problems(self) -> list[str]:
        """Why the Mongolian columns do not fit the tile (empty when they do)."""
        problems = []
        for layout in self._column_layouts:
            if layout.overflow:
                problems.append("a column is longer than the tile")
            if layout.split_words:
                problems.append("a word cut between two columns")
        if self._column_layouts and self._columns_span > self.width - dp(28) + 0.5:
            problems.append(f"columns {self._columns_span:.0f}px wide in a tile {self.width:.0f}px wide")
        return problems

    def layout_problems(self) -> list[tuple[str, str]]:
        return [("columns", problem) for problem in self.column_problems()]

    def overflows(self) -> bool:
        if self.column_problems():
            return True
        _left, top, _right, bottom = self._padding_of()
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


class TopBarTitle(KioskLabel):
    """The top bar's title, set smaller to fit beside the bar's buttons; when even the smallest
    type overflows the bar (a long Mongolian title beside buttons whose own words run long), it
    asks its bar for the row to itself (`TopBar.crowded`)."""

    def _check_fit(self, *args) -> None:
        super()._check_fit(*args)
        if self.fit_scale <= FIT_FLOOR + 1e-6 and self.overflows():
            bar = self.parent
            while bar is not None and not isinstance(bar, TopBar):
                bar = bar.parent
            if bar is not None and not bar.crowded:
                bar.crowded = True


class TopBar(BoxLayout):
    """Title and a way home, and 静音; in 长辈模式 also 求助, so help is one tap away on every
    screen (but the help screen itself: `offers_help`), and 再听一遍. In 长辈模式 on a portrait
    panel the title's row cannot hold them all: 求助, 再听一遍 and 静音 move to a row below it
    (`tools_below`). A title that does not fit beside the buttons even set smaller (`crowded`)
    gets the row to itself: every button, 返回首页 too, goes to the row below. A new title, width
    or mode tries the title's row again."""
    title = StringProperty("")
    offers_help = BooleanProperty(True)
    tools_below = BooleanProperty(False)
    crowded = BooleanProperty(False)
    TOOLS = ("help_button", "replay_button", "mute_button")

    def on_kv_post(self, _base) -> None:
        app = App.get_running_app()
        if app is not None:
            app.fbind("elder", self._uncrowd)
        self.fbind("title", self._uncrowd)
        self.fbind("width", self._uncrowd)
        self.arrange()

    def _uncrowd(self, *_args) -> None:
        self.crowded = False

    def on_tools_below(self, *_args) -> None:     # set by the kv rule from 长辈模式 and the orientation
        self.arrange()

    def on_crowded(self, *_args) -> None:
        self.arrange()

    @property
    def below(self) -> bool:
        return self.tools_below or self.crowded

    def arrange(self, *_args) -> None:
        if "bar" not in self.ids:
            return
        bar, row, home = self.ids.bar, self.ids.tools_row, self.ids.home_button
        tools = [self.ids[name] for name in self.TOOLS]
        for widget in tools + [home]:
            if widget.parent is not None:
                widget.parent.remove_widget(widget)
        if self.crowded:
            tools.append(home)      # the title keeps its row alone: 返回首页 goes below too
        else:
            bar.add_widget(home)
        for tool in tools:          # in the order of TOOLS, after the title or the row's gap
            if self.below:
                row.add_widget(tool, index=0)
            else:
                bar.add_widget(tool, index=1)   # before 返回首页

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
