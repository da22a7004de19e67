"""One 办事指南 entry (a 事项 or a themed 一件事): 承诺时限, fee, 申请材料, QR code to apply online."""
from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from ..flows import guide
from .widgets import KioskScreen


class MaterialRow(BoxLayout):
    name = StringProperty("")
    detail = StringProperty("")


class GuideItemScreen(KioskScreen):
    view = ObjectProperty(None, allownone=True)

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        self.ids.materials.clear_widgets()
        self.view = guide.shown_entry(app.services.session, app.services.catalogue)
        if self.view is None:  # the session ended under us: start the guide again
            Clock.schedule_once(lambda _dt: app.go("guide_home"), 0)
            return
        for material in self.view.materials:
            self.ids.materials.add_widget(MaterialRow(name=material.name, detail=material.detail))
        self.ids.scroll.scroll_y = 1

    def reset(self) -> None:
        self.view = None
        self.ids.materials.clear_widgets()
