"""Identify: "请将身份证放在感应区". On a read the session holds the card and the screen shows it
masked (张*三, 152627********1234) before the flow continues to `next_screen`.
A flow that can work from a typed 办件编号 sets `keypad_screen`, shown as the other way in."""
from __future__ import annotations

from kivy.animation import Animation
from kivy.app import App
from kivy.clock import Clock
from kivy.properties import NumericProperty, StringProperty

from ..devices.idcard.events import ReaderListener
from ..masking import mask_id_number, mask_name
from .widgets import KioskScreen

SHOW_IDENTITY_S = 1.5  # long enough to read the masked name before the flow moves on


class IdentifyScreen(ReaderListener, KioskScreen):
    title = StringProperty("")
    message_key = StringProperty("reader.place_card")
    masked_name = StringProperty("")
    masked_id = StringProperty("")
    next_screen = StringProperty("home")
    keypad_screen = StringProperty("")
    pulse = NumericProperty(1.0)

    def on_enter(self, *_args) -> None:
        self._animate()
        card = App.get_running_app().services.session.identity
        if card is not None:
            self.on_card_placed(card)
        elif App.get_running_app().reader_faulty:
            self.message_key = "reader.fault"

    def on_leave(self, *_args) -> None:
        Animation.cancel_all(self, "pulse")
        Clock.unschedule(self._continue)

    def _animate(self) -> None:
        Animation.cancel_all(self, "pulse")
        anim = Animation(pulse=0.35, duration=0.8, t="in_out_sine") + Animation(pulse=1.0, duration=0.8, t="in_out_sine")
        anim.repeat = True
        anim.start(self)

    # reader events, forwarded by the app while this screen is shown ----------------------------
    def on_card_detected(self) -> None:
        self.message_key = "reader.reading"

    def on_card_placed(self, card) -> None:
        self.masked_name = mask_name(card.name or card.english_name or "")
        self.masked_id = mask_id_number(card.id_number or "")
        if not card.id_number_valid:
            self.message_key = "reader.id_number_invalid"
            return
        self.message_key = "identify.welcome"
        Clock.unschedule(self._continue)
        Clock.schedule_once(self._continue, SHOW_IDENTITY_S)

    def on_read_failed(self, error) -> None:
        self.masked_name = self.masked_id = ""
        self.message_key = getattr(error, "message_key", "reader.replace_card")

    def on_reader_fault(self, _error) -> None:
        self.message_key = "reader.fault"

    def on_reader_ready(self) -> None:
        self.message_key = "reader.place_card"

    def _continue(self, _dt=None) -> None:
        App.get_running_app().go(self.next_screen)

    def reset(self) -> None:
        Clock.unschedule(self._continue)
        self.masked_name = self.masked_id = ""
        self.message_key = "reader.place_card"
