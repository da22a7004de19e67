"""The tour's layout check finds each kind of defect it is there for, on widgets built to have it,
and stays quiet on the same widgets laid out right."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui


@pytest.fixture
def window(bare_stage):
    return bare_stage


def problems(kiosk):
    from kiosk.testing.layout_check import check_layout

    kiosk.pump(4)
    return check_layout(kiosk.window)


def kinds(found) -> set[str]:
    return {p.kind for p in found}


def box(**kwargs):
    from kivy.uix.boxlayout import BoxLayout
    return BoxLayout(size_hint=(None, None), **kwargs)


def test_a_text_taller_than_its_label_is_an_overflow(window):
    from kiosk.screens.text import KioskLabel

    kiosk, stage = window
    text = "请到综合受理窗口办理，或拨打12345政务服务便民热线咨询。" * 2
    label = KioskLabel(text=text, font_size=24, size_hint=(None, None), size=(200, 40), pos=(10, 10))
    stage.add_widget(label)
    assert kinds(problems(kiosk)) == {"overflow"}
    label.height = label.texture_size[1]
    assert problems(kiosk) == []


def test_lines_cut_off_by_a_fixed_box_are_clipped(window):
    from kiosk.screens.text import KioskLabel

    kiosk, stage = window
    label = KioskLabel(text="第一行\n第二行\n第三行", font_size=24, size_hint=(None, None), size=(200, 40),
                       pos=(10, 10), wrap=False, text_size=(200, 40), valign="middle")
    stage.add_widget(label)
    assert "clipped" in kinds(problems(kiosk))


def test_a_plain_kivy_label_skips_the_rules(window):
    from kivy.uix.label import Label

    kiosk, stage = window
    stage.add_widget(Label(text="请取走您的身份证", size_hint=(None, None), size=(300, 60), pos=(10, 10)))
    assert kinds(problems(kiosk)) == {"plain label"}


def test_a_code_wider_than_its_line_is_reported_cut(window):
    from kiosk.screens.text import KioskLabel

    kiosk, stage = window
    label = KioskLabel(text="150626-20261125-000123", font_size=30, size_hint=(None, None), size=(120, 300),
                       pos=(10, 10))
    stage.add_widget(label)
    assert "cut" in kinds(problems(kiosk))


def test_siblings_that_overlap_and_a_child_sticking_out_are_found(window):
    from kivy.uix.widget import Widget

    kiosk, stage = window
    row = box(size=(200, 50), pos=(10, 10))
    row.add_widget(Widget(size_hint=(None, None), size=(150, 50)))
    row.add_widget(Widget(size_hint=(None, None), size=(150, 50)))
    stage.add_widget(row)
    kiosk.pump(3)
    first, second = row.children[1], row.children[0]
    second.x = first.x + 20           # drawn over its neighbour
    first.x = row.x - 30              # and out of the row on the left
    found = kinds(problems_now(kiosk))
    assert "overlap" in found and "sticks out" in found


def problems_now(kiosk):
    from kiosk.testing.layout_check import check_layout
    return check_layout(kiosk.window)


def test_a_widget_leaving_the_window_is_found_unless_it_scrolls(window):
    from kivy.uix.scrollview import ScrollView
    from kivy.uix.widget import Widget

    kiosk, stage = window
    stage.add_widget(Widget(size_hint=(None, None), size=(100, 100), pos=(kiosk.window.width - 50, 10)))
    assert kinds(problems(kiosk)) == {"outside"}
    stage.clear_widgets()
    scroll = ScrollView(size_hint=(None, None), size=(200, 200), pos=(10, 10))
    scroll.add_widget(Widget(size_hint=(None, None), size=(200, 2000)))
    stage.add_widget(scroll)
    assert problems(kiosk) == []


def test_a_qr_code_cut_by_a_scroll_view_or_covered_is_found(window):
    from kivy.uix.button import Button
    from kivy.uix.scrollview import ScrollView

    from kiosk.screens.widgets import QrCode

    kiosk, stage = window
    qr = QrCode(data="https://example.invalid/apply", size_hint=(None, None), size=(200, 200), pos=(10, 10),
                fit_mode="contain")
    stage.add_widget(qr)
    assert problems(kiosk) == []
    stage.add_widget(Button(size_hint=(None, None), size=(100, 60), pos=(50, 50)))   # a button bar over it
    found = problems(kiosk)
    assert "qr covered" in kinds(found)
    stage.clear_widgets()
    scroll = ScrollView(size_hint=(None, None), size=(220, 120), pos=(10, 10))
    content = box(size=(220, 400), orientation="vertical")
    content.add_widget(QrCode(data="https://example.invalid/apply", fit_mode="contain"))
    scroll.add_widget(content)
    stage.add_widget(scroll)
    assert "qr covered" in kinds(problems(kiosk))
