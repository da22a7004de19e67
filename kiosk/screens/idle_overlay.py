"""The countdown shown when nobody has touched the screen for a while: 还需要更多时间吗?"""
from __future__ import annotations

import math

from kivy.properties import NumericProperty
from kivy.uix.modalview import ModalView


class IdleOverlay(ModalView):
    seconds = NumericProperty(0)
    __events__ = ("on_keep_going",)

    def __init__(self, **kwargs):
        from . import load_kv
        load_kv("idle_overlay")
        super().__init__(**kwargs)
        self.is_open = False

    def show(self, seconds_left: float) -> None:
        self.seconds = math.ceil(seconds_left)
        if not self.is_open:
            self.is_open = True
            self.open(animation=False)

    def close(self) -> None:
        if self.is_open:
            self.is_open = False
            self.dismiss(animation=False)

    def on_keep_going(self) -> None:
        pass
