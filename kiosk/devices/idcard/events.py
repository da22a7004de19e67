"""What the card reader tells whoever listens: the one declaration of the six reader events.

The watcher calls these on the UI thread (through its `deliver`). The app implements them
(session, banner) and hands them on to the screen being shown when that screen is a
ReaderListener too; a screen overrides only the events it cares about.

  on_reader_ready()         the reader answers (at start, and again after a fault)
  on_card_detected()        a card was just placed and is being read ("do not move the card")
  on_card_placed(card)      a card was read: an IdentityCard, once per placement
  on_read_failed(error)     a placed card could not be read; the citizen should lift and place it
                            again (error.message_key says what to show; error.for_technician
                            tells a line/SAM problem from a card problem)
  on_card_removed()         the card that was read (or failed) has been lifted
  on_reader_fault(error)    the reader is unusable (unplugged, silent, SAM failure); sent once
                            per fault, followed by on_reader_ready when it works again
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .card import IdentityCard
    from .errors import ReaderError


class ReaderListener:
    """Every event does nothing unless overridden."""

    def on_reader_ready(self) -> None:
        pass

    def on_card_detected(self) -> None:
        pass

    def on_card_placed(self, card: IdentityCard) -> None:
        pass

    def on_read_failed(self, error: ReaderError) -> None:
        pass

    def on_card_removed(self) -> None:
        pass

    def on_reader_fault(self, error: ReaderError) -> None:
        pass
