"""The card record: what a read returns, for all four card types, in one typed dataclass.

The 256-byte text block is UCS-2 little-endian, space padded; the card type marker sits
at bytes 248..249. Layouts (byte offset, size) are from GA 467 and public driver code,
see docs idcard-protocol.md. `build_text_block` is the inverse of `parse_text_block`; the
virtual reader and the tests use it to make card images.

What a card holds is checked, not trusted: text must be valid UTF-16 with no control, format
(bidi overrides, zero-width marks) or line-breaking characters, dates must be real calendar dates
in order (born, then issued, then ending, or 长期). A card that fails is refused with
InvalidCardContent naming the field; nothing of it is passed on, shown or logged.
"""
from __future__ import annotations

import hashlib
import importlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from kiosk.masking import display_identity

from .errors import CardDataError, InvalidCardContent
from .tables import GENDERS, NATIONS, id_number_checks


TEXT_LEN = 256
PHOTO_LEN = 1024
ADDRESS_LEN = 70   # one appended address, bytes

CARD_TYPES = ("resident", "foreign_permanent", "hmt_residence", "foreign_permanent_2023")
_MARKERS = {"I": "foreign_permanent", "J": "hmt_residence", "Y": "foreign_permanent_2023"}
MARKER_OF = {v: k for k, v in _MARKERS.items()}

# field -> (offset, size) per card type
RESIDENT = {"name": (0, 30), "gender": (30, 2), "nation": (32, 4), "birth_date": (36, 16),
            "address": (52, 70), "id_number": (122, 36), "authority": (158, 30),
            "valid_from": (188, 16), "valid_to": (204, 16)}
HMT = {**RESIDENT, "pass_number": (220, 18), "issue_count": (238, 4)}
FOREIGN = {"english_name": (0, 120), "gender": (120, 2), "id_number": (122, 30),
           "nationality": (152, 6), "name": (158, 30), "valid_from": (188, 16), "valid_to": (204, 16),
           "birth_date": (220, 16), "card_version": (236, 4), "authority_code": (240, 8)}
FOREIGN_2023 = {"name": (0, 30), "gender": (30, 2), "renewal_count": (32, 4), "birth_date": (36, 16),
                "english_name_1": (52, 70), "id_number": (122, 36), "valid_from": (188, 16),
                "valid_to": (204, 16), "english_name_2": (220, 22), "nationality": (242, 6),
                "previous_card": (250, 6)}
LAYOUTS = {"resident": RESIDENT, "hmt_residence": HMT, "foreign_permanent": FOREIGN,
           "foreign_permanent_2023": FOREIGN_2023}

JSON_KEYS = ("card_type", "name", "english_name", "gender", "nation", "birth_date", "address",
             "id_number", "id_number_valid", "authority", "valid_from", "valid_to", "pass_number",
             "issue_count", "nationality", "appended_addresses", "photo_wlt_sha256")

LONG_TERM = "长期"
# Years a date on a card can fall in: births of living holders, validity of issued cards.
FIRST_YEAR, LAST_YEAR = 1900, 2099
# Characters no card field holds. Padding is spaces (or NULs) after the text and is not checked;
# private-use characters stay allowed: rare characters in names are encoded there.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# the 2023 card's English name is stored in two parts; errors name the field the JSON form has
_FIELD_OF_PART = {"english_name_1": "english_name", "english_name_2": "english_name"}


class PhotoDecoder(Protocol):
    """A vendor's WLT decoder: 1024 bytes of WLT in, a 102 x 126 24-bit BMP file out."""

    def __call__(self, wlt: bytes) -> bytes: ...


_photo_decoder: PhotoDecoder | None = None


def register_photo_decoder(decoder: PhotoDecoder | None) -> None:
    """Installs (or with None removes) the vendor decoder used by IdentityCard.decode_photo."""
    global _photo_decoder
    _photo_decoder = decoder


def load_photo_decoder(spec: str) -> PhotoDecoder | None:
    """'package.module:function' from configuration -> the decoder; '' -> None."""
    if not spec:
        return None
    module, _, attr = spec.partition(":")
    if not module or not attr:
        raise ValueError(f"photo decoder {spec!r}: expected 'module:function'")
    decoder = getattr(importlib.import_module(module), attr)
    if not callable(decoder):
        raise ValueError(f"photo decoder {spec!r} is not callable")
    return decoder


@dataclass(frozen=True, eq=False)
class IdentityCard:
    """One card as read. Text fields are None when the card type has no such field.

    `photo_wlt` is a bytearray so the session that held the card can zero it (`wipe`).
    repr() shows masked values only, so a card can never leak into a log in clear.
    """
    card_type: str
    name: str | None
    english_name: str | None
    gender: str | None
    nation: str | None
    birth_date: str | None
    address: str | None
    id_number: str | None
    id_number_valid: bool
    authority: str | None
    valid_from: str | None
    valid_to: str | None
    pass_number: str | None = None
    issue_count: str | None = None
    nationality: str | None = None
    appended_addresses: tuple[str, ...] = ()
    photo_wlt: bytearray = field(default_factory=bytearray)
    fingerprint: bytearray = field(default_factory=bytearray)
    # Fields kept for completeness but not part of the JSON form.
    gender_code: str | None = None
    nation_code: str | None = None
    authority_code: str | None = None
    card_version: str | None = None
    renewal_count: str | None = None
    previous_card: str | None = None
    chip_number: bytes = b""

    @property
    def photo_wlt_sha256(self) -> str | None:
        if not self.photo_wlt or not any(self.photo_wlt):
            return None
        return hashlib.sha256(bytes(self.photo_wlt)).hexdigest()

    def expired_on(self, day: date) -> bool:
        """Whether the document's validity ended before `day`: it is valid through its end date,
        and 长期 never ends."""
        if self.valid_to == LONG_TERM:
            return False
        if self.valid_to is None:
            raise ValueError("the card has no end of validity")
        return day > date.fromisoformat(self.valid_to)

    def decode_photo(self) -> bytes | None:
        """The photo as BMP through the registered vendor decoder; None when none is installed."""
        if _photo_decoder is None or not self.photo_wlt:
            return None
        return _photo_decoder(bytes(self.photo_wlt))

    def wipe(self) -> None:
        """Zeroes the photo and fingerprint buffers. Text fields are immutable str: drop the card."""
        for buf in (self.photo_wlt, self.fingerprint):
            buf[:] = bytes(len(buf))

    def to_json_dict(self) -> dict:
        out = {k: getattr(self, k) for k in JSON_KEYS}
        out["appended_addresses"] = list(self.appended_addresses)
        return out

    def __repr__(self) -> str:
        shown = display_identity(self)
        return (f"IdentityCard({self.card_type}, {shown.name}, {shown.id_number}, "
                f"valid={self.id_number_valid})")


def _decode(raw: bytes, name: str) -> str:
    """A field's characters, its padding (trailing spaces or NULs) turned into spaces; refuses
    bytes that are not UTF-16 and characters no card holds."""
    try:
        text = raw.decode("utf-16-le")
    except UnicodeDecodeError:
        raise InvalidCardContent("not valid UTF-16 text", _FIELD_OF_PART.get(name, name)) from None
    value = text.rstrip(" \x00")
    for char in value:
        if not _plain(char):
            raise InvalidCardContent(f"holds the character U+{ord(char):04X} ({unicodedata.category(char)}), "
                                     "which no card field holds", _FIELD_OF_PART.get(name, name))
    return value + " " * (len(text) - len(value))


def _plain(char: str) -> bool:
    code = ord(char)
    noncharacter = 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
    return unicodedata.category(char) not in REFUSED_CATEGORIES and char != "\ufffd" and not noncharacter


def _text(block: bytes, offset: int, size: int, name: str) -> str:
    return _decode(block[offset:offset + size], name).strip()


def _date(value: str, name: str, long_term: bool = False) -> str:
    """YYYYMMDD on the card -> YYYY-MM-DD; 长期 where the card may say so (the end of validity)."""
    if long_term and value == LONG_TERM:
        return value
    if not re.fullmatch(r"[0-9]{8}", value):
        raise InvalidCardContent("not a date of 8 digits" if value else "empty", name)
    try:
        day = date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise InvalidCardContent("not a calendar date", name) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidCardContent(f"a year outside {FIRST_YEAR}-{LAST_YEAR}", name)
    return day.isoformat()


def _dates(f: dict[str, str]) -> dict[str, str]:
    """The card's three dates, each real and in order: born, then valid from, then valid to."""
    dates = {"birth_date": _date(f["birth_date"], "birth_date"),
             "valid_from": _date(f["valid_from"], "valid_from"),
             "valid_to": _date(f["valid_to"], "valid_to", long_term=True)}
    if dates["birth_date"] > dates["valid_from"]:
        raise InvalidCardContent("after the start of validity", "birth_date")
    if dates["valid_to"] != LONG_TERM and dates["valid_to"] < dates["valid_from"]:
        raise InvalidCardContent("before the start of validity", "valid_to")
    return dates


def _or_none(value: str) -> str | None:
    return value or None


def card_type_of(block: bytes) -> str:
    marker = block[248:250].decode("utf-16-le", errors="replace")
    return _MARKERS.get(marker, "resident")


def _foreign_number_plausible(number: str, birth: str) -> bool:
    """The 15-character permit number (2004 card) has no check character; check its shape:
    3-letter nationality code, 4-digit accepting office, birth date YYMMDD, 2-digit serial."""
    m = re.fullmatch(r"[A-Z]{3}(\d{4})(\d{6})(\d{2})", number)
    return bool(m) and (not birth or m.group(2) == birth[2:8])


def parse_text_block(block: bytes, photo: bytes = b"", appended: tuple[str, ...] = (),
                     fingerprint: bytes = b"", chip_number: bytes = b"") -> IdentityCard:
    if len(block) != TEXT_LEN:
        raise CardDataError(f"text block of {len(block)} bytes, expected {TEXT_LEN}")
    ctype = card_type_of(block)
    f = {name: _text(block, off, size, name) for name, (off, size) in LAYOUTS[ctype].items()}
    gender_code = f.get("gender") or None
    common = dict(
        card_type=ctype, gender=GENDERS.get(gender_code or ""), gender_code=gender_code, **_dates(f),
        id_number=_or_none(f["id_number"]), photo_wlt=bytearray(photo), fingerprint=bytearray(fingerprint),
        appended_addresses=tuple(appended), chip_number=bytes(chip_number),
    )
    if ctype in ("resident", "hmt_residence"):
        nation_code = f["nation"] or None
        card = IdentityCard(
            **common, name=_or_none(f["name"]), english_name=None,
            nation=NATIONS.get(nation_code or ""), nation_code=nation_code,
            address=_or_none(f["address"]), id_number_valid=id_number_checks(f["id_number"]),
            authority=_or_none(f["authority"]),
            pass_number=_or_none(f.get("pass_number", "")), issue_count=_or_none(f.get("issue_count", "")),
        )
    elif ctype == "foreign_permanent":
        card = IdentityCard(
            **common, name=_or_none(f["name"]), english_name=_or_none(f["english_name"]), nation=None,
            address=None, id_number_valid=_foreign_number_plausible(f["id_number"], f["birth_date"]),
            authority=None, authority_code=_or_none(f["authority_code"]),
            card_version=_or_none(f["card_version"]), nationality=_or_none(f["nationality"]),
        )
    else:  # foreign_permanent_2023: the English name runs on from part 1 into part 2
        raw_1 = _decode(block[52:122], "english_name_1")
        english = (raw_1 + f["english_name_2"]).strip() if f["english_name_2"] else raw_1.strip()
        card = IdentityCard(
            **common, name=_or_none(f["name"]), english_name=_or_none(english), nation=None, address=None,
            id_number_valid=id_number_checks(f["id_number"]), authority=None,
            nationality=_or_none(f["nationality"]), renewal_count=_or_none(f["renewal_count"]),
            previous_card=_or_none(f["previous_card"]),
        )
    return card


def parse_appended_addresses(data: bytes) -> tuple[str, ...]:
    """70 bytes of UCS-2LE per address; blank slots are skipped."""
    out = []
    for i in range(0, len(data) - len(data) % ADDRESS_LEN, ADDRESS_LEN):
        text = _text(data, i, ADDRESS_LEN, "appended_address")
        if text:
            out.append(text)
    return tuple(out)


def _put(block: bytearray, offset: int, size: int, value: str) -> None:
    raw = (value or "").encode("utf-16-le")
    if len(raw) > size:
        raise ValueError(f"{value!r} does not fit in {size} bytes")
    block[offset:offset + len(raw)] = raw


def build_text_block(person: dict) -> bytes:
    """A 256-byte text block for a person in the sample_people.json shape."""
    ctype = person.get("card_type", "resident")
    if ctype not in LAYOUTS:
        raise ValueError(f"unknown card type {ctype!r}")
    block = bytearray(" ".encode("utf-16-le") * (TEXT_LEN // 2))
    values = dict(person)
    if ctype == "foreign_permanent_2023":
        english = values.get("english_name", "")
        values["english_name_1"], values["english_name_2"] = english[:35], english[35:]
        values.setdefault("renewal_count", "00")
    for name, (off, size) in LAYOUTS[ctype].items():
        if name in values:
            _put(block, off, size, str(values[name]))
    if ctype in MARKER_OF:
        _put(block, 248, 2, MARKER_OF[ctype])
    return bytes(block)


def build_appended_addresses(addresses) -> bytes:
    out = bytearray()
    for a in addresses:
        slot = bytearray(" ".encode("utf-16-le") * (ADDRESS_LEN // 2))
        _put(slot, 0, ADDRESS_LEN, a)
        out += slot
    return bytes(out)
