"""办事指南 list: every department with its 事项, or the themed 一件事; a row opens its guide.
What is listed, and in what order, is kiosk.flows.guide's to decide."""
from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from ..flows import guide
from .text import KioskLabel
from .widgets import KioskScreen


class GuideRow(ButtonBehavior, BoxLayout):
    title = StringProperty("")
    detail = StringProperty("")


class GuideHeading(KioskLabel):
    pass


class GuideListScreen(KioskScreen):
    mode = StringProperty("")

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        session = app.services.session
        self.ids.rows.clear_widgets()
        sections = guide.listing(session, app.services.catalogue)
        if sections is None:  # the session ended under us: start the guide again
            Clock.schedule_once(lambda _dt: app.go("guide_home"), 0)
            return
        self.mode = session.guide_mode or ""
        self.ids.scroll.scroll_y = 1
        for section in sections:
            if section.heading:
                self.ids.rows.add_widget(GuideHeading(text=section.heading))
            for row in section.rows:
                self._add_row(row)

    def _add_row(self, shown: guide.Row) -> None:
        row = GuideRow(title=shown.title, detail=shown.detail)
        row.bind(on_release=lambda _row, e=shown.entry: self.open(e))
        self.ids.rows.add_widget(row)

    def open(self, entry) -> None:
        app = App.get_running_app()
        guide.open_entry(app.services.session, entry)
        app.go("guide_item")

    def row_for(self, title: str) -> GuideRow | None:
        return next((r for r in self.ids.rows.children if isinstance(r, GuideRow) and r.title == title), None)

    def reset(self) -> None:
        self.ids.rows.clear_widgets()
        self.mode = ""
