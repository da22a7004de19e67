"""How personal data is shown: masked on screen, on paper and in logs (张*三, 152627********1234)."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Where a number starts: after anything but a digit, letters included (ID150626..., no=...), or
# right after a URL's percent escape (%3D150626... is "=150626...", %20 a space).
_START = r"(?:(?<!\d)|(?<=%[0-9A-Fa-f]{2}))"
# 18-digit resident ID (last may be X) or the older 15-digit form; not inside a longer digit run.
# Any such run is masked, valid check digit or not: a mistyped ID number is still personal, and
# masking a long number that was not one costs nothing.
ID_NUMBER = re.compile(_START + r"(\d{17}[\dXx]|\d{15})(?!\d)")
# A mainland mobile number: 13912345678, 139-1234-5678, 139 1234 5678, with or without the
# country code (+86, 0086, 86, %2B86 in a URL) in front.
MOBILE = re.compile(_START + r"((?:(?:\+|%2[Bb]|00)?86[ -]?)?)(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")


def mask_name(name: str) -> str:
    """张三 -> 张*, 张小三 -> 张*三, 敖云毕力格 -> 敖***格; Latin names keep the first letter of each word."""
    name = (name or "").strip()
    if not name:
        return ""
    if name.isascii():
        return " ".join(w[:1] + "*" * (len(w) - 1) for w in name.split())
    if len(name) == 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id_number(number: str) -> str:
    """152627199001011234 -> 152627********1234; any other length keeps its first 3 and last 2."""
    number = (number or "").strip()
    if len(number) in (15, 18):
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    if len(number) <= 4:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 5) + number[-2:]


def mask_mobile(number: str) -> str:
    return number[:3] + "****" + number[-4:] if len(number) == 11 else mask_id_number(number)


def mask_text(text: str, personal_values: tuple[str, ...] | list[str] = ()) -> str:
    """Masks ID numbers, mobile numbers and the given personal values anywhere in free text."""
    for value in sorted({v for v in personal_values if v and len(v) >= 2}, key=len, reverse=True):
        text = text.replace(value, _mask_value(value))
    text = ID_NUMBER.sub(lambda m: mask_id_number(m.group(1)), text)
    text = MOBILE.sub(lambda m: m.group(1) + mask_mobile(m.group(2) + m.group(3) + m.group(4)), text)
    return text


def _mask_value(value: str) -> str:
    if ID_NUMBER.fullmatch(value):
        return mask_id_number(value)
    if len(value) > 12:  # an address or similar: keep only the first few characters
        return value[:6] + "***"
    return mask_name(value)


@dataclass(frozen=True)
class ShownIdentity:
    name: str          # 张*三: the Chinese name, else the English one
    id_number: str     # 152627********1234: the ID number, else the pass number


def display_identity(card) -> ShownIdentity:
    """How a card's holder is shown anywhere (screen, diagnostics, a card's repr): the one place
    that decides which of a card's fields stand for the person and how they are masked."""
    return ShownIdentity(name=mask_name(card.name or card.english_name or ""),
                         id_number=mask_id_number(card.id_number or card.pass_number or ""))
