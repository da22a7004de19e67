"""The citizen's session: everything a flow learns about the person at the terminal.

Flows keep what they learn here and nowhere else, so `wipe()` can leave nothing behind:
it drops every field, zeroes byte buffers it holds (the card photo), forgets the personal
values registered for log masking and tells listeners (who cancel background jobs and clear
their screens). A new session number makes late results about the previous citizen easy to
recognise and drop.
"""
from __future__ import annotations

import itertools
from typing import Any, Callable

from .logs import PersonalValues, personal_values

_numbers = itertools.count(1)


class CitizenSession:
    def __init__(self, masking_registry: PersonalValues = personal_values):
        self._registry = masking_registry
        self._data: dict[str, Any] = {}
        self._personal: list[str] = []
        self._listeners: list[Callable[[], None]] = []
        self.number = next(_numbers)

    # what flows store -------------------------------------------------------
    def put(self, key: str, value: Any, *, personal: tuple[str | None, ...] = ()) -> None:
        """Stores `value`; `personal` lists the strings in it that logs must mask (name, ID, address)."""
        self._data[key] = value
        values = [p for p in personal if p]
        self._personal.extend(values)
        self._registry.add(*values)

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def __contains__(self, key: str) -> bool:
        return key in self._data

    @property
    def is_empty(self) -> bool:
        return not self._data

    def keys(self) -> list[str]:
        return list(self._data)

    # ending -----------------------------------------------------------------
    def on_wipe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def wipe(self) -> None:
        for value in self._data.values():
            _scrub(value)
        self._data.clear()
        self._registry.remove(*self._personal)
        self._personal.clear()
        self.number = next(_numbers)
        for listener in list(self._listeners):
            listener()


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
