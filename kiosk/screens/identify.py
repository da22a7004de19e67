"""Identify: "请将身份证放在感应区". On a read the session holds the card and the screen shows it
masked (张*三, 152627********1234); a card the flow accepts (kiosk.flows.identify decides, by
`flow_key`) continues to `next_screen`, a refused one stays with what to do next.
A flow that can work from a typed 办件编号 sets `keypad_screen`, shown as the other way in."""
from __future__ import annotations

import math

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import NumericProperty, StringProperty

from ..devices.idcard.events import ReaderListener
from ..flows.identify import check_card
from .widgets import KioskScreen

PULSE_PERIOD_S = 1.6


class IdentifyScreen(ReaderListener, KioskScreen):
    title_key = StringProperty("")     # translated in the kv: a language chosen here changes it too
    message_key = StringProperty("reader.place_card")
    masked_name = StringProperty("")
    masked_id = StringProperty("")
    next_screen = StringProperty("home")
    flow_key = StringProperty("")       # the flow being begun: which cards it accepts
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
        Clock.unschedule(self._pulse)
        Clock.unschedule(self._continue)

    def _animate(self) -> None:
        Clock.unschedule(self._pulse)
        Clock.schedule_interval(self._pulse, 1 / 30)
        self._pulse()

    def _pulse(self, _dt=None) -> None:
        # The phase comes from the app's clock, not from frames drawn: with the clock stopped
        # (the tour's screenshots) the card always shows the same phase.
        seconds = App.get_running_app().now().timestamp()
        self.pulse = 0.675 + 0.325 * math.cos(2 * math.pi * seconds / PULSE_PERIOD_S)

    # reader events, forwarded by the app while this screen is shown ----------------------------
    def on_card_detected(self) -> None:
        self.message_key = "reader.reading"

    def on_card_placed(self, card) -> None:
        # The latest card decides: one refused after an accepted one must not ride on its way in.
        Clock.unschedule(self._continue)
        check = check_card(card, self.flow_key, today=App.get_running_app().today())   # an expired card is refused
        self.masked_name, self.masked_id, self.message_key = check.masked_name, check.masked_id, check.message_key
        if check.accepted:
            Clock.schedule_once(self._continue, App.get_running_app().services.config.ui.show_identity_s)

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
        self.masked_name = self.masked_id = self.flow_key = ""
        self.message_key = "reader.place_card"
