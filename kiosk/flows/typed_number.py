"""A 办件编号 typed on a keypad (办件进度查询 and 好差评 both have one): what a receipt shows is
taken (the dashes typed or left out, kiosk.flows.status.normalise_application_number), and a
number that cannot be one is refused on the keypad with what to do, instead of being looked up
and answered with "not found".

    number, problem = typed_number("150626-20261125-000123")   # ("15062620261125000123", "")
    number, problem = typed_number("000123")                    # (None, "number.too_short")
"""
from __future__ import annotations

from .status import normalise_application_number, shown_number

# A 办件编号 starts with the 6-digit 行政区划代码 and goes on with at least a 6-digit serial
# (receipts print 6-8-6, the platform's own numbers are 16 long). Fewer characters are one group
# of a receipt typed alone, or a number cut short: no application has such a number.
MIN_LENGTH = 12
DASH = "-"


def typed_number(typed: str) -> tuple[str | None, str]:
    """(the number to look up, "") or (None, the message key saying what is wrong). Nothing
    typed (or dashes only) is (None, ""): there is nothing to say yet."""
    if not typed.strip(DASH + " "):
        return None, ""
    number = normalise_application_number(typed)
    if number is None:
        return None, "number.bad_characters"
    if len(number) < MIN_LENGTH:
        return None, "number.too_short"
    return number, ""


def with_dash(typed: str, max_length: int) -> str:
    """The keypad's dash key: one dash at a time and only after a character, as a receipt groups
    the number."""
    if typed and not typed.endswith(DASH) and len(typed) < max_length:
        return typed + DASH
    return typed


__all__ = ["MIN_LENGTH", "shown_number", "typed_number", "with_dash"]
