"""The citizen's session: everything a flow learns about the person at the terminal.

Flows keep what they learn here and nowhere else, so `wipe()` can leave nothing behind:
it drops every field, zeroes byte buffers it holds (the card photo), forgets the personal
values registered for log masking and tells listeners (who cancel background jobs and clear
their screens). A new session number makes late results about the previous citizen easy to
recognise and drop.

The fields are declared here, typed, and nowhere else: a misspelt field is an AttributeError
(the class has slots), not a silent None.
"""
from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from .logs import PersonalValues, personal_values

if TYPE_CHECKING:
    from .devices.idcard.card import IdentityCard
    from .platform.models import Application, Catalogue, CatalogueEntry, HelpRequest
    from .services.ratings import RatingChoice, RatingTarget, StoredRating

_numbers = itertools.count(1)


def _citizen(default: Any = None) -> Any:
    """A field the citizen's flows fill in; `wipe()` scrubs it and puts the default back."""
    return field(default=default, init=False, metadata={"citizen": True})


@dataclass(slots=True, eq=False)
class CitizenSession:
    masking_registry: PersonalValues = field(default=personal_values, repr=False)
    # Who: the card read at the terminal (its personal values are registered for log masking).
    identity: IdentityCard | None = _citizen()
    # 办件进度查询 / 回执打印: the typed 办件编号, the list found, the application looked at.
    application_number: str | None = _citizen()
    applications: list[Application] | None = _citizen()
    application: Application | None = _citizen()
    # 好差评: the 办件 rated, the level/reasons/comment chosen, the rating once durable, a declined offer.
    rating_target: RatingTarget | None = _citizen()
    rating_choice: RatingChoice | None = _citizen()
    rating_stored: StoredRating | None = _citizen()
    rating_declined: bool = _citizen(False)
    # 办事指南: the catalogue fetched once per session, browsing by department or 一件事, the 事项 shown.
    catalogue: Catalogue | None = _citizen()
    guide_mode: str | None = _citizen()
    guide_entry: CatalogueEntry | None = _citizen()
    # 求助/帮您办: the help request, sent at most once per session.
    help_request: HelpRequest | None = _citizen()

    _personal: list[str] = field(default_factory=list, init=False, repr=False)
    _listeners: list[Callable[[], None]] = field(default_factory=list, init=False, repr=False)
    number: int = field(default_factory=lambda: next(_numbers), init=False)

    # what flows store -------------------------------------------------------
    def set_identity(self, card: IdentityCard) -> None:
        """Keeps the card read (wiping the one before) and registers its personal values for masking."""
        if self.identity is not None and self.identity is not card:
            _scrub(self.identity)
        self.identity = card
        self.remember_personal(card.name, card.english_name, card.id_number, card.address,
                               *card.appended_addresses)

    def remember_personal(self, *values: str | None) -> None:
        """Strings logs must mask until the session ends (a name, an ID number, an address)."""
        kept = [v for v in values if v]
        self._personal.extend(kept)
        self.masking_registry.add(*kept)

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) == f.default for f in _FIELDS)

    # ending -----------------------------------------------------------------
    def on_wipe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def wipe(self) -> None:
        for f in _FIELDS:
            _scrub(getattr(self, f.name))
            setattr(self, f.name, f.default)
        self.masking_registry.remove(*self._personal)
        self._personal.clear()
        self.number = next(_numbers)
        for listener in list(self._listeners):
            listener()


_FIELDS = tuple(f for f in dataclasses.fields(CitizenSession) if f.metadata.get("citizen"))


def _scrub(value: Any) -> None:
    """Zeroes mutable buffers and lets objects that know how wipe themselves."""
    if isinstance(value, bytearray):
        value[:] = bytes(len(value))
    wipe = getattr(value, "wipe", None)
    if callable(wipe):
        wipe()
    elif isinstance(value, (list, dict, set)):
        for item in list(value.values() if isinstance(value, dict) else value):
            _scrub(item)
        value.clear()
