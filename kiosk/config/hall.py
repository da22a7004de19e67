"""[hall]: the hall's name and address in traditional Mongolian, as the bureau supplies them.

Developers never write Mongolian: these keys are empty in every configuration shipped with the
kiosk, and the bureau fills them in. When set, the home screen shows them beside the Chinese
name ([terminal] hall_name), in columns where they fit. A value must be Mongolian script: its
letters (U+1820-U+18AF), the script's own signs and joiners (U+1800-U+180F, U+202F, ZWJ, ZWNJ),
spaces, digits and a few ASCII signs; anything else (a Chinese name pasted in the wrong key,
Cyrillic Mongolian) is refused with the key named.
"""
from dataclasses import dataclass

from .schema import setting

_MONGOLIAN_TEXT = r"(?=.*[\u1820-\u18AF])[\u1800-\u18AF\u202F\u200C\u200D 0-9,.()\-]{1,%d}"
NAME_LIMIT, ADDRESS_LIMIT = 80, 160


@dataclass(frozen=True)
class HallSettings:
    name_mn: str = setting("", help="the hall's name in traditional Mongolian script, supplied by the bureau "
                                    f"(at most {NAME_LIMIT} characters); empty: not shown",
                           pattern="|" + _MONGOLIAN_TEXT % NAME_LIMIT)
    address_mn: str = setting("", help="the hall's address in traditional Mongolian script, supplied by the "
                                       f"bureau (at most {ADDRESS_LIMIT} characters); empty: not shown",
                              pattern="|" + _MONGOLIAN_TEXT % ADDRESS_LIMIT)
