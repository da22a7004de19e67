"""Widgets shared by the screens (their look is in widgets.kv)."""
from __future__ import annotations

import io

from kivy.core.image import Image as CoreImage
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.button import Button
from kivy.uix.gridlayout import GridLayout
from kivy.uix.image import Image
from kivy.uix.screenmanager import Screen


class KioskScreen(Screen):
    """Base of every screen. `reset()` clears whatever the screen shows about a citizen."""

    def reset(self) -> None:
        pass


class Tile(ButtonBehavior, BoxLayout):
    """A large home-screen tile: a title and a one-line explanation."""
    title = StringProperty("")
    subtitle = StringProperty("")
    flow = ObjectProperty(None, allownone=True)


class BigButton(Button):
    pass


class TopBar(BoxLayout):
    """Title, and a way home. Every screen but home has one."""
    title = StringProperty("")


class QrCode(Image):
    """Shows `data` as a QR code, generated locally (qrcode + Pillow)."""
    data = StringProperty("")

    def on_data(self, _instance, data: str) -> None:
        if not data:
            self.texture = None
            return
        import qrcode

        qr = qrcode.QRCode(border=2, box_size=8, error_correction=qrcode.constants.ERROR_CORRECT_M)
        qr.add_data(data)
        qr.make(fit=True)
        buffer = io.BytesIO()
        qr.make_image(fill_color="black", back_color="white").save(buffer, format="png")
        buffer.seek(0)
        texture = CoreImage(buffer, ext="png").texture
        texture.mag_filter = "nearest"
        self.texture = texture


class NumberPad(GridLayout):
    """Digits, 清空 and 删除 for typing a 办件编号 (the terminal has no keyboard)."""
    number = StringProperty("")
    max_digits = NumericProperty(32)

    def press(self, key: str) -> None:
        if key == "del":
            self.number = self.number[:-1]
        elif key == "clear":
            self.number = ""
        elif key.isdigit() and len(self.number) < self.max_digits:
            self.number += key
