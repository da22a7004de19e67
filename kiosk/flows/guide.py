"""办事指南: browse the service catalogue by department (按部门) or by themed 一件事 (一件事一次办),
open an entry, see its 承诺时限, fee, 申请材料 and the QR code to apply online.

The catalogue is fetched once per citizen session and kept there (session.catalogue), so browsing
back and forth never waits for the platform again; the session also keeps the way of browsing
(guide_mode) and the entry opened (guide_entry). An entry is either one 事项 (CatalogueItem) or a
themed 一件事 (Theme); both show the same way. No widgets here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Union

from ..i18n import Catalogue as Messages
from ..platform.models import Catalogue, CatalogueItem, Department, Material, Theme
from .platform_calls import ask_platform
from .platform_text import as_given

if TYPE_CHECKING:
    from ..session import CitizenSession
    from .context import Services

MODE_DEPARTMENT = "department"
MODE_THEME = "theme"
MODES = (MODE_DEPARTMENT, MODE_THEME)

Entry = Union[CatalogueItem, Theme]


# the flow ------------------------------------------------------------------------------------------
def fetch_catalogue(services: Services, on_ready: Callable[[Catalogue], None],
                    on_error: Callable[[BaseException], None]) -> bool:
    """True when the session has the catalogue already (nothing to wait for). Otherwise asks the
    platform in the background, keeps the answer in the session before `on_ready` gets it, and
    returns False."""
    session = services.session
    if session.catalogue is not None:
        return True

    def fetched(catalogue: Catalogue) -> None:
        session.catalogue = catalogue
        on_ready(catalogue)

    ask_platform(services, lambda client: client.catalogue(), name="catalogue", on_result=fetched,
                 on_error=on_error)
    return False


def browse(session: CitizenSession, mode: str) -> bool:
    """Chooses how to browse; False (nothing changes) for an unknown way or before the catalogue is here."""
    if mode not in MODES or session.catalogue is None:
        return False
    session.guide_mode = mode
    return True


def open_entry(session: CitizenSession, entry: Entry) -> None:
    session.guide_entry = entry


# what the list shows -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    title: str
    detail: str             # an item's kind and 承诺时限; a theme's description
    entry: Entry


@dataclass(frozen=True)
class Section:
    heading: str            # the department's name; empty for the themes
    rows: tuple[Row, ...]


def listing(session: CitizenSession, messages: Messages) -> list[Section] | None:
    """The list for the session's way of browsing; None once the session has ended (no catalogue)."""
    catalogue = session.catalogue
    if catalogue is None:
        return None
    if session.guide_mode == MODE_THEME:
        return [Section("", tuple(Row(t.name, as_given(t.description, messages), t) for t in catalogue.themes))]
    return [Section(department.name, tuple(Row(i.name, item_line(i, messages), i) for i in items))
            for department, items in department_sections(catalogue)]


def department_sections(catalogue: Catalogue) -> list[tuple[Department, tuple[CatalogueItem, ...]]]:
    """Departments in the platform's order with their items; a department with none is left out
    (a heading with nothing under it would be a dead end)."""
    return [(d, items) for d in catalogue.departments if (items := catalogue.items_of(d.code))]


def item_line(item: CatalogueItem, messages: Messages) -> str:
    """The second line of an item in the list: its kind (the platform's word) and 承诺时限."""
    return f"{as_given(item.kind, messages)}  {promised_text(item.promised_days, messages)}"


# what an entry shows -------------------------------------------------------------------------------
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


def shown_entry(session: CitizenSession, messages: Messages) -> EntryView | None:
    """The entry opened; None once the session has ended (no catalogue, no entry)."""
    if session.catalogue is None or session.guide_entry is None:
        return None
    return entry_view(session.guide_entry, session.catalogue, messages)


def promised_text(days: int, messages: Messages) -> str:
    if days <= 0:
        return messages.text("guide.promised_same_day")
    return messages.text("platform.catalogue.promised_days", days=days)


def material_views(materials: tuple[Material, ...], messages: Messages) -> tuple[MaterialView, ...]:
    views = []
    for number, material in enumerate(materials, start=1):
        detail = [messages.text("guide.material_form", form=as_given(material.form, messages), copies=material.copies)]
        if not material.required:
            detail.append(messages.text("guide.material_optional"))
        if material.note:
            detail.append(as_given(material.note, messages))
        views.append(MaterialView(name=f"{number}. {material.name}", detail="  ".join(detail)))
    return tuple(views)


def item_view(item: CatalogueItem, catalogue: Catalogue, messages: Messages) -> EntryView:
    department = catalogue.department(item.department_code)
    return EntryView(
        name=item.name,
        about=messages.text("guide.department", name=department.name if department else item.department_code),
        promised=promised_text(item.promised_days, messages),
        fee=messages.text("guide.fee", fee=as_given(item.fee, messages)) if item.fee else "",
        includes="",
        materials=material_views(item.materials, messages),
        online_url=item.online_url)


def theme_view(theme: Theme, catalogue: Catalogue, messages: Messages) -> EntryView:
    names = "、".join(i.name for i in catalogue.items_of_theme(theme))
    return EntryView(
        name=theme.name, about=as_given(theme.description, messages),
        promised=promised_text(theme.promised_days, messages), fee="",
        includes=messages.text("guide.theme_items", items=names) if names else "",
        materials=material_views(theme.materials, messages),
        online_url=theme.online_url)


def entry_view(entry: Entry, catalogue: Catalogue, messages: Messages) -> EntryView:
    if isinstance(entry, Theme):
        return theme_view(entry, catalogue, messages)
    return item_view(entry, catalogue, messages)
