"""A card reader listener made of plain functions, for tests and benchmarks."""
from __future__ import annotations

from typing import Callable

from ..devices.idcard.events import ReaderListener


class Callbacks(ReaderListener):
    """Callbacks(on_card_placed=f, on_card_removed=g, ...): the named events call the functions
    given; a name that is not a reader event is refused, so a typo cannot go unheard."""

    def __init__(self, **handlers: Callable[..., None]):
        for name, handler in handlers.items():
            if not name.startswith("on_") or not hasattr(ReaderListener, name):
                raise TypeError(f"{name!r} is not a reader event")
            setattr(self, name, handler)
