"""The import's fit check: does a translated text fit the box its message has (kiosk/i18n/spaces.py),
laid out by the screens' own code?

The text is given to the screens' own widget (kiosk/screens/text.py: a KioskLabel or a
KioskButton), set up as the tour found it (box, type size, wrapping, whether Mongolian may stand
in columns there), and laid out by it: the Chinese line-breaking rules of
kiosk/screens/linebreak.py, Mongolian shaped with its own face, in columns
(kiosk/i18n/vertical.py) where the box holds them, horizontally otherwise, set smaller as the
screens set it. It does not fit when a word is cut because no line holds it, when lines are cut
off by the box, or when the text is taller than a box of fixed height, even with the type shrunk
as far as the screen shrinks it (FIT_FLOOR for buttons and tiles). A VerticalMongolianLabel's box
is checked with `layout_vertical` directly. Kivy is needed: the import runs offscreen, like the tour.
"""
from __future__ import annotations

from ..i18n.spaces import Space, load_spaces, space_of


class ScreenFit:
    def __init__(self, language: str, spaces: dict | None = None):
        from ..ui.boot import prepare_environment
        prepare_environment(offscreen=True)
        from kivy.core.window import Window   # noqa: F401 - drawing a measured texture needs a GL context

        from ..ui.fonts import register_fonts
        register_fonts()                      # the screens' default face (Chinese, with Latin and digits)
        self.language = language
        self.spaces = load_spaces() if spaces is None else spaces
        self._measures: dict[float, object] = {}

    def measure(self, font: float):
        from ..testing.vertical_widgets import KivyMeasure
        font = round(font, 1)
        if font not in self._measures:
            self._measures[font] = KivyMeasure(font)
        return self._measures[font]

    def line_height(self, text: str, font: float) -> float:
        """The height of one line of `text` as the screens' label draws it."""
        label = self._label(text, Space(width_dp=10_000, height_dp=None, font_dp=font))
        return float(label.texture_size[1])

    def __call__(self, key: str, text: str, mode: str) -> str | None:
        space = space_of(key, mode, self.spaces)
        if space.vertical:
            return self._vertical(text, space)
        return self._in_widget(text, space)

    def _label(self, text: str, space: Space, scale: float = 1.0):
        from ..screens.text import KioskButton, KioskLabel

        cls = KioskButton if space.widget == "button" else KioskLabel
        label = cls(font_size=space.font_dp * scale, padding=(0, 0, 0, 0), size_hint=(None, None),
                    size=(space.width_dp, space.height_dp or 100_000))
        label.columns, label.column_aspect = space.columns, space.column_aspect
        if space.wraps != "wrap":
            label.wrap = False
            label.text_size = (space.width_dp, space.height_dp) if space.wraps == "box" else (None, None)
        label.text = text
        label.texture_update()
        return label

    def _in_widget(self, text: str, space: Space) -> str | None:
        from ..screens.text import FIT_FLOOR, FIT_STEP

        scales = [1.0]
        while space.shrinks and scales[-1] - FIT_STEP >= FIT_FLOOR - 1e-6:
            scales.append(round(scales[-1] - FIT_STEP, 2))
        why = None
        for scale in scales:
            label = self._label(text, space, scale)
            if label.in_columns:
                return None
            font = space.font_dp * scale * getattr(label, "mongolian_scale", 1.0)
            laid_out, drawn = label.lines_shown()
            if label.forced_breaks:
                why = f"a word is wider than the {space.width_dp:.0f} dp line at type {font:.0f} dp (it would be cut)"
            elif drawn < laid_out:
                why = f"{laid_out - drawn} of {laid_out} lines cut off by the box"
            elif space.height_dp is not None and label.texture_size[1] > space.height_dp + 0.5:
                why = (f"{laid_out} line{'s' if laid_out > 1 else ''} ({label.texture_size[1]:.0f} dp) in a box "
                       f"{space.height_dp:.0f} dp high")
            elif space.wraps == "none" and label.texture_size[0] > space.width_dp + 0.5:
                why = f"{label.texture_size[0]:.0f} dp wide in a box {space.width_dp:.0f} dp wide"
            else:
                return None
            if space.shrinks:
                why += f", even with the type shrunk to {scale:.0%}"
        return why

    def _vertical(self, text: str, space: Space) -> str | None:
        from ..i18n.vertical import layout_vertical

        measure = self.measure(space.font_dp)
        layout = layout_vertical(text, space.height_dp or 0, measure)
        if layout.overflow:
            return f"a letter is taller than the {space.height_dp:.0f} dp column"
        if layout.split_words:
            return f"a word is longer than the {space.height_dp:.0f} dp column (it would be cut)"
        if layout.width > space.width_dp + 0.5:
            return f"{len(layout.columns)} columns ({layout.width:.0f} dp) in a box {space.width_dp:.0f} dp wide"
        return None
