"""Every text on every screen goes through one label: `KioskLabel` (and the buttons, which are
labels too). Before Kivy draws it, the text is broken into lines by the Chinese rules
(kiosk/screens/linebreak.py), measured with the label's own font through Kivy's text provider,
and Kivy gets the lines with explicit line breaks, which it then keeps (each fits the width).

A label wraps when its text_size has a width (the kv rule of KioskLabel gives it its own width);
a button's text wraps inside the button.

Traditional Mongolian (a text holding Mongolian letters: the `mn` catalogue, the pseudo-locale
x-mn-pseudo, the hall's Mongolian name) goes the same way, once, here: a widget whose box is fixed
and says `columns: True` (buttons, the top bar's title) draws it in columns, top to bottom and
left to right (kiosk/i18n/vertical.py), when the columns fit its box without cutting a word;
otherwise, and in every label whose height follows its text, it is drawn horizontally, each run
in its own face (the Mongolian face has no digits, Latin letters or brackets), broken by the same
rules with the mixed runs measured shaped. docs/mongolian.md says which places end up horizontal.
"""
from __future__ import annotations

from kivy.core.text.markup import MarkupLabel as CoreMarkupLabel
from kivy.graphics import Canvas, Color
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, OptionProperty
from kivy.uix.button import Button
from kivy.uix.label import Label
from kivy.uix.togglebutton import ToggleButton
from kivy.utils import get_hex_from_color

from ..i18n.vertical import has_mongolian, layout_vertical
from .linebreak import break_text
from .type_steps import on_ladder
from .vertical_label import MONGOLIAN_SCRIPT, ColumnPainter, horizontal_measure, measure_at, mixed_markup

_MEASURED_LIMIT = 50_000
# Mongolian in a box of fixed size: the type steps down to fit; columns no smaller than COLUMN_FLOOR
# (below it the horizontal lines read better than thin columns).
MONGOLIAN_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6)
COLUMN_FLOOR = 0.7
_measured: dict[tuple, int] = {}

FIT_STEP, FIT_FLOOR = 0.05, 0.6
_fitting: dict[int, object] = {}   # widget id -> the Clock event of its next fitting step


def fits_pending() -> bool:
    """Whether some text is still being shrunk to fit (a screenshot waits for it)."""
    for key, event in list(_fitting.items()):
        if not event.is_triggered:     # ran or cancelled (e.g. its app was stopped)
            _fitting.pop(key, None)
    return bool(_fitting)


class FitsText:
    """Shrinks `fit_scale` (which the kv rule multiplies into its font sizes) step by step, one
    frame each, until `overflows()` is false or the floor is reached; back to 1 when the box or
    the text changes. For boxes whose size does not follow their text: buttons, home tiles."""
    fit_scale = NumericProperty(1.0)

    def refit(self, *_args) -> None:
        if self.fit_scale != 1.0:
            self.fit_scale = 1.0
        self.fit_later()

    def fit_later(self, *_args) -> None:
        from kivy.clock import Clock

        event = _fitting.get(id(self))
        if event is None or not event.is_triggered:
            _fitting[id(self)] = Clock.schedule_once(self._fit, 0)

    def _fit(self, _dt=None) -> None:
        _fitting.pop(id(self), None)
        if self.overflows() and self.fit_scale > FIT_FLOOR + 1e-6:
            self.fit_scale = round(max(self.fit_scale - FIT_STEP, FIT_FLOOR), 2)
            self.fit_later()

    def overflows(self) -> bool:
        raise NotImplementedError


def measurer(core):
    """A function giving the width in pixels of a text in the core label's current font."""
    core.resolve_font_name()
    options = core.options
    font = (options.get("font_name_r"), options.get("font_size"), options.get("bold"), options.get("italic"),
            options.get("font_features"), options.get("font_script_name"))
    if len(_measured) > _MEASURED_LIMIT:
        _measured.clear()

    def measure(text: str) -> int:
        key = (font, text)
        width = _measured.get(key)
        if width is None:
            width = _measured[key] = core.get_extents(text)[0]
        return width

    return measure


class LineBreaking(FitsText):
    """Mixed into a Label class: lays its text out by the rules of linebreak.py.

    With `wrap` (the default) the text wraps in the widget's width less `wrap_margin`; a kv rule
    that sets its own text_size (a label filling a box with valign, a button sized to its text)
    sets `wrap: False` too. Done here rather than in a kv class rule, whose binding on the width
    would overwrite the text_size a screen's rule gives."""
    forced_breaks = NumericProperty(0)   # runs (codes, numbers) cut because they were wider than the line
    wrap = BooleanProperty(True)
    wrap_margin = NumericProperty(0)
    fit = BooleanProperty(False)          # shrink the font (fit_scale) while the text overflows the box
    columns = BooleanProperty(False)      # Mongolian text may be drawn in columns (a box that does not follow its text)
    in_columns = BooleanProperty(False)   # it is: the horizontal texture is empty, the columns are in canvas.after
    column_layout = ObjectProperty(None, allownone=True)   # the columns drawn (kiosk.i18n.vertical.VerticalLayout)
    # Columns only in a box at least this tall for its width (buttons: 1, a column in a wide, low
    # button reads worse than a line); 0: any box that holds them.
    column_aspect = NumericProperty(0)
    fixed_height = BooleanProperty(False)    # a button: its height does not follow its text
    mongolian_scale = NumericProperty(1.0)   # how much smaller Mongolian is set to fit a fixed box (1: not at all)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fbind("width", self._wrap_to_width)
        self.fbind("wrap_margin", self._wrap_to_width)
        self.fbind("wrap", self._wrap_changed)
        self._wrap_to_width()
        for name in ("text", "size", "fit"):
            self.fbind(name, self._refit_when_fitting)
        self.fbind("texture_size", self._check_fit)
        self._mongolian_core = None
        self._column_group = None
        self.fbind("pos", self._place_columns)
        for name in ("columns", "size", "halign", "valign"):
            self.fbind(name, self._texture_later)
        self.fbind("parent", self._watch_row)

    def _watch_row(self, *_args) -> None:
        # a button sized to its text takes its share of the row (Mongolian): the row's width counts
        if self.parent is not None and self.fixed_height:
            self.parent.fbind("width", self._texture_later)
        self.fbind("font_size", _font_size_on_ladder)
        _font_size_on_ladder(self, self.font_size)

    def _texture_later(self, *_args) -> None:
        if has_mongolian(self.text):
            self._trigger_texture()

    def _refit_when_fitting(self, *_args) -> None:
        if self.fit:
            self.refit()

    def _check_fit(self, *_args) -> None:
        if self.fit:
            self.fit_later()

    def overflows(self) -> bool:
        _left, top, _right, bottom = self.padding
        return (self.texture_size[1] > self.height - top - bottom + 0.5
                or (self.text_size[0] is None and self.texture_size[0] > self.width + 0.5))

    def _wrap_to_width(self, *_args) -> None:
        if self.wrap:
            self.text_size = (max(self.width - self.wrap_margin, 1), None)

    def _wrap_changed(self, *_args) -> None:
        if self.wrap:
            self._wrap_to_width()
        else:
            self.text_size = (None, None)

    def texture_update(self, *largs):
        if not self.markup and has_mongolian(self.text):
            self._mongolian_texture_update()
            return
        self._clear_columns()
        if not self.markup:
            self._label.text = self.broken_text()
        super().texture_update(*largs)

    # Mongolian --------------------------------------------------------------------------------------
    def _mongolian_texture_update(self) -> None:
        if self.columns and self._lay_out_columns():
            self.texture, self.texture_size, self.is_shortened = None, (0, 0), False
            self.forced_breaks = 0
            return
        self._clear_columns()
        self._horizontal_mongolian()

    def _box(self) -> tuple[float, float]:
        left, top, right, bottom = self.padding
        return max(self.width - left - right - self.wrap_margin, 1), max(self.height - top - bottom, 1)

    def _lay_out_columns(self) -> bool:
        """Lays the text in columns and draws them, the type set smaller (down to COLUMN_FLOOR)
        if it must; False when they do not fit the box even then (a word cut, a column too long,
        or more columns than the width holds)."""
        width, height = self._box()
        if height < width * self.column_aspect:
            return False
        for scale in MONGOLIAN_SCALES:
            if scale < COLUMN_FLOOR:
                return False
            size = self.font_size * scale
            layout = layout_vertical(self.text, height, measure_at(size))
            if layout.columns and not (layout.split_words or layout.overflow or layout.width > width + 0.5):
                self.column_layout, self.in_columns, self.mongolian_scale = layout, True, scale
                self._place_columns()
                return True
        return False

    def _place_columns(self, *_args) -> None:
        layout = self.column_layout
        if not self.in_columns or layout is None:
            return
        if self._column_group is None:
            self._column_group = Canvas()
            self.canvas.after.add(self._column_group)
            self._painter = ColumnPainter()
        width, height = self._box()
        left_pad, top_pad, _right, _bottom = self.padding
        spare_x = width - layout.width
        spare_y = height - max(c.length for c in layout.columns)
        x = self.x + left_pad + self.wrap_margin / 2 + {"center": spare_x / 2, "right": spare_x}.get(self.halign, 0)
        top = self.top - top_pad - {"middle": spare_y / 2, "center": spare_y / 2, "bottom": spare_y}.get(self.valign, 0)
        self._column_group.clear()
        with self._column_group:
            Color(*(self.disabled_color if self.disabled else self.color))
            self._painter.draw(layout, x, top, self.font_size * self.mongolian_scale)

    def _clear_columns(self) -> None:
        if self.in_columns:
            self.in_columns, self.column_layout = False, None
        if self._column_group is not None:
            self._column_group.clear()

    def _horizontal_mongolian(self) -> None:
        """Horizontal lines of mixed runs, broken by the rules, drawn with Kivy's markup. In a box
        of fixed height (text_size has one) the type is set smaller, down to the floor, while the
        lines overflow it: Mongolian runs longer than the Chinese the box was drawn for."""
        box_height, row_share = self.text_size[1], None
        if self.fixed_height and list(self.text_size) == [None, None]:
            # a button sized to its text: its line no taller than the button and no wider than
            # its share of the row it stands in (a top bar's title and buttons)
            _left, top, _right, bottom = self.padding
            box_height = self.height - top - bottom
            if self.parent is not None and self.parent.width > 1 and self.parent.children:
                # the row's title (its first widget) keeps two shares
                row_share = self.parent.width / (len(self.parent.children) + 1) - self.wrap_margin
        for scale in MONGOLIAN_SCALES:
            core = self._horizontal_core(self.font_size * scale)
            if row_share is not None and core.texture is not None and core.texture.size[0] > row_share:
                wrapped = self._horizontal_core(self.font_size * scale, wrap_to=row_share)   # more lines, narrower
                too_tall = box_height is not None and wrapped.texture is not None \
                    and wrapped.texture.size[1] > box_height + 0.5 and scale == MONGOLIAN_SCALES[-1]
                if self.forced_breaks or too_tall:   # a word wider than the share, or no room for lines: one line
                    self.forced_breaks = 0
                else:
                    core = wrapped
            laid_out, drawn = core.text.count("\n") + 1, len(getattr(core, "_cached_lines", []) or [])
            if core.texture is None:
                break
            fits = drawn >= laid_out if self.text_size[1] is not None else True
            if box_height is not None and self.text_size[1] is None:
                fits = core.texture.size[1] <= box_height + 0.5
            if row_share is not None:
                fits = fits and core.texture.size[0] <= row_share
            if box_height is None and row_share is None or fits:
                break
        self.mongolian_scale = scale
        self._mongolian_core = core
        self.texture = core.texture
        self.texture_size = list(core.texture.size) if core.texture is not None else (0, 0)
        self.is_shortened = core.is_shortened

    def _horizontal_core(self, font_size: float, wrap_to: float | None = None):
        text = self.text.strip() if self.strip else self.text
        width = self.text_size[0] if wrap_to is None else wrap_to
        lines = text.split("\n")
        self.forced_breaks = 0
        measure = horizontal_measure(font_size, self.bold)
        if width is not None:
            left, _top, right, _bottom = self.padding
            usable = max(int(width - left - right) - 1, 1)
            layout = break_text(text, usable, measure)
            self.forced_breaks, lines = layout.forced, layout.lines
        options = {k: v for k, v in self._label.options.items()
                   if k not in ("text", "font_script_name", "text_size", "font_size")}
        core = CoreMarkupLabel(text_size=self.text_size, font_size=font_size, font_script_name=MONGOLIAN_SCRIPT,
                               **options)
        core.text = "[color={}]{}[/color]".format(get_hex_from_color(self.disabled_color if self.disabled else self.color),
                                               mixed_markup(lines))
        core.refresh()
        # The provider measures a Mongolian run with the script its font was last drawn with
        # (docs/mongolian.md, pitfall 1): a font Kivy reopened meanwhile lays the lines out
        # unshaped, too wide. Drawn once, it is shaped: lay them out again then.
        left, _top, right, _bottom = self.padding
        widest = max((measure(line) for line in lines), default=0) + left + right
        if core.texture is not None and (len(core._cached_lines or []) > len(lines) or core.texture.size[0] > max(widest, width or 0) + 2):
            core.refresh()
        return core

    def shown_text(self) -> str:
        """The text as drawn (a chosen toggle adds its mark)."""
        return self.text

    def broken_text(self) -> str:
        text, width = self.shown_text(), self.text_size[0]
        if not text or width is None:
            self.forced_breaks = 0
            return text
        left, _top, right, _bottom = self.padding
        # Kivy compares whole pixels; one pixel to spare keeps a line it would measure differently.
        usable = max(int(width - left - right) - 1, 1)
        layout = break_text(text, usable, measurer(self._label))
        self.forced_breaks = layout.forced
        return "\n".join(layout.lines)

    def lines_shown(self) -> tuple[int, int]:
        """(lines laid out, lines Kivy drew): fewer drawn means the box cut the text off."""
        if self.in_columns:
            return 0, 0
        if has_mongolian(self.text) and self._mongolian_core is not None:
            core = self._mongolian_core
            return core.text.count("\n") + 1, len(getattr(core, "_cached_lines", []) or [])
        laid_out = self._label.text.count("\n") + 1 if self._label.text else 0
        return laid_out, len(getattr(self._label, "_cached_lines", []) or [])



def _font_size_on_ladder(widget, size: float) -> None:
    """One ladder of sizes for every label and button (kiosk/screens/type_steps.py: each size is
    a font opened and kept by Kivy's text provider)."""
    stepped = on_ladder(size)
    if stepped != size:
        widget.font_size = stepped


class KioskLabel(LineBreaking, Label):
    pass


CHOSEN_MARK = "✓"    # in the bundled CJK font (U+2713)
STYLES = ("primary", "secondary", "danger", "key", "choice")


class KioskButton(LineBreaking, Button):
    """The one button of the kiosk: rounded, in one of a few `style`s drawn by widgets.kv
    (primary: the screen's main action; secondary: back, home, decline; danger; key: a keypad's
    key; choice: one of several options). Mongolian stands in columns in a button at least as
    tall as it is wide."""
    style = OptionProperty("primary", options=STYLES)
    columns = BooleanProperty(True)
    column_aspect = NumericProperty(1.0)
    fixed_height = BooleanProperty(True)


class KioskToggleButton(LineBreaking, ToggleButton):
    """A choice that stays chosen (rating reasons and phrases): drawn as a `choice` button.
    While chosen its text begins with CHOSEN_MARK, so the choice never shows by its fill alone
    (a citizen who tells colours apart poorly sees the mark); `text` itself stays the choice's."""
    style = OptionProperty("choice", options=STYLES)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fbind("state", self._trigger_texture)

    def shown_text(self) -> str:
        return f"{CHOSEN_MARK} {self.text}" if self.state == "down" and self.text else self.text
    columns = BooleanProperty(True)
    column_aspect = NumericProperty(1.0)
