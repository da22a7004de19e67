"""How personal data is shown: masked on screen, on paper and in logs (张*三, 152627********1234)."""
from __future__ import annotations

import re

# 18-digit resident ID (last may be X) or the older 15-digit form; not inside a longer digit run.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")


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
    text = MOBILE.sub(lambda m: mask_mobile(m.group(1)), text)
    return text


def _mask_value(value: str) -> str:
    if ID_NUMBER.fullmatch(value):
        return mask_id_number(value)
    if len(value) > 12:  # an address or similar: keep only the first few characters
        return value[:6] + "***"
    return mask_name(value)
