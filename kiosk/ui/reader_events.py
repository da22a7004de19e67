"""The app's side of the ID card reader: placement, removal and faults, arriving on the UI
thread from the reader's watcher, go to the session, the out-of-order banner and the screen
being shown. Mixed into KioskApp (which holds the Kivy properties it sets)."""
from __future__ import annotations

# Development keys when the virtual reader runs: F1..F8 place the sample cards, F9 lifts.
F1, F9 = 282, 290


class CardReaderEvents:
    def _forward(self, method: str):
        def forward(*args):
            handler = getattr(self.screen_manager.current_screen, method, None)
            if handler:
                handler(*args)
        return forward

    def _card_placed(self, card) -> None:
        self.card_on_reader = True
        session = self.services.session
        previous = session.get("identity")
        if previous is not None:
            previous.wipe()
        session.put("identity", card, personal=(card.name, card.english_name, card.id_number, card.address,
                                                *card.appended_addresses))
        self.services.idle.touch()
        self._update_idle_watch()
        self._forward("on_card_placed")(card)

    def _card_removed(self) -> None:
        self.card_on_reader = False
        self._forward("on_card_removed")()

    def _reader_fault(self, error) -> None:
        self.reader_faulty = True
        self.set_out_of_order("reader", True, source="reader events")
        self._forward("on_reader_fault")(error)

    def _reader_ready(self) -> None:
        self.reader_faulty = False
        self.set_out_of_order("reader", False, source="reader events")
        self._forward("on_reader_ready")()

    def identify(self, title_key: str, next_screen: str, keypad_screen: str = "") -> None:
        """Starts the identify step of a flow; the flow continues at `next_screen` with
        session["identity"] set."""
        self.go("identify")
        screen = self.screen_manager.get_screen("identify")
        screen.title = self.t(title_key)
        screen.next_screen, screen.keypad_screen = next_screen, keypad_screen

    def development_key(self, key: int) -> bool:
        """F1..F8 place a sample card on the virtual reader, F9 lifts it (embedded default only)."""
        virtual = self.services.parts.virtual_reader if self.services.parts else None
        if virtual is None or not F1 <= key <= F9:
            return False
        samples = list(virtual.people)
        if key == F9:
            virtual.lift()
        elif key - F1 < len(samples):
            virtual.place(samples[key - F1])
        return True
