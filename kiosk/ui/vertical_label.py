"""The vertical Mongolian label lives with the screens' text layer (kiosk/screens/vertical_label.py),
which sits below kiosk.ui in the import layers; this name is kept for the app's mixins and tools."""
from ..screens.vertical_label import (  # noqa: F401
    ColumnPainter, KivyMeasure, VerticalMongolianLabel, core_label, measure_at, run_texture)
