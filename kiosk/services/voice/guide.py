"""The app's hook: one call per moment, spoken in the session's current language.

    guide = VoiceGuide(player, language=lambda: catalogue.language)
    guide.say(Moment.PLACE_CARD)
    guide.say(Moment.CARD_REFUSED, reason=error)   # speaks error.message_key (why, where to go)

The player (kiosk/ui/voice_player.py) plays on the UI thread; whatever the guide asks last wins.
"""
from __future__ import annotations

from typing import Callable, Protocol

from .moments import Moment, message_for


class Player(Protocol):
    muted: bool

    def say(self, message_id: str, language: str) -> None: ...
    def stop(self) -> None: ...
    def replay(self) -> None: ...


class VoiceGuide:
    def __init__(self, player: Player, language: Callable[[], str]):
        self.player = player
        self._language = language
        self.last_moment: Moment | None = None

    def say(self, moment: Moment, reason: BaseException | str | None = None) -> str:
        """Speaks `moment` (replacing whatever is playing); returns the message id spoken."""
        message_id = message_for(moment, reason)
        self.last_moment = moment
        self.player.say(message_id, self._language())
        return message_id

    def card_removed(self) -> None:
        """The card left the reader: a "take your card" still playing has done its work."""
        if self.last_moment is Moment.TAKE_CARD:
            self.player.stop()
            self.last_moment = None

    def replay(self) -> None:
        """再听一遍: the last prompt again, from its start."""
        self.player.replay()

    @property
    def muted(self) -> bool:
        return self.player.muted

    def toggle_mute(self) -> bool:
        self.player.muted = not self.player.muted
        if self.player.muted:
            self.player.stop()
        return self.player.muted
