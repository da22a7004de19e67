"""办事指南 texts from the catalogue: 承诺时限, fee, 申请材料, departments without items left out."""
from __future__ import annotations

from kiosk.i18n import Catalogue as Messages
from kiosk.platform.models import Catalogue, CatalogueItem, Department, Material, Theme
from kiosk.flows.guide import department_sections, entry_view, item_line

MESSAGES = Messages("zh_CN")
ID_CARD = Material("申请人居民身份证", "原件", 1, True)
CATALOGUE = Catalogue(
    version="1",
    departments=(Department("GAJ", "乌审旗公安局"), Department("NMJ", "乌审旗农牧局")),
    items=(CatalogueItem("1", "出生登记", "GAJ", "行政确认", 0, "不收费", "https://x/apply/1",
                         (ID_CARD, Material("父母结婚证", "原件", 1, False, "非婚生育的除外"))),
           CatalogueItem("2", "居民身份证换领", "GAJ", "行政确认", 30, "20元", "https://x/apply/2", (ID_CARD,))),
    themes=(Theme("T", "新生儿一件事", "一次申请、一次办好。", ("1", "missing"), 10, "https://x/theme/T",
                  (Material("新生儿近期免冠证件照", "电子", 1, True, "可现场采集"),)),))


def test_item_shows_department_same_day_fee_and_optional_material():
    view = entry_view(CATALOGUE.items[0], CATALOGUE, MESSAGES)
    assert view.about == "办理部门：乌审旗公安局"
    assert view.promised == "承诺时限：即办" and view.fee == "收费标准：不收费" and view.includes == ""
    assert [(m.name, m.detail) for m in view.materials] == [
        ("1. 申请人居民身份证", "原件1份"), ("2. 父母结婚证", "原件1份  非必要  非婚生育的除外")]
    assert view.online_url == "https://x/apply/1"


def test_item_line_gives_working_days():
    assert item_line(CATALOGUE.items[1], MESSAGES) == "行政确认  承诺时限：30个工作日"


def test_theme_lists_its_known_items_and_materials():
    view = entry_view(CATALOGUE.themes[0], CATALOGUE, MESSAGES)
    assert view.includes == "包含事项：出生登记" and view.fee == ""
    assert view.promised == "承诺时限：10个工作日"
    assert view.materials[0].detail == "电子1份  可现场采集"


def test_departments_without_items_are_left_out():
    assert [(d.code, len(items)) for d, items in department_sections(CATALOGUE)] == [("GAJ", 2)]
