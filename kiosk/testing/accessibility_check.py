"""The accessibility audit of the tour (适老化): on the screen as drawn now, checked from the
widgets' own properties, never by eye. `check_accessibility(window, elder=...)` returns Problems
(kiosk/testing/layout_check.py's), each naming the widget; the tour fails on any. It finds

- contrast: a visible text under 4.5:1 against what is drawn behind it. The text colour is the
  label's `color` (`disabled_color` when disabled), its alpha times the opacity of the widget and
  of every widget around it. The background is found by walking the widget tree from the window
  down to the label: the window's clear colour, then every flat Rectangle or RoundedRectangle
  (no texture but Kivy's plain white one: a texture is an image or a label's own text) in the canvas.before and canvas of
  each widget on the way, and of the label itself (a KioskButton draws its fill there), that
  covers the label's centre, each painted in the last Color set before it and blended over what
  lies beneath by its alpha. Lines (borders) are not fills. A Kivy Button's flat
  `background_color` (no background image) is a fill too.
- type size (长辈模式 only): main text under 30 dp, body text under 18 dp. Main text is what a
  citizen reads to find the way: every button's text (buttons, toggles, tiles' titles, keypad
  keys) and a screen's title (the `title` of a TopBar, the `title_label` of a home Tile); every
  other text is body. dp is the panel's unit (2 px on the 1080x1920 terminal), so the sizes
  hold at every window size the tour draws.
- touch targets: anything a citizen taps (a button or toggle, a tile, a tappable list row: every
  ButtonBehavior, and any widget with on_press/on_release) that is enabled and smaller than
  60x60 dp in 长辈模式 or 44x44 dp otherwise, or closer than 8 dp to another target (a row of a
  scroll view counts by its part in view: the rest cannot be touched). 8 dp is 4 mm
  on the terminal's 21.5" panel: a trembling finger landing on a target's edge does not press its
  neighbour (and it is the least gap a keypad or a list has today).
- colour as the only signal, keyed on the widgets that mark a state by colour: a row with a
  truthy `overdue` must show that word in its own text; a chosen toggle (a rating reason or
  phrase, state "down") must show the CHOSEN_MARK in its drawn text; a row that cannot be
  printed (`printable` False, drawn fainter) must say why in a text of its own (`detail`).

Widgets hidden along the way (opacity 0, no size) are not looked at, nor off-window widgets
scrolled out of sight (a row below the fold is checked when it is scrolled in).
"""
from __future__ import annotations

import math

from .layout_check import Problem, widget_name

MIN_CONTRAST = 4.5
ELDER_MAIN_DP = 30.0
ELDER_BODY_DP = 18.0
ELDER_TARGET_DP = 60.0
TARGET_DP = 44.0
TARGET_GAP_DP = 8.0
CHOSEN_MARK = "✓"   # the mark a chosen toggle shows (kiosk/screens/text.py)
TOLERANCE = 0.5


def relative_luminance(rgb) -> float:
    """WCAG 2 relative luminance of an sRGB colour with channels 0..1."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(float(c)) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a, b) -> float:
    la, lb = relative_luminance(a), relative_luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def blend(top, alpha: float, under) -> tuple[float, float, float]:
    """`top` painted with `alpha` over the opaque colour `under`."""
    return tuple(alpha * t + (1 - alpha) * u for t, u in zip(top[:3], under[:3]))


def check_accessibility(window, *, elder: bool, figures: dict | None = None) -> list[Problem]:
    """`figures`, when given, collects the least contrast and the smallest target seen
    ("min_contrast", "min_target_dp"), with where they were."""
    from kivy.metrics import dp

    return _Audit(window, dp(1), elder, figures).run()


class _Audit:
    def __init__(self, window, px_per_dp: float, elder: bool, figures: dict | None):
        from kivy.uix.behaviors import ButtonBehavior, ToggleButtonBehavior
        from kivy.uix.button import Button
        from kivy.uix.label import Label

        self.window, self.px_per_dp, self.elder = window, px_per_dp, elder
        self.figures = figures if figures is not None else {}
        self.Label, self.Button = Label, Button
        self.ButtonBehavior, self.Toggle = ButtonBehavior, ToggleButtonBehavior
        self.problems: list[Problem] = []
        self.visible: list[tuple] = []   # (widget, path, opacity, chain from the root)
        self.names: dict[int, str] = {}

    def run(self) -> list[Problem]:
        for root in reversed(self.window.children):
            for widget in root.walk(restrict=True):
                for name, child in getattr(widget, "ids", {}).items():
                    self.names.setdefault(id(child), name)
            self._walk(root, "", 1.0, [])
        targets = []
        for widget, path, opacity, chain in self.visible:
            if isinstance(widget, self.Label) and widget.text.strip() and self._on_window(widget):
                self._contrast(widget, path, opacity, chain)
                if self.elder:
                    self._type_size(widget, path, chain)
            if self._is_target(widget) and self._on_window(widget):
                targets.append((widget, path))
                self._target_size(widget, path)
            self._colour_only(widget, path)
        self._spacing(targets)
        return self.problems

    # the walk -----------------------------------------------------------------------------------
    def _name(self, widget) -> str:
        return widget_name(widget, self.names)

    def _walk(self, widget, path: str, opacity: float, chain: list) -> None:
        if widget.opacity <= 0 or widget.width <= 0 or widget.height <= 0:
            return
        opacity *= widget.opacity
        here = f"{path} › {self._name(widget)}" if path else self._name(widget)
        chain = chain + [widget]
        self.visible.append((widget, here, opacity, chain))
        for child in reversed(widget.children):
            self._walk(child, here, opacity, chain)

    def add(self, path: str, kind: str, detail: str) -> None:
        self.problems.append(Problem(path, kind, detail))

    def _rect(self, widget) -> tuple[float, float, float, float]:
        x, y = widget.to_window(widget.x, widget.y)
        return x, y, x + widget.width, y + widget.height

    def _on_window(self, widget) -> bool:
        """Not scrolled out of sight: its centre is on the window and inside every scroll view around it."""
        from kivy.uix.stencilview import StencilView

        cx, cy = widget.to_window(*widget.center)
        if not (0 <= cx <= self.window.width and 0 <= cy <= self.window.height):
            return False
        parent = widget.parent
        while parent is not None and parent is not self.window:
            if isinstance(parent, StencilView):
                x0, y0, x1, y1 = self._rect(parent)
                if not (x0 <= cx <= x1 and y0 <= cy <= y1):
                    return False
            parent = parent.parent
        return True

    # (a) contrast -------------------------------------------------------------------------------
    def background_at(self, chain: list, point, opacities: list[float]) -> tuple[float, float, float]:
        from kivy.graphics import Canvas, Color, InstructionGroup, Rectangle, RoundedRectangle
        from kivy.graphics.instructions import CanvasBase

        colour = tuple(self.window.clearcolor[:3])
        plain = Rectangle().texture      # Kivy's default white texture: a flat fill, not an image
        for widget, opacity in zip(chain, opacities):
            current = (1.0, 1.0, 1.0, 1.0)

            def paint(group) -> None:
                nonlocal current, colour
                for instruction in group.children:
                    if isinstance(instruction, Color):
                        current = tuple(instruction.rgba)
                    elif isinstance(instruction, (Rectangle, RoundedRectangle)):
                        if instruction.texture in (None, plain) and self._covers(widget, instruction, point):
                            colour = blend(current, current[3] * opacity, colour)
                    elif isinstance(instruction, InstructionGroup) and not isinstance(instruction,
                                                                                      (Canvas, CanvasBase)):
                        paint(instruction)   # a group of the widget's own (a child's canvas is its own)

            paint(widget.canvas.before)
            paint(widget.canvas)
            if (isinstance(widget, self.Button) and not widget.background_normal
                    and widget.background_color[3] > 0):
                colour = blend(widget.background_color, widget.background_color[3] * opacity, colour)
        return colour

    @staticmethod
    def _covers(widget, instruction, point) -> bool:
        x, y = instruction.pos
        w, h = instruction.size
        # A relative layout's canvas is in its own coordinates (initial=False applies its to_parent).
        x0, y0 = widget.to_window(x, y, initial=False)
        x1, y1 = widget.to_window(x + w, y + h, initial=False)
        return min(x0, x1) <= point[0] <= max(x0, x1) and min(y0, y1) <= point[1] <= max(y0, y1)

    def _contrast(self, label, path: str, opacity: float, chain: list) -> None:
        opacities, running = [], 1.0
        for widget in chain:
            running *= widget.opacity
            opacities.append(running)
        centre = label.to_window(*label.center)
        background = self.background_at(chain, centre, opacities)
        colour = label.disabled_color if label.disabled else label.color
        text = blend(colour, colour[3] * opacity, background)
        ratio = contrast_ratio(text, background)
        least = self.figures.get("min_contrast")
        if least is None or ratio < least[0]:
            self.figures["min_contrast"] = (ratio, path)
        if ratio < MIN_CONTRAST - 1e-3:
            self.add(path, "contrast", f"{ratio:.2f}:1 (text {_hex(text)} on {_hex(background)}), "
                                       f"under {MIN_CONTRAST}:1")

    # (b) type size in 长辈模式 ------------------------------------------------------------------
    def is_main_text(self, label, chain: list) -> bool:
        if isinstance(label, self.ButtonBehavior):
            return True
        for holder in reversed(chain[:-1]):
            kind = type(holder).__name__
            if kind in ("TopBar", "Tile"):
                return label in (holder.ids.get("title"), holder.ids.get("title_label"))
        return False

    def _type_size(self, label, path: str, chain: list) -> None:
        size = label.font_size / self.px_per_dp
        main = self.is_main_text(label, chain)
        least = ELDER_MAIN_DP if main else ELDER_BODY_DP
        if size < least - TOLERANCE:
            self.add(path, "type size", f"{'main' if main else 'body'} text {size:.1f} dp in 长辈模式, "
                                        f"under {least:.0f} dp")

    # (c) touch targets --------------------------------------------------------------------------
    def _is_target(self, widget) -> bool:
        if widget.disabled:
            return False
        if isinstance(widget, self.ButtonBehavior):
            return True
        return any(widget.is_event_type(event) for event in ("on_press", "on_release"))

    def _target_size(self, widget, path: str) -> None:
        w, h = widget.width / self.px_per_dp, widget.height / self.px_per_dp
        least = ELDER_TARGET_DP if self.elder else TARGET_DP
        smallest = self.figures.get("min_target_dp")
        if smallest is None or min(w, h) < smallest[0]:
            self.figures["min_target_dp"] = (min(w, h), path)
        if min(w, h) < least - TOLERANCE:
            self.add(path, "small target", f"{w:.0f}x{h:.0f} dp, under {least:.0f}x{least:.0f} dp"
                                           f"{' in 长辈模式' if self.elder else ''}")

    def _visible_rect(self, widget) -> tuple[float, float, float, float]:
        """The part of the widget a finger can reach: cut by every scroll view around it."""
        from kivy.uix.stencilview import StencilView

        x0, y0, x1, y1 = self._rect(widget)
        parent = widget.parent
        while parent is not None and parent is not self.window:
            if isinstance(parent, StencilView):
                px0, py0, px1, py1 = self._rect(parent)
                x0, y0, x1, y1 = max(x0, px0), max(y0, py0), min(x1, px1), min(y1, py1)
            parent = parent.parent
        return x0, y0, x1, y1

    def _spacing(self, targets: list) -> None:
        boxes = [(w, p, self._visible_rect(w)) for w, p in targets]
        for i, (a, path, box) in enumerate(boxes):
            for b, _other_path, other in boxes[i + 1:]:
                if _related(a, b):
                    continue
                gap = _gap(box, other) / self.px_per_dp
                if gap < TARGET_GAP_DP - TOLERANCE:
                    self.add(path, "targets too close", f"{gap:.0f} dp from {self._name(b)}, "
                                                        f"under {TARGET_GAP_DP:.0f} dp")

    # (d) colour never the only signal ---------------------------------------------------------
    def _texts(self, widget) -> str:
        return " ".join(w.text for w in widget.walk(restrict=True)
                        if isinstance(w, self.Label) and w.opacity > 0 and w.text)

    def _colour_only(self, widget, path: str) -> None:
        overdue = getattr(widget, "overdue", None)
        if overdue and not isinstance(widget, self.Label):
            marker = overdue if isinstance(overdue, str) else None
            shown = self._texts(widget)
            if not shown or (marker is not None and marker not in shown):
                self.add(path, "colour only", "overdue, but no text says so")
        if isinstance(widget, self.Toggle) and widget.state == "down":
            drawn = getattr(getattr(widget, "_label", None), "text", None) or widget.text
            if CHOSEN_MARK not in drawn:
                self.add(path, "colour only", f"chosen, but its text has no {CHOSEN_MARK}")
        if getattr(widget, "printable", True) is False and not getattr(widget, "detail", "").strip():
            self.add(path, "colour only", "cannot be printed, drawn fainter, but no text says why")


def _related(a, b) -> bool:
    """One holds the other (a tappable row and a button inside it are one target's parts)."""
    for inner, outer in ((a, b), (b, a)):
        parent, seen = inner.parent, set()
        while parent is not None and id(parent) not in seen:   # the window is its own parent
            if parent is outer:
                return True
            seen.add(id(parent))
            parent = parent.parent
    return False


def _gap(a, b) -> float:
    dx = max(0.0, a[0] - b[2], b[0] - a[2])
    dy = max(0.0, a[1] - b[3], b[1] - a[3])
    return math.hypot(dx, dy)


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb[:3])
