"""The hidden entry gesture: five taps on the hall name within three seconds. Citizens tap
tiles, not the title, and five quick taps do not happen by chance."""
from __future__ import annotations

import time
from collections import deque
from typing import Callable

TAPS = 5
WINDOW_S = 3.0


class SecretTaps:
    def __init__(self, taps: int = TAPS, window_s: float = WINDOW_S, clock: Callable[[], float] = time.monotonic):
        self.taps = taps
        self.window_s = window_s
        self._clock = clock
        self._times: deque[float] = deque(maxlen=taps)

    def tap(self) -> bool:
        """Records one tap; True when it completes the gesture (the count then starts again)."""
        now = self._clock()
        self._times.append(now)
        if len(self._times) == self.taps and now - self._times[0] <= self.window_s:
            self._times.clear()
            return True
        return False
