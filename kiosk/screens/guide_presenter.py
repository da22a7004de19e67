"""What the 办事指南 screens show, as plain strings: no widgets, testable without a window.

An entry is either one 事项 (CatalogueItem) or a themed 一件事 (Theme); both show the same way:
name, who handles it, 承诺时限, fee, 申请材料 and the QR code to apply online.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Catalogue as Messages
from ..platform.models import Catalogue, CatalogueItem, Department, Material, Theme

MODE_DEPARTMENT = "department"
MODE_THEME = "theme"


@dataclass(frozen=True)
class MaterialView:
    name: str               # "1. 申请人居民身份证"
    detail: str             # "原件1份", "原件1份  非必要  非婚生育的除外"


@dataclass(frozen=True)
class EntryView:
    name: str
    about: str              # 办理部门：… for an item; the theme's description
    promised: str           # 承诺时限：3个工作日 / 承诺时限：即办
    fee: str                # 收费标准：…; empty for a theme (its items say)
    includes: str           # 包含事项：…; empty for an item
    materials: tuple[MaterialView, ...]
    online_url: str


def promised_text(days: int, messages: Messages) -> str:
    if days <= 0:
        return messages.text("guide.promised_same_day")
    return messages.text("platform.catalogue.promised_days", days=days)


def material_views(materials: tuple[Material, ...], messages: Messages) -> tuple[MaterialView, ...]:
    views = []
    for number, material in enumerate(materials, start=1):
        detail = [messages.text("guide.material_form", form=material.form, copies=material.copies)]
        if not material.required:
            detail.append(messages.text("guide.material_optional"))
        if material.note:
            detail.append(material.note)
        views.append(MaterialView(name=f"{number}. {material.name}", detail="  ".join(detail)))
    return tuple(views)


def item_view(item: CatalogueItem, catalogue: Catalogue, messages: Messages) -> EntryView:
    department = catalogue.department(item.department_code)
    return EntryView(
        name=item.name,
        about=messages.text("guide.department", name=department.name if department else item.department_code),
        promised=promised_text(item.promised_days, messages),
        fee=messages.text("guide.fee", fee=item.fee) if item.fee else "",
        includes="",
        materials=material_views(item.materials, messages),
        online_url=item.online_url)


def theme_view(theme: Theme, catalogue: Catalogue, messages: Messages) -> EntryView:
    names = "、".join(i.name for i in catalogue.items_of_theme(theme))
    return EntryView(
        name=theme.name, about=theme.description,
        promised=promised_text(theme.promised_days, messages), fee="",
        includes=messages.text("guide.theme_items", items=names) if names else "",
        materials=material_views(theme.materials, messages),
        online_url=theme.online_url)


def entry_view(entry: CatalogueItem | Theme, catalogue: Catalogue, messages: Messages) -> EntryView:
    if isinstance(entry, Theme):
        return theme_view(entry, catalogue, messages)
    return item_view(entry, catalogue, messages)


def department_sections(catalogue: Catalogue) -> list[tuple[Department, tuple[CatalogueItem, ...]]]:
    """Departments in the platform's order with their items; a department with none is left out
    (a heading with nothing under it would be a dead end)."""
    return [(d, items) for d in catalogue.departments if (items := catalogue.items_of(d.code))]


def item_line(item: CatalogueItem, messages: Messages) -> str:
    """The second line of an item in the list: its kind and 承诺时限."""
    return f"{item.kind}  {promised_text(item.promised_days, messages)}"
