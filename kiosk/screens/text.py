"""Every text on every screen goes through one label: `KioskLabel` (and the buttons, which are
labels too). Before Kivy draws it, the text is broken into lines by the Chinese rules
(kiosk/screens/linebreak.py), measured with the label's own font through Kivy's text provider,
and Kivy gets the lines with explicit line breaks, which it then keeps (each fits the width).

A label wraps when its text_size has a width (the kv rule of KioskLabel gives it its own width);
a button's text wraps inside the button.
"""
from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, OptionProperty
from kivy.uix.button import Button
from kivy.uix.label import Label
from kivy.uix.togglebutton import ToggleButton

from .linebreak import break_text

_MEASURED_LIMIT = 50_000
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

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fbind("width", self._wrap_to_width)
        self.fbind("wrap_margin", self._wrap_to_width)
        self.fbind("wrap", self._wrap_changed)
        self._wrap_to_width()
        for name in ("text", "size", "fit"):
            self.fbind(name, self._refit_when_fitting)
        self.fbind("texture_size", self._check_fit)

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
        if not self.markup:
            self._label.text = self.broken_text()
        super().texture_update(*largs)

    def broken_text(self) -> str:
        text, width = self.text, self.text_size[0]
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
        laid_out = self._label.text.count("\n") + 1 if self._label.text else 0
        return laid_out, len(getattr(self._label, "_cached_lines", []) or [])


class KioskLabel(LineBreaking, Label):
    pass


STYLES = ("primary", "secondary", "danger", "key", "choice")


class KioskButton(LineBreaking, Button):
    """The one button of the kiosk: rounded, in one of a few `style`s drawn by widgets.kv
    (primary: the screen's main action; secondary: back, home, decline; danger; key: a keypad's
    key; choice: one of several options)."""
    style = OptionProperty("primary", options=STYLES)


class KioskToggleButton(LineBreaking, ToggleButton):
    """A choice that stays chosen (rating reasons and phrases): drawn as a `choice` button."""
    style = OptionProperty("choice", options=STYLES)
