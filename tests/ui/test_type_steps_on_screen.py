"""Every label and button is set in a size of the one ladder (kiosk/screens/type_steps.py), in
normal and 长辈模式 and in English, so Kivy's text provider opens few fonts and keeps them."""
from __future__ import annotations

import pytest

from kiosk.screens.text import LineBreaking
from kiosk.screens.type_steps import LADDER

pytestmark = pytest.mark.ui


def sizes_shown(kiosk) -> set[float]:
    return {w.font_size for child in kiosk.window.children for w in child.walk(restrict=True)
            if isinstance(w, LineBreaking) and w.text}


def test_home_and_a_flow_in_every_mode_use_ladder_sizes_only(kiosk):
    app = kiosk.app
    seen: set[float] = set()
    for elder, lang in ((False, "zh_CN"), (True, "zh_CN"), (False, "en")):
        app.go_home()
        if app.elder != elder:
            app.toggle_elder()
        app.set_language(lang)
        kiosk.settle()
        seen |= sizes_shown(kiosk)
        app.start_flow(next(f for f in app.flows if f.key == "guide"))
        kiosk.settle()
        seen |= sizes_shown(kiosk)
        app.end_session()
        kiosk.settle()
    assert seen and seen <= {float(s) for s in LADDER}, sorted(seen - {float(s) for s in LADDER})
    assert len(seen) <= 20, sorted(seen)
