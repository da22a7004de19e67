"""The space each message has on screen, for the translator's notes and the import's fit check.

Measured, not written by hand: `scripts/measure_message_spaces.py` walks the tour (every screen and
state, kiosk/testing/tour.py) at the reference window 540x960 (1 px = 1 dp), finds each label
or button showing a message, and keeps per message and mode (normal, elder) the tightest box it
was shown in: the text width, the box height when the box does not grow with its text, the font
size, whether the screen shrinks the font to fit (buttons and tiles, down to FIT_FLOOR of
kiosk/screens/text.py) and whether it is a vertical Mongolian label. The result is
kiosk/i18n/spaces.json; run the script again when screens change.

A message the tour never shows (technicians' texts, rare failures) gets DEFAULT_SPACE: a text
column 440 dp wide (the reference portrait window's 540 dp less the screens' side margins,
rounded down) that grows downward, in the body size (22 sp; 长辈模式: x1.4). A message shown
only in normal mode gets its elder space from the normal box, type and fixed height x1.4.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path

SPACES = Path(__file__).resolve().parent / "spaces.json"
ELDER_TYPE_SCALE = 1.4      # kiosk/app.py's 长辈模式 type scale (the app may not be imported here)
MODES = ("normal", "elder")


@dataclass(frozen=True)
class Space:
    width_dp: float
    height_dp: float | None      # None: the box grows with its text
    font_dp: float
    shrinks: bool = False        # the screen shrinks the font (down to FIT_FLOOR) until the text fits
    vertical: bool = False       # a vertical Mongolian label (columns), not a horizontal one
    seen_in: str = ""            # the tour state it was measured in; "" for the default
    # how the screen's widget lays its text out (kiosk/screens/text.py), so the import's fit check
    # can build the same widget: a label or a button; "wrap" (lines in the width), "box" (in a
    # fixed text_size) or "none" (one line sized to the text); Mongolian may stand in columns
    # there when the box is at least column_aspect times as tall as wide
    widget: str = "label"
    wraps: str = "wrap"
    columns: bool = False
    column_aspect: float = 0.0

    def describe(self) -> str:
        box = f"{self.width_dp:.0f} dp wide" + (f" x {self.height_dp:.0f} dp high" if self.height_dp else
                                               ", grows downward")
        how = ", font shrinks to fit" if self.shrinks else ""
        where = f" (measured: {self.seen_in})" if self.seen_in else " (default: not shown on the tour)"
        return f"{box}, type {self.font_dp:.0f} dp{how}{where}"


DEFAULT_SPACE = Space(width_dp=440, height_dp=None, font_dp=22)


def elder_of(space: Space) -> Space:
    """The elder box of a message measured only at normal size: type and fixed heights x1.4, as
    长辈模式 grows type and touch targets (kiosk/app.py fs and target); widths as measured."""
    height = None if space.height_dp is None else round(space.height_dp * ELDER_TYPE_SCALE, 1)
    seen = f"{space.seen_in} at normal size, x1.4" if space.seen_in else ""
    return replace(space, font_dp=round(space.font_dp * ELDER_TYPE_SCALE, 1), height_dp=height, seen_in=seen)


@lru_cache(maxsize=4)
def load_spaces(path: Path = SPACES) -> dict[str, dict[str, Space]]:
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {key: {mode: Space(**value) for mode, value in modes.items()} for key, modes in raw.items()}


def space_of(key: str, mode: str, spaces: dict[str, dict[str, Space]] | None = None) -> Space:
    spaces = load_spaces() if spaces is None else spaces
    measured = spaces.get(key, {})
    if mode in measured:
        return measured[mode]
    normal = measured.get("normal", DEFAULT_SPACE)
    return normal if mode == "normal" else elder_of(normal)


def save_spaces(spaces: dict[str, dict[str, Space]], path: Path = SPACES) -> None:
    data = {key: {mode: asdict(space) for mode, space in sorted(modes.items())}
            for key, modes in sorted(spaces.items())}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
