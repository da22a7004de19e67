"""The import's fit check: does a translated text fit the box its message has (kiosk/i18n/spaces.py),
laid out by the screens' own code?

- Horizontal text (every language today, Mongolian in a widget that cannot hold a column):
  kiosk/screens/linebreak.py's `break_text`, the rules every KioskLabel and KioskButton breaks
  lines by, with widths measured by Kivy's text provider in the face that draws each run
  (Mongolian runs shaped with Noto Sans Mongolian and script "Mong", KivyMeasure of
  kiosk/screens/vertical_label.py). It does not fit when a word is wider than the line (the screens
  would cut it), or, in a box of fixed height, when its lines are taller than the box, even with
  the font shrunk to FIT_FLOOR where the screen shrinks it (kiosk/screens/text.py).
- Vertical Mongolian (a VerticalMongolianLabel): kiosk/i18n/vertical.py's `layout_vertical` on
  the box's height; it does not fit when a word must be cut, a letter is taller than the box, or
  the columns are wider than the box.
Kivy is needed (the import runs offscreen, like the tour).
"""
from __future__ import annotations

from ..i18n.spaces import Space, load_spaces, space_of
from ..i18n.vertical import runs_of, writes_mongolian


class ScreenFit:
    def __init__(self, language: str, spaces: dict | None = None):
        from ..ui.boot import prepare_environment
        prepare_environment(offscreen=True)
        from kivy.core.window import Window   # noqa: F401 - drawing a measured texture needs a GL context
        self.language = language
        self.spaces = load_spaces() if spaces is None else spaces
        self._measures: dict[float, object] = {}

    def measure(self, font: float):
        from ..testing.vertical_widgets import KivyMeasure
        font = round(font, 1)
        if font not in self._measures:
            self._measures[font] = KivyMeasure(font)
        return self._measures[font]

    def width_of(self, text: str, font: float) -> float:
        measure = self.measure(font)
        return sum(measure.rotated(run, kind) for kind, run in runs_of(text))

    def line_height(self, text: str, font: float) -> float:
        """A line's height as a label draws it: the face's, the taller face's when Mongolian is in it."""
        from ..i18n.vertical import CJK, MONG, has_mongolian
        from ..testing.vertical_widgets import core_label

        kinds = (CJK, MONG) if has_mongolian(text) else (CJK,)
        sample = {CJK: "中", MONG: "\u1820"}
        return float(max(core_label(sample[k], k, font).get_extents(sample[k])[1] for k in kinds))

    def __call__(self, key: str, text: str, mode: str) -> str | None:
        space = space_of(key, mode, self.spaces)
        if space.vertical and writes_mongolian(self.language):
            return self._vertical(text, space)
        return self._horizontal(text, space)

    def _horizontal(self, text: str, space: Space) -> str | None:
        from ..screens.linebreak import break_text
        from ..screens.text import FIT_FLOOR, FIT_STEP

        scales = [1.0]
        while space.shrinks and scales[-1] - FIT_STEP >= FIT_FLOOR - 1e-6:
            scales.append(round(scales[-1] - FIT_STEP, 2))
        why = None
        for scale in scales:
            font = space.font_dp * scale
            layout = break_text(text, max(space.width_dp - 1, 1), lambda t: self.width_of(t, font))
            if layout.forced:
                why = (f"a word is wider than the {space.width_dp:.0f} dp line at type {font:.0f} dp "
                       "(the screen would cut it)")
                continue
            if space.height_dp is None:
                return None
            tall = len(layout.lines) * self.line_height(text, font)
            if tall <= space.height_dp + 0.5:
                return None
            count = len(layout.lines)
            why = (f"{count} line{'s' if count > 1 else ''} ({tall:.0f} dp) in a box {space.height_dp:.0f} dp high"
                   + (f", even with the type shrunk to {scale:.0%}" if space.shrinks else ""))
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
