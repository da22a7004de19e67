"""The tour's accessibility audit finds each kind of defect on widgets built to have it, and stays
quiet on the same widgets built right: contrast, type size in 长辈模式, touch targets and their
spacing, colour as the only signal."""
from __future__ import annotations

import pytest

from kiosk.testing.accessibility_check import (CHOSEN_MARK, check_accessibility, contrast_ratio,
                                               relative_luminance)

pytestmark = pytest.mark.ui

WHITE, NEAR_BLACK, MID_GREY = (1, 1, 1, 1), (0.1, 0.1, 0.1, 1), (0.6, 0.6, 0.6, 1)


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast_ratio((1, 1, 1), (1, 1, 1)) == pytest.approx(1.0)
    assert relative_luminance((0.5, 0.5, 0.5)) == pytest.approx(0.214, abs=1e-3)
    # #767676 on white is the darkest grey that reaches 4.5:1
    assert contrast_ratio((0x76 / 255,) * 3, (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


@pytest.fixture
def window(bare_stage):
    return bare_stage


def audit(kiosk, elder=False, figures=None):
    kiosk.pump(4)
    return check_accessibility(kiosk.window, elder=elder, figures=figures)


def kinds(found) -> list[str]:
    return sorted(p.kind for p in found)


def panel(rgba, **kwargs):
    """A box that draws its own background, as the kv rules' Card and rows do."""
    from kivy.graphics import Color, Rectangle
    from kivy.uix.boxlayout import BoxLayout

    box = BoxLayout(size_hint=(None, None), **kwargs)
    with box.canvas.before:
        Color(rgba=rgba)
        rect = Rectangle(pos=box.pos, size=box.size)
    box.bind(pos=lambda *_: setattr(rect, "pos", box.pos), size=lambda *_: setattr(rect, "size", box.size))
    return box


def label(text="请将身份证放在感应区", **kwargs):
    from kivy.metrics import dp

    from kiosk.screens.text import KioskLabel
    kwargs.setdefault("font_size", dp(24))
    return KioskLabel(text=text, **kwargs)


def test_grey_text_on_white_is_too_faint_and_dark_text_is_not(window):
    from kivy.metrics import dp

    kiosk, stage = window
    card = panel(WHITE, size=(dp(300), dp(80)), pos=(dp(10), dp(10)))
    text = label(color=MID_GREY)
    card.add_widget(text)
    stage.add_widget(card)
    figures = {}
    found = audit(kiosk, figures=figures)
    assert kinds(found) == ["contrast"] and "2.8" in found[0].detail
    assert figures["min_contrast"][0] == pytest.approx(2.85, abs=0.05)
    text.color = NEAR_BLACK
    assert audit(kiosk) == []


def test_the_background_is_what_the_nearest_ancestor_draws_blended_by_its_alpha(window):
    from kivy.metrics import dp

    kiosk, stage = window
    # White text: fine on the dark blue card, invisible once the card is a faint tint over the light window.
    card = panel((0.07, 0.33, 0.65, 1), size=(dp(300), dp(80)), pos=(dp(10), dp(10)))
    text = label(color=WHITE)
    card.add_widget(text)
    stage.add_widget(card)
    assert audit(kiosk) == []
    card.canvas.before.children[0].rgba = (0.07, 0.33, 0.65, 0.1)
    assert kinds(audit(kiosk)) == ["contrast"]


def test_a_faded_text_counts_with_its_alpha_and_opacity(window):
    from kivy.metrics import dp

    kiosk, stage = window
    card = panel(WHITE, size=(dp(300), dp(80)), pos=(dp(10), dp(10)))
    text = label(color=NEAR_BLACK)
    card.add_widget(text)
    stage.add_widget(card)
    assert audit(kiosk) == []
    card.opacity = 0.4
    assert kinds(audit(kiosk)) == ["contrast"]


def test_a_buttons_own_fill_is_its_texts_background(window):
    from kivy.metrics import dp

    from kiosk.screens.text import KioskButton

    kiosk, stage = window
    button = KioskButton(text="打印", style="primary", size_hint=(None, None), size=(dp(120), dp(64)),
                         pos=(dp(10), dp(10)), font_size=dp(24))
    stage.add_widget(button)
    assert audit(kiosk) == []
    button.color = (0.6, 0.75, 0.9, 1)      # pale blue text on the blue fill
    assert kinds(audit(kiosk)) == ["contrast"]


def test_elder_body_text_under_18_dp_and_main_text_under_30_dp_are_too_small(window):
    from kivy.metrics import dp

    from kiosk.screens.text import KioskButton

    kiosk, stage = window
    card = panel(WHITE, size=(dp(400), dp(200)), pos=(dp(10), dp(10)), orientation="vertical", spacing=dp(12))
    body = label(font_size=dp(16), color=NEAR_BLACK)
    button = KioskButton(text="确定", style="primary", font_size=dp(26), size_hint_y=None, height=dp(80))
    card.add_widget(body)
    card.add_widget(button)
    stage.add_widget(card)
    assert audit(kiosk, elder=False) == []         # the sizes are a 长辈模式 rule
    found = audit(kiosk, elder=True)
    assert kinds(found) == ["type size", "type size"]
    assert any("body text 16.0 dp" in p.detail for p in found)
    assert any("main text 26.0 dp" in p.detail for p in found)
    body.font_size, button.font_size = dp(18), dp(30)
    assert audit(kiosk, elder=True) == []


def test_a_top_bar_title_is_main_text(window):
    from kivy.metrics import dp

    from kiosk.screens.widgets import TopBar

    kiosk, stage = window
    bar = TopBar(title="办件进度查询", size_hint=(None, None), width=dp(540), pos=(0, dp(300)))
    stage.add_widget(bar)
    kiosk.app.elder = True
    try:
        bar.ids.title.fit = False          # the size the test sets stays
        kiosk.pump(2)
        bar.ids.title.font_size = dp(24)
        found = [p for p in audit(kiosk, elder=True) if "办件进度查询" in p.where]
        assert kinds(found) == ["type size"] and "main text" in found[0].detail
        bar.ids.title.font_size = dp(36)
        assert [p for p in audit(kiosk, elder=True) if "办件进度查询" in p.where] == []
    finally:
        kiosk.app.elder = False


def test_a_small_target_is_found_and_the_elder_minimum_is_larger(window):
    from kivy.metrics import dp

    from kiosk.screens.text import KioskButton

    kiosk, stage = window
    button = KioskButton(text="1", style="key", size_hint=(None, None), size=(dp(40), dp(40)),
                         pos=(dp(10), dp(10)), font_size=dp(30))
    stage.add_widget(button)
    figures = {}
    assert kinds(audit(kiosk, figures=figures)) == ["small target"]
    assert figures["min_target_dp"][0] == pytest.approx(40)
    button.size = (dp(50), dp(50))
    assert audit(kiosk) == []
    assert kinds(audit(kiosk, elder=True)) == ["small target"]
    button.size = (dp(64), dp(64))
    assert audit(kiosk, elder=True) == []


def test_a_tappable_row_is_a_target_and_a_disabled_button_is_not(window):
    from kivy.metrics import dp
    from kivy.uix.behaviors import ButtonBehavior
    from kivy.uix.boxlayout import BoxLayout

    from kiosk.screens.text import KioskButton

    class Row(ButtonBehavior, BoxLayout):
        pass

    kiosk, stage = window
    row = Row(size_hint=(None, None), size=(dp(300), dp(30)), pos=(dp(10), dp(10)))
    stage.add_widget(row)
    assert kinds(audit(kiosk)) == ["small target"]
    row.height = dp(60)
    off = KioskButton(text="", disabled=True, size_hint=(None, None), size=(dp(20), dp(20)), pos=(dp(10), dp(200)))
    stage.add_widget(off)
    assert audit(kiosk) == []


def test_targets_closer_than_8_dp_are_too_close(window):
    from kivy.metrics import dp

    from kiosk.screens.text import KioskButton

    kiosk, stage = window
    keys = [KioskButton(text=str(n), style="key", size_hint=(None, None), size=(dp(64), dp(64)),
                        pos=(dp(10) + n * dp(68), dp(10)), font_size=dp(30)) for n in range(2)]
    for key in keys:
        stage.add_widget(key)
    found = audit(kiosk)
    assert kinds(found) == ["targets too close"] and "4 dp" in found[0].detail
    keys[1].x = keys[0].right + dp(10)
    assert audit(kiosk) == []


def test_an_overdue_row_must_say_so_in_words(window):
    from kivy.metrics import dp
    from kivy.properties import StringProperty
    from kivy.uix.boxlayout import BoxLayout

    from kiosk.screens.text import KioskLabel

    class Row(BoxLayout):
        overdue = StringProperty("")

    kiosk, stage = window
    row = Row(size_hint=(None, None), size=(dp(400), dp(60)), pos=(dp(10), dp(10)), overdue="已超期3天")
    status = KioskLabel(text="审查中", color=(0.55, 0.12, 0.03, 1), font_size=dp(20))
    row.add_widget(status)
    stage.add_widget(row)
    assert kinds(audit(kiosk)) == ["colour only"]
    status.text = "审查中  已超期3天"
    assert audit(kiosk) == []


def test_a_chosen_toggle_shows_its_mark(window):
    from kivy.metrics import dp

    from kiosk.screens.text import KioskToggleButton

    kiosk, stage = window
    toggle = KioskToggleButton(text="等候时间长", size_hint=(None, None), size=(dp(300), dp(72)),
                               pos=(dp(10), dp(10)), font_size=dp(24), state="down")
    stage.add_widget(toggle)
    kiosk.pump(4)
    assert toggle._label.text.startswith(CHOSEN_MARK) and toggle.text == "等候时间长"
    assert audit(kiosk) == []
    toggle.shown_text = lambda: toggle.text     # a toggle that shows its choice by its fill alone
    toggle.texture_update()
    assert kinds(audit(kiosk)) == ["colour only"]


def test_a_row_that_cannot_be_printed_says_why(window):
    from kivy.metrics import dp
    from kivy.properties import BooleanProperty, StringProperty
    from kivy.uix.boxlayout import BoxLayout

    class Row(BoxLayout):
        printable = BooleanProperty(True)
        detail = StringProperty("")

    kiosk, stage = window
    row = Row(size_hint=(None, None), size=(dp(400), dp(60)), pos=(dp(10), dp(10)), printable=False)
    stage.add_widget(row)
    assert kinds(audit(kiosk)) == ["colour only"]
    row.detail = "已注销，不能打印"
    assert audit(kiosk) == []


def test_a_row_half_scrolled_out_of_view_counts_by_its_part_in_view(window):
    from kivy.metrics import dp
    from kivy.uix.scrollview import ScrollView

    from kiosk.screens.text import KioskButton

    kiosk, stage = window
    scroll = ScrollView(size_hint=(None, None), size=(dp(300), dp(100)), pos=(dp(10), dp(100)), do_scroll_x=False)
    inner = KioskButton(text="较长的一行", style="choice", size_hint=(None, None), size=(dp(300), dp(300)),
                        font_size=dp(24))
    scroll.add_widget(inner)
    stage.add_widget(scroll)
    below = KioskButton(text="下一步", size_hint=(None, None), size=(dp(120), dp(64)), pos=(dp(10), dp(100) - dp(72)),
                        font_size=dp(24))
    stage.add_widget(below)
    scroll.scroll_y = 0.5       # the row runs past the scroll view's foot, over the button below
    assert [p for p in audit(kiosk) if p.kind == "targets too close"] == []
    below.y = dp(100) - dp(68)   # 4 dp below the scroll view's foot
    assert kinds([p for p in audit(kiosk) if p.kind == "targets too close"]) == ["targets too close"]
