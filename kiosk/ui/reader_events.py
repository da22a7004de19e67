"""The app's side of the ID card reader: placement, removal and faults, arriving on the UI
thread from the reader's watcher, go to the session, the out-of-order banner and the screen
being shown. Mixed into KioskApp (which holds the Kivy properties it sets)."""
from __future__ import annotations

from ..devices.idcard.events import ReaderListener
from ..flows.identify import check_card
from ..platform.models import today_in_china
from ..services.voice import Moment
from .spoken import Spoken

# Development keys when the virtual reader runs: F1..F8 place the sample cards, F9 lifts.
F1, F9 = 282, 290


class CardReaderEvents(Spoken, ReaderListener):
    """The app as the reader's listener: keeps the session and the banner right, then hands each
    event to the screen being shown when that screen listens too."""

    def _screen_listener(self) -> ReaderListener | None:
        screen = self.screen_manager.current_screen if self.screen_manager else None
        return screen if isinstance(screen, ReaderListener) else None

    def on_card_placed(self, card) -> None:
        self.rest.activity()   # a card at rest: full pace again
        self.card_on_reader = True
        self.services.session.set_identity(card)
        self.services.idle.touch()
        self._update_idle_watch()
        self.speak(*self._card_moment(card))
        if screen := self._screen_listener():
            screen.on_card_placed(card)

    def _card_moment(self, card) -> tuple:
        """Card read, or at the identify step refused and why, as kiosk.flows.identify decides
        for the identify screen (an expired card, a card the flow does not take)."""
        if self.screen_manager is None or self.screen_manager.current != "identify":
            return (Moment.CARD_READ,)
        flow_key = getattr(self.screen_manager.current_screen, "flow_key", "")
        check = check_card(card, flow_key, today=today_in_china())
        return (Moment.CARD_READ,) if check.accepted else (Moment.CARD_REFUSED, check.message_key)

    def on_card_removed(self) -> None:
        self.card_on_reader = False
        self.hush_take_card()
        if (self.screen_manager is not None and self.screen_manager.current == "home"
                and not self.services.session.is_empty):
            # A card read on the home screen and taken away before any flow began (or after the
            # citizen went home): nothing of it stays in memory until the idle timeout. This also
            # catches a read finished just before an idle wipe and delivered just after it.
            self.services.session.wipe()
            self._update_idle_watch()
        if screen := self._screen_listener():
            screen.on_card_removed()

    def on_reader_fault(self, error) -> None:
        self.reader_faulty = True
        self.set_out_of_order("reader", True, source="reader events")
        if screen := self._screen_listener():
            screen.on_reader_fault(error)

    def on_reader_ready(self) -> None:
        self.reader_faulty = False
        self.set_out_of_order("reader", False, source="reader events")
        if screen := self._screen_listener():
            screen.on_reader_ready()

    def on_card_detected(self) -> None:
        self.rest.activity()   # a card at rest: full pace again
        if screen := self._screen_listener():
            screen.on_card_detected()

    def on_read_failed(self, error) -> None:
        self.speak(Moment.CARD_REFUSED, reason=error)
        if screen := self._screen_listener():
            screen.on_read_failed(error)

    def identify(self, title_key: str, next_screen: str, keypad_screen: str = "", flow_key: str = "") -> None:
        """Starts the identify step of a flow; the flow continues at `next_screen` with
        session.identity set, once kiosk.flows.identify accepts the card for flow `flow_key`."""
        self.go("identify")
        screen = self.screen_manager.get_screen("identify")
        screen.title_key = title_key
        screen.next_screen, screen.keypad_screen, screen.flow_key = next_screen, keypad_screen, flow_key
        if not self.card_on_reader:
            self.speak(Moment.PLACE_CARD)

    def development_key(self, key: int) -> bool:
        """F1..F8 place a sample card on the virtual reader, F9 lifts it (embedded default only)."""
        virtual = self.simulated.reader if self.simulated is not None else None
        if virtual is None or not F1 <= key <= F9:
            return False
        samples = list(virtual.people)
        if key == F9:
            virtual.lift()
        elif key - F1 < len(samples):
            virtual.place(samples[key - F1])
        return True
