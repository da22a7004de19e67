"""办事指南 list: every department with its 事项, or the themed 一件事; a row opens its guide."""
from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from .guide_presenter import MODE_THEME, department_sections, item_line
from .widgets import KioskScreen


class GuideRow(ButtonBehavior, BoxLayout):
    title = StringProperty("")
    detail = StringProperty("")


class GuideHeading(Label):
    pass


class GuideListScreen(KioskScreen):
    mode = StringProperty("")

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        session = app.services.session
        catalogue = session.catalogue
        self.ids.rows.clear_widgets()
        if catalogue is None:  # the session ended under us: start the guide again
            Clock.schedule_once(lambda _dt: app.go("guide_home"), 0)
            return
        self.mode = session.guide_mode or ""
        self.ids.scroll.scroll_y = 1
        if self.mode == MODE_THEME:
            for theme in catalogue.themes:
                self._add_row(theme.name, theme.description, theme)
            return
        for department, items in department_sections(catalogue):
            self.ids.rows.add_widget(GuideHeading(text=department.name))
            for item in items:
                self._add_row(item.name, item_line(item, app.services.catalogue), item)

    def _add_row(self, title: str, detail: str, entry) -> None:
        row = GuideRow(title=title, detail=detail)
        row.bind(on_release=lambda _row, e=entry: self.open(e))
        self.ids.rows.add_widget(row)

    def open(self, entry) -> None:
        app = App.get_running_app()
        app.services.session.guide_entry = entry
        app.go("guide_item")

    def row_for(self, title: str) -> GuideRow | None:
        return next((r for r in self.ids.rows.children if isinstance(r, GuideRow) and r.title == title), None)

    def reset(self) -> None:
        self.ids.rows.clear_widgets()
        self.mode = ""
