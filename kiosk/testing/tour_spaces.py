"""The box each message is shown in, read from the screens the tour draws (kiosk/i18n/spaces.py
says what is kept and why). `SpaceRecorder.record(window, state, elder)` is called after each
state of the tour; `MeasuringTour` is the tour with that call added."""
from __future__ import annotations

import re
import string
from typing import Iterable

from ..i18n.spaces import Space
from .tour import Tour



def _pattern(template: str) -> re.Pattern | None:
    """A regex matching the template with any values in its placeholders; None for a template
    with no text of its own (it would match anything)."""
    parts, literal = [], ""
    for text, name, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(text))
        literal += text
        if name is not None:
            parts.append(r".+?")
    if len(literal.strip()) < 2:
        return None
    return re.compile("".join(parts), re.DOTALL)


class SpaceRecorder:
    def __init__(self, catalogues: Iterable[dict[str, str]]):
        self.patterns: list[tuple[str, re.Pattern]] = []
        for messages in catalogues:
            for key, template in messages.items():
                pattern = _pattern(template)
                if pattern is not None:
                    self.patterns.append((key, pattern))
        self.spaces: dict[str, dict[str, Space]] = {}

    def keys_for(self, text: str) -> set[str]:
        return {key for key, pattern in self.patterns if pattern.fullmatch(text)}

    def record(self, window, state: str, elder: bool, pump=None) -> None:
        """Keeps the box of every message on screen. With `pump` (frames of the app), which
        boxes grow with their text is seen by giving every label its text twice for a few
        frames (layouts settle over frames), then putting the texts back."""
        from kivy.metrics import dp

        from ..screens.text import LineBreaking
        from .vertical_widgets import VerticalMongolianLabel

        unit = dp(1)
        found = []
        for root in list(window.children):
            for widget in root.walk(restrict=True):
                text = getattr(widget, "text", None)
                if not isinstance(text, str) or not text.strip() or widget.width <= 1 or widget.height <= 1:
                    continue
                keys = self.keys_for(text)
                if keys and (isinstance(widget, VerticalMongolianLabel)
                             or (isinstance(widget, LineBreaking) and _shown(widget))):
                    found.append((widget, keys))
        grows = _growing([w for w, _k in found if isinstance(w, LineBreaking) and not w.fit], pump)
        for widget, keys in found:
            if isinstance(widget, VerticalMongolianLabel):
                space = Space(widget.width / unit, widget.height / unit, widget.font_size / unit,
                              vertical=True, seen_in=state)
            else:
                space = _space_of_label(widget, unit, state, widget in grows)
            for key in keys:
                self._keep(key, "elder" if elder else "normal", space)

    def _keep(self, key: str, mode: str, space: Space) -> None:
        modes = self.spaces.setdefault(key, {})
        old = modes.get(mode)
        if old is None or (space.width_dp, space.height_dp or 1e9) < (old.width_dp, old.height_dp or 1e9):
            modes[mode] = space


def _shown(widget) -> bool:
    node = widget
    while node is not None:
        if getattr(node, "opacity", 1) <= 0:
            return False
        node = node.parent if node.parent is not node else None
    return True


def _growing(labels: list, pump) -> set:
    if pump is None or not labels:
        return set()
    texts = [(label, label.text, label.height) for label in labels]
    for label, text, _height in texts:
        label.text = text + "\n" + text
    pump(4)
    grown = {label for label, _text, height in texts if label.height > height + 1}
    for label, text, _height in texts:
        label.text = text
    pump(4)
    return grown


def _space_of_label(label, unit: float, state: str, grows: bool) -> Space:
    from kivy.core.window import Window

    left, top, right, bottom = label.padding
    if label.text_size[0] is None:
        width = Window.width    # sized to its own text: only the window limits it
    else:
        width = label.text_size[0] - left - right
    font = label.font_size / (label.fit_scale or 1.0)
    height = None if grows else label.height - top - bottom
    from ..screens.text import KioskButton, KioskToggleButton

    wraps = "wrap" if label.wrap else ("box" if label.text_size[1] is not None else "none")
    return Space(round(width / unit, 1), None if height is None else round(height / unit, 1),
                 round(font / unit, 1), shrinks=bool(label.fit), seen_in=state,
                 widget="button" if isinstance(label, (KioskButton, KioskToggleButton)) else "label",
                 wraps=wraps, columns=bool(getattr(label, "columns", False)),
                 column_aspect=float(getattr(label, "column_aspect", 0.0)))


class MeasuringTour(Tour):
    def __init__(self, kiosk, recorder: SpaceRecorder):
        super().__init__(kiosk, None, check=False)
        self.recorder = recorder
        self.failed: list[str] = []

    def shot(self, name: str) -> None:
        super().shot(name)
        self.recorder.record(self.kiosk.window, name, self.app.elder, self.kiosk.pump)

    def diagnostics(self) -> None:
        """The technicians' screens are measured when their walk works; their texts are not the
        citizens', so a walk that fails (a screen being reworked) leaves them to the default space."""
        try:
            super().diagnostics()
        except Exception as exc:      # noqa: BLE001 - any failure of that walk, reported below
            self.failed.append(f"diagnostics: {type(exc).__name__}: {exc}")
            self.app.leave_diagnostics()
            self.end()
