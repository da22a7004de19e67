"""Argument types shared by the commands. A number of seconds is finite and positive: float()
accepts "nan" and "inf", and a nan or infinite wait never ends."""
from __future__ import annotations

import argparse
import math

MAX_SECONDS = 24 * 3600.0


def seconds(text: str) -> float:
    """argparse type for a wait: more than 0 and at most a day."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or not 0 < value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds above 0 and at most {MAX_SECONDS:g}")
    return value
