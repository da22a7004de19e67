"""A clock a test or the tour can move by hand (the idle timer takes any `() -> float`)."""
from __future__ import annotations


class ManualClock:
    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
