"""Bundled fonts, registered before any label is drawn.

Kivy 2.3 has no font fallback and its default Roboto has no CJK glyphs, so the Simplified
Chinese face becomes the default font (it also covers Latin and digits). The Mongolian face
is registered under its own name; Mongolian text is shaped with font_script_name="Mong".
"""
from __future__ import annotations

from ..paths import FONTS

CHINESE_FONT = FONTS / "NotoSansCJKsc-Regular.otf"
MONGOLIAN_FONT = FONTS / "NotoSansMongolian-Regular.ttf"
MONGOLIAN = "KioskMongolian"

_registered = False


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    from kivy.core.text import DEFAULT_FONT, LabelBase

    for path in (CHINESE_FONT, MONGOLIAN_FONT):
        if not path.is_file():
            raise FileNotFoundError(f"bundled font missing: {path}")
    LabelBase.register(DEFAULT_FONT, fn_regular=str(CHINESE_FONT))
    LabelBase.register(MONGOLIAN, fn_regular=str(MONGOLIAN_FONT))
    _registered = True
