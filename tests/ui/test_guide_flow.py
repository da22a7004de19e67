"""办事指南 in the real app: by department to a 事项, by 一件事 to 新生儿一件事; against the platform simulator."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(live_kiosk):
    return live_kiosk


def open_guide(kiosk):
    app = kiosk.app
    kiosk.tap(kiosk.screen.tile_for("guide"))
    assert app.screen_manager.current == "guide_home"
    home = app.screen_manager.current_screen
    assert kiosk.wait_until(lambda: home.ready, timeout=10), home.message
    return home


def tap_row(kiosk, title):
    """Scrolls the list to the row, as a citizen would, and taps it."""
    listing = kiosk.app.screen_manager.current_screen
    row = listing.row_for(title)
    assert row is not None, title
    listing.ids.scroll.scroll_to(row, padding=0, animate=False)
    kiosk.pump(3)
    kiosk.tap(row)
    return row


def material_names(screen) -> list[str]:
    return [row.name for row in reversed(screen.ids.materials.children)]


def test_by_department_to_an_item_shows_its_materials_and_qr(kiosk):
    app = kiosk.app
    home = open_guide(kiosk)
    kiosk.tap(home.ids.by_department)
    assert app.screen_manager.current == "guide_list"
    listing = app.screen_manager.current_screen
    headings = [w.text for w in listing.ids.rows.children if type(w).__name__ == "GuideHeading"]
    assert "乌审旗公安局" in headings
    assert "承诺时限：30个工作日" in listing.row_for("居民身份证换领").detail
    tap_row(kiosk, "居民身份证换领")
    assert app.screen_manager.current == "guide_item"
    item = app.screen_manager.current_screen
    assert item.ids.name.text == "居民身份证换领"
    assert item.ids.about.text.startswith("办理部门：") and "公安" in item.ids.about.text
    assert item.ids.fee.text == "收费标准：20元"
    assert material_names(item) == ["1. 原居民身份证", "2. 居民户口簿"]
    assert item.ids.materials.children[-1].detail == "原件1份"
    assert item.ids.qr_panel.ids.qr.texture is not None and item.view.online_url
    assert "扫码在网上办理" in kiosk.all_texts()
    kiosk.tap(item.ids.back)
    assert app.screen_manager.current == "guide_list"


def test_same_day_item_says_so(kiosk):
    app = kiosk.app
    kiosk.tap(open_guide(kiosk).ids.by_department)
    tap_row(kiosk, "出生登记")
    item = app.screen_manager.current_screen
    assert item.ids.promised.text == "承诺时限：即办"
    optional = next(r for r in item.ids.materials.children if "父母结婚证" in r.name)
    assert "非必要" in optional.detail and "非婚生育的除外" in optional.detail


def test_by_theme_to_newborn_shows_its_items_and_materials(kiosk):
    app = kiosk.app
    home = open_guide(kiosk)
    kiosk.tap(home.ids.by_theme)
    tap_row(kiosk, "新生儿一件事")
    item = app.screen_manager.current_screen
    assert app.screen_manager.current == "guide_item"
    assert item.ids.name.text == "新生儿一件事"
    assert "出生登记" in item.ids.includes.text and "社会保障卡申领" in item.ids.includes.text
    assert item.ids.promised.text == "承诺时限：10个工作日"
    names = material_names(item)
    assert "1. 父母居民身份证" in names and any("新生儿近期免冠证件照" in n for n in names)
    assert item.ids.qr_panel.ids.qr.texture is not None


def test_catalogue_is_fetched_once_per_session(kiosk):
    app = kiosk.app
    home = open_guide(kiosk)
    catalogue = kiosk.services.session.catalogue
    assert catalogue is not None
    kiosk.simulated.platform.set_fault("error500")
    kiosk.tap(home.ids.by_theme)
    kiosk.tap(app.screen_manager.current_screen.ids.back)
    assert home.ready and home.message == ""   # no second call, so the fault is never seen
    kiosk.tap(app.screen_manager.current_screen.ids.by_department)
    assert app.screen_manager.current == "guide_list"
    app.end_session()
    assert kiosk.services.session.catalogue is None


def test_platform_fault_says_what_to_do_and_retry_works(kiosk):
    app = kiosk.app
    simulator = kiosk.simulated.platform
    simulator.set_fault("error500")
    kiosk.tap(kiosk.screen.tile_for("guide"))
    home = app.screen_manager.current_screen
    assert kiosk.wait_until(lambda: bool(home.message) and not home.loading, timeout=10)
    assert "综合受理窗口" in home.message and "12345" in home.message
    assert not home.ready and home.ids.by_department.disabled and home.ids.retry.opacity == 1
    kiosk.tap(home.ids.by_department)
    assert app.screen_manager.current == "guide_home"
    simulator.clear_faults()
    kiosk.tap(home.ids.retry)
    assert kiosk.wait_until(lambda: home.ready, timeout=10), home.message
    assert home.message == "" and home.ids.retry.opacity == 0
    kiosk.tap(home.ids.by_theme)
    assert app.screen_manager.current_screen.row_for("新生儿一件事") is not None
