"""Traditional Mongolian on screen: `VerticalMongolianLabel` draws text in columns, top to bottom,
columns left to right (kiosk/i18n/vertical.py decides the lines).

Each run is a texture from Kivy's text provider (SDL2_ttf with HarfBuzz in Kivy 2.3.1's wheel):
Mongolian runs with the bundled Noto Sans Mongolian and font_script_name="Mong" (without it
HarfBuzz shapes them as Latin: isolated letters, about 1.7 times longer), Latin/digit runs and
upright Chinese with the Chinese face. A rotated run is the horizontal texture turned 90 degrees
clockwise with canvas instructions; font_direction="ttb" is no substitute (it stacks the glyphs
upright, which is not how the script is written, and draws them on top of each other).

Why `KivyMeasure.prime`: Kivy 2.3.1's SDL2 provider sets the script on its cached font (one per
file and size) only when a texture is actually drawn, and measures before that, with whatever
script the font last had. The first Mongolian label at a size is therefore measured unshaped.
Drawing one small primed texture before measuring puts the font in the right state.
"""
from __future__ import annotations

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color, PopMatrix, PushMatrix, Rectangle, Rotate, Translate
from kivy.properties import BooleanProperty, ColorProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.widget import Widget

from ..i18n.vertical import CJK, MONG, VerticalLayout, layout_vertical, runs_of
from ..paths import FONTS

# The bundled faces (the same files kiosk/ui/fonts.py registers; named here because the screens'
# layer sits below kiosk.ui).
CHINESE_FONT = FONTS / "NotoSansCJKsc-Regular.otf"
MONGOLIAN_FONT = FONTS / "NotoSansMongolian-Regular.ttf"
MONGOLIAN_SCRIPT = "Mong"
_PRIME_TEXT = "\u182E\u1823"    # two letters that join, as code points (no Mongolian typed)
_MEASURES_KEPT = 32


def core_label(text: str, kind: str, font_size: float, bold: bool = False) -> CoreLabel:
    if kind == MONG:
        return CoreLabel(text=text, font_name=str(MONGOLIAN_FONT), font_size=font_size, bold=bold,
                         font_script_name=MONGOLIAN_SCRIPT)
    return CoreLabel(text=text, font_name=str(CHINESE_FONT), font_size=font_size, bold=bold)


def run_texture(text: str, kind: str, font_size: float):
    label = core_label(text, kind, font_size)
    label.refresh()
    return label.texture


class KivyMeasure:
    """vertical.Measure backed by the text provider: lengths are shaped widths in pixels."""

    def __init__(self, font_size: float):
        self.font_size = font_size
        self._cache: dict[tuple[str, str], float] = {}
        self.prime()
        heights = [core_label("\u1820", MONG, font_size).get_extents("\u1820")[1],
                   core_label("中", CJK, font_size).get_extents("中")[1]]
        self.thickness = float(max(heights))

    def prime(self) -> None:
        """Draws one Mongolian texture so the cached font carries the Mongolian script."""
        texture = run_texture(_PRIME_TEXT, MONG, self.font_size)
        texture.pixels     # noqa: B018 - reading the pixels is what makes the provider draw

    def rotated(self, text: str, kind: str) -> float:
        key = (kind, text)
        if key not in self._cache:
            self._cache[key] = float(core_label(text, kind, self.font_size).get_extents(text)[0])
        return self._cache[key]

    def upright(self, text: str) -> float:
        return sum(self.rotated(ch, CJK) for ch in text)   # a Chinese character's box is its advance


_measures: dict[float, KivyMeasure] = {}
_widths: dict[tuple, float] = {}


def horizontal_measure(font_size: float, bold: bool = False):
    """Width in pixels of a horizontal line of mixed runs, each in its own face, as
    `mixed_markup` draws it (Mongolian shaped, after priming the font at this size and weight)."""
    texture = core_label(_PRIME_TEXT, MONG, font_size, bold)
    texture.refresh()
    texture.texture.pixels     # noqa: B018 - reading the pixels is what makes the provider draw
    if len(_widths) > 50_000:
        _widths.clear()

    def width(text: str) -> float:
        total = 0.0
        for kind, run in runs_of(text):
            key = (kind, run, font_size, bold)
            if key not in _widths:
                _widths[key] = float(core_label(run, kind, font_size, bold).get_extents(run)[0])
            total += _widths[key]
        return total
    return width


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("[", "&bl;").replace("]", "&br;")


def mixed_markup(lines: list[str]) -> str:
    """Kivy markup drawing each Mongolian run with the Mongolian face (the label itself in the
    Chinese face, which has the digits, Latin letters and brackets the Mongolian face lacks)."""
    return "\n".join("".join(f"[font={MONGOLIAN_FONT}]{_escaped(run)}[/font]" if kind == MONG else _escaped(run)
                              for kind, run in runs_of(line)) for line in lines)


def measure_at(font_size: float) -> KivyMeasure:
    """The shared measure for a size, primed again (Kivy may have closed and reopened the font
    since: it keeps 64 open)."""
    measure = _measures.get(font_size)
    if measure is None:
        if len(_measures) >= _MEASURES_KEPT:
            _measures.clear()
        measure = _measures[font_size] = KivyMeasure(font_size)
    else:
        measure.prime()
    return measure


class ColumnPainter:
    """Draws a VerticalLayout's runs with canvas instructions (inside a `with canvas:` block):
    shared by VerticalMongolianLabel and by the screens' labels, buttons and tiles that turn
    Mongolian text into columns (kiosk/screens/text.py, widgets.py)."""

    def __init__(self) -> None:
        self._textures: dict[tuple[str, str, float], object] = {}

    def draw(self, layout: VerticalLayout, left: float, top: float, font_size: float) -> None:
        for column in layout.columns:
            for run in column.runs:
                self._draw_run(run, left + column.x, top - run.top, layout.thickness, font_size)

    def _draw_run(self, run, left: float, top: float, thickness: float, font_size: float) -> None:
        key = (run.kind, run.text, font_size)
        texture = self._textures.get(key)
        if texture is None:
            if len(self._textures) > 200:
                self._textures.clear()
            texture = self._textures[key] = run_texture(run.text, run.kind, font_size)
        w, h = texture.size
        if run.kind == CJK:
            # upright, centred in its em box and in the column
            Rectangle(texture=texture, size=(w, h), pos=(left + (thickness - w) / 2, top - run.length / 2 - h / 2))
            return
        # turned 90 degrees clockwise about the run's top-left corner: the text's start at the
        # top, the tops of the letters to the right
        PushMatrix()
        Translate(left + (thickness - h) / 2, top)
        Rotate(angle=-90, origin=(0, 0))
        Rectangle(texture=texture, size=(w, h), pos=(0, 0))
        PopMatrix()


class VerticalMongolianLabel(Widget):
    """Columns of text from the widget's top-left corner; `layout` tells what was drawn
    (columns, split_words, overflow) and `minimum_width` how wide the columns are."""
    text = StringProperty("")
    font_size = NumericProperty(32)
    color = ColorProperty((1, 1, 1, 1))
    column_gap = NumericProperty(0)
    layout = ObjectProperty(None, allownone=True)
    minimum_width = NumericProperty(0)
    overflow = BooleanProperty(False)

    def __init__(self, **kwargs):
        self._redraw_later = Clock.create_trigger(self.redraw, 0)
        self._painter = ColumnPainter()
        super().__init__(**kwargs)
        for name in ("text", "font_size", "color", "column_gap", "size", "pos"):
            self.fbind(name, self._redraw_later)
        self._redraw_later()

    def redraw(self, *_args) -> VerticalLayout:
        layout = layout_vertical(self.text, self.height, measure_at(self.font_size), self.column_gap)
        self.canvas.clear()
        with self.canvas:
            Color(*self.color)
            self._painter.draw(layout, self.x, self.top, self.font_size)
        self.layout, self.minimum_width, self.overflow = layout, layout.width, layout.overflow
        return layout
