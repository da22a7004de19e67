"""Every label's font size on one ladder of sizes.

Kivy's SDL2 text provider opens the font once per size and keeps the last 64 it opened
(kivy/core/text/_text_sdl2.pyx). One size of the bundled Noto Sans CJK holds about 2.5 MiB
(measured here: 1 size 4.3 MiB, 10 sizes 27 MiB, 50 sizes 128 MiB, 100 sizes 164 MiB, the cache
full). The kiosk's sizes are products — sp × 长辈模式's 1.4 × the fitting's scale — that rarely
repeat exactly, so a day of citizens filled the cache with sizes a pixel apart (the soak's RSS
grew from 238 MiB at start to over 600 MiB). Rounded to the nearest step of a ladder 6 % apart,
a few dozen sizes cover every screen, language and mode, and each is opened once.

6 % is below what a reader tells apart side by side, and rounding moves a size by 3 % at most.
"""
from __future__ import annotations

from bisect import bisect_left

STEP = 1.06


def _ladder(low: float = 6.0, high: float = 600.0) -> tuple[int, ...]:
    sizes, size = [], low
    while size <= high:
        if not sizes or round(size) > sizes[-1]:
            sizes.append(round(size))
        size *= STEP
    return tuple(sizes)


LADDER = _ladder()


def on_ladder(px: float) -> float:
    """The ladder's size nearest to `px` (pixels); sizes off the ladder's ends are kept."""
    if px <= LADDER[0] or px >= LADDER[-1]:
        return float(px)
    i = bisect_left(LADDER, px)
    below, above = LADDER[i - 1], LADDER[i]
    return float(below if px - below < above - px else above)
