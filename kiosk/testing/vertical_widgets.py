"""The vertical Mongolian label module, wherever it stands: it is moving from kiosk/ui/ to
kiosk/screens/ (a widget the screens place); tools that measure with it import it from here."""
from __future__ import annotations

try:
    from ..screens import vertical_label
except ImportError:            # before the move
    from ..ui import vertical_label  # type: ignore[no-redef]

KivyMeasure = vertical_label.KivyMeasure
VerticalMongolianLabel = vertical_label.VerticalMongolianLabel
core_label = vertical_label.core_label
