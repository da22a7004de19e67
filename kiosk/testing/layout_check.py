"""The layout check of the tour: on the screen as drawn now, everything a citizen must read or
scan is whole. It finds

- a text that does not fit its label: taller or wider than its box, lines cut off by a box of
  fixed height, shortened with "...", a number or code cut because no line could hold it, or
  a label that bypasses the text layer (kiosk/screens/text.py) and its line-breaking rules;
- a widget that overlaps a sibling, or sticks out of the layout that holds it;
- a widget that leaves the window, unless it is inside a scroll view (the citizen can scroll);
- a QR code that is covered (by a widget drawn over it, the window's edge or the edge of a
  scroll view) or too small to scan.

Hidden widgets (opacity 0 along the way, or no size) are not looked at. `check_layout(window)`
returns the problems, each with a readable path to the widget; the tour fails on any.
"""
from __future__ import annotations

from dataclasses import dataclass

TOLERANCE_PX = 1.0
QR_MIN_DP = 90


@dataclass(frozen=True)
class Problem:
    where: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.where}: {self.detail}"


def check_layout(window) -> list[Problem]:
    from kivy.metrics import dp
    from kivy.uix.label import Label
    from kivy.uix.scrollview import ScrollView

    from ..screens.text import LineBreaking
    from ..screens.widgets import QrCode

    checker = _Checker(window, dp, Label, ScrollView, LineBreaking, QrCode)
    return checker.run()


def _short(text: str, length: int = 18) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


def widget_name(widget, names: dict[int, str]) -> str:
    """How a problem names a widget: its class, kv id (from `names`, id(widget) -> id) and text."""
    name = type(widget).__name__
    if id(widget) in names:
        name += f"#{names[id(widget)]}"
    text = getattr(widget, "text", None)
    if isinstance(text, str) and text.strip():
        name += f"({_short(text)})"
    elif getattr(widget, "title", None):
        name += f"({_short(widget.title)})"
    return name


class _Checker:
    def __init__(self, window, dp, label_class, scroll_class, breaking_class, qr_class):
        self.window = window
        self.dp = dp
        self.Label, self.ScrollView, self.LineBreaking, self.QrCode = (label_class, scroll_class,
                                                                     breaking_class, qr_class)
        self.problems: list[Problem] = []
        self.names: dict[int, str] = {}
        self.order: list = []            # visible widgets in drawing order
        self.scrolls: dict[int, list] = {}   # widget id -> the scroll views around it

    # the walk ---------------------------------------------------------------------------------
    def run(self) -> list[Problem]:
        for root in reversed(self.window.children):
            self._collect_names(root)
            self._walk(root, "", [])
        for widget in self.order:
            self._check_widget(widget)
        return self.problems

    def _collect_names(self, root) -> None:
        for widget in root.walk(restrict=True):
            for name, child in getattr(widget, "ids", {}).items():
                self.names.setdefault(id(child), name)

    def _label_of(self, widget) -> str:
        return widget_name(widget, self.names)

    def _walk(self, widget, path: str, scrolls: list) -> None:
        if widget.opacity <= 0 or widget.width <= 0 or widget.height <= 0:
            return
        here = f"{path} › {self._label_of(widget)}" if path else self._label_of(widget)
        widget._layout_check_path = here
        self.order.append(widget)
        self.scrolls[id(widget)] = scrolls
        inner = scrolls + [widget] if isinstance(widget, self.ScrollView) else scrolls
        for child in reversed(widget.children):
            self._walk(child, here, inner)

    # geometry -----------------------------------------------------------------------------------
    @staticmethod
    def rect(widget) -> tuple[float, float, float, float]:
        x, y = widget.to_window(widget.x, widget.y)
        return x, y, x + widget.width, y + widget.height

    @staticmethod
    def overlap(a, b) -> float:
        w = min(a[2], b[2]) - max(a[0], b[0])
        h = min(a[3], b[3]) - max(a[1], b[1])
        return min(w, h) if w > 0 and h > 0 else 0.0

    @staticmethod
    def inside(inner, outer, tolerance: float = TOLERANCE_PX) -> bool:
        return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
                and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)

    def add(self, widget, kind: str, detail: str) -> None:
        self.problems.append(Problem(getattr(widget, "_layout_check_path", self._label_of(widget)), kind, detail))

    # the rules ----------------------------------------------------------------------------------
    def _check_widget(self, widget) -> None:
        if isinstance(widget, self.Label):
            self._check_label(widget)
        if isinstance(widget, self.QrCode):
            self._check_qr(widget)
        for kind, detail in getattr(widget, "layout_problems", lambda: ())():   # e.g. Mongolian columns
            self.add(widget, kind, detail)
        box = self.rect(widget)
        window_box = (0, 0, self.window.width, self.window.height)
        if not self.scrolls[id(widget)] and not self.inside(box, window_box):
            self.add(widget, "outside", f"{_fmt(box)} leaves the window {self.window.width}x{self.window.height}")
        self._check_children(widget)

    def _check_label(self, label) -> None:
        if not label.text.strip():
            return
        if not isinstance(label, self.LineBreaking):
            self.add(label, "plain label", "not a KioskLabel/KioskButton: its text skips the line-breaking rules")
            return
        tex_w, tex_h = label.texture_size
        text_w, text_h = label.text_size
        if label.is_shortened:
            self.add(label, "shortened", "text shortened with an ellipsis")
        if label.forced_breaks:
            self.add(label, "cut", f"{label.forced_breaks} number(s) or code(s) cut: wider than the line")
        if text_h is None and tex_h > label.height + TOLERANCE_PX:
            self.add(label, "overflow", f"text {tex_h:.0f}px high in a box {label.height:.0f}px high")
        if text_w is None and tex_w > label.width + TOLERANCE_PX:
            self.add(label, "overflow", f"text {tex_w:.0f}px wide in a box {label.width:.0f}px wide")
        laid_out, drawn = label.lines_shown()
        if drawn and drawn < laid_out:
            self.add(label, "clipped", f"{laid_out - drawn} of {laid_out} lines cut off by the box")

    def _check_children(self, widget) -> None:
        from kivy.uix.floatlayout import FloatLayout
        from kivy.uix.layout import Layout

        if not isinstance(widget, Layout) or isinstance(widget, FloatLayout):
            return   # free placement (screens, overlays) and scroll views stack on purpose
        children = [c for c in reversed(widget.children) if c.opacity > 0 and c.width > 0 and c.height > 0]
        own = self.rect(widget)
        boxes = [(c, self.rect(c)) for c in children]
        for i, (child, box) in enumerate(boxes):
            if not self.inside(box, own):
                self.add(child, "sticks out", f"{_fmt(box)} outside its {type(widget).__name__} {_fmt(own)}")
            for other, other_box in boxes[i + 1:]:
                if self.overlap(box, other_box) > TOLERANCE_PX:
                    self.add(child, "overlap", f"overlaps {self._label_of(other)} by "
                                               f"{self.overlap(box, other_box):.0f}px")

    def _check_qr(self, qr) -> None:
        if qr.texture is None:
            return
        w, h = qr.norm_image_size
        cx, cy = qr.to_window(*qr.center)
        image = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        if min(w, h) < self.dp(QR_MIN_DP) - TOLERANCE_PX:
            self.add(qr, "qr too small", f"{min(w, h):.0f}px, under {QR_MIN_DP} dp")
        if not self.inside(image, (0, 0, self.window.width, self.window.height)):
            self.add(qr, "qr covered", "cut by the window's edge")
        for scroll in self.scrolls[id(qr)]:
            if not self.inside(image, self.rect(scroll)):
                self.add(qr, "qr covered", "cut by the edge of its scroll view")
        ancestors = set()
        parent = qr.parent
        while parent is not None and parent is not self.window:
            ancestors.add(id(parent))
            parent = parent.parent
        later = self.order[self.order.index(qr) + 1:]
        for widget in later:
            if id(widget) in ancestors or widget.children:
                continue   # layouts draw nothing of their own; what they hold is checked itself
            if self.overlap(self.rect(widget), image) > TOLERANCE_PX:
                self.add(qr, "qr covered", f"by {self._label_of(widget)}")


def _fmt(box) -> str:
    return f"({box[0]:.0f},{box[1]:.0f})-({box[2]:.0f},{box[3]:.0f})"
