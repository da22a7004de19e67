"""IPP/1.1 and 2.0 messages (RFC 8010 encoding, RFC 8011 model): pure bytes in, typed values out.

The one definition of the wire format, used by the driver (requests) and by the virtual A4
printer (responses) alike, so neither can drift from the other; the tests also talk to CUPS's
own ippeveprinter, which nobody here wrote.

    body = encode(Message(OPERATIONS["Get-Printer-Attributes"], request_id=1,
                          groups=[Group(TAG_OPERATION, [attr("attributes-charset", CHARSET, "utf-8"), ...])]))
    reply = decode(body)          # Message: version, code (status or operation), groups, data
    reply.first("printer-state")  # the first value of an attribute in any group

A value is an int (integer, enum), bool, str (text, name, keyword, uri, ...), bytes (octetString
and any tag this module does not interpret), a dict (collection), a (x, y, units) resolution, a
(low, high) range, a datetime, or None (out-of-band: no-value, unknown, unsupported).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

# --- delimiter tags --------------------------------------------------------------------------
TAG_OPERATION, TAG_JOB, TAG_END, TAG_PRINTER, TAG_UNSUPPORTED = 0x01, 0x02, 0x03, 0x04, 0x05

# --- value tags ------------------------------------------------------------------------------
UNSUPPORTED_VALUE, UNKNOWN, NO_VALUE = 0x10, 0x12, 0x13
INTEGER, BOOLEAN, ENUM = 0x21, 0x22, 0x23
OCTET_STRING, DATE_TIME, RESOLUTION, RANGE = 0x30, 0x31, 0x32, 0x33
BEGIN_COLLECTION, TEXT_WITH_LANGUAGE, NAME_WITH_LANGUAGE, END_COLLECTION = 0x34, 0x35, 0x36, 0x37
TEXT, NAME, KEYWORD, URI, URI_SCHEME, CHARSET, LANGUAGE, MIME_TYPE, MEMBER_NAME = (
    0x41, 0x42, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A)
_STRING_TAGS = {TEXT, NAME, KEYWORD, URI, URI_SCHEME, CHARSET, LANGUAGE, MIME_TYPE, MEMBER_NAME}

OPERATIONS = {"Print-Job": 0x0002, "Validate-Job": 0x0004, "Cancel-Job": 0x0008, "Get-Job-Attributes": 0x0009,
              "Get-Jobs": 0x000A, "Get-Printer-Attributes": 0x000B}
OPERATION_NAMES = {code: name for name, code in OPERATIONS.items()}

# --- status codes (RFC 8011 appendix B) ----------------------------------------------------------
SUCCESSFUL_OK = 0x0000
STATUS_NAMES = {
    0x0000: "successful-ok", 0x0001: "successful-ok-ignored-or-substituted-attributes",
    0x0002: "successful-ok-conflicting-attributes",
    0x0400: "client-error-bad-request", 0x0401: "client-error-forbidden",
    0x0402: "client-error-not-authenticated", 0x0403: "client-error-not-authorized",
    0x0404: "client-error-not-possible", 0x0405: "client-error-timeout", 0x0406: "client-error-not-found",
    0x0407: "client-error-gone", 0x0408: "client-error-request-entity-too-large",
    0x040A: "client-error-document-format-not-supported", 0x040B: "client-error-attributes-or-values-not-supported",
    0x040C: "client-error-uri-scheme-not-supported", 0x040D: "client-error-charset-not-supported",
    0x0410: "client-error-compression-not-supported", 0x0411: "client-error-compression-error",
    0x0412: "client-error-document-format-error", 0x0413: "client-error-document-access-error",
    0x0500: "server-error-internal-error", 0x0501: "server-error-operation-not-supported",
    0x0502: "server-error-service-unavailable", 0x0503: "server-error-version-not-supported",
    0x0504: "server-error-device-error", 0x0505: "server-error-temporary-error",
    0x0506: "server-error-not-accepting-jobs", 0x0507: "server-error-busy", 0x0508: "server-error-job-canceled",
}

# --- enums -----------------------------------------------------------------------------------
PRINTER_IDLE, PRINTER_PROCESSING, PRINTER_STOPPED = 3, 4, 5
PRINTER_STATES = {3: "idle", 4: "processing", 5: "stopped"}
JOB_PENDING, JOB_HELD, JOB_PROCESSING, JOB_STOPPED, JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED = 3, 4, 5, 6, 7, 8, 9
JOB_STATES = {3: "pending", 4: "pending-held", 5: "processing", 6: "processing-stopped", 7: "canceled",
              8: "aborted", 9: "completed"}
JOB_ENDED = (JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED)


class IppFormatError(ValueError):
    """The bytes are not an IPP message (truncated, unknown delimiter, a value of the wrong size)."""


@dataclass(frozen=True)
class Attribute:
    name: str
    tag: int
    values: tuple[Any, ...]


def attr(name: str, tag: int, *values: Any) -> Attribute:
    return Attribute(name, tag, tuple(values))


@dataclass
class Group:
    tag: int
    attributes: list[Attribute] = field(default_factory=list)

    def get(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass
class Message:
    code: int                       # operation-id in a request, status-code in a response
    request_id: int = 1
    groups: list[Group] = field(default_factory=list)
    data: bytes = b""               # the document that follows a Print-Job request
    version: tuple[int, int] = (2, 0)

    def group(self, tag: int) -> Group | None:
        return next((g for g in self.groups if g.tag == tag), None)

    def values(self, name: str, tag: int | None = None) -> tuple[Any, ...]:
        """The values of attribute `name` in the first group (of delimiter `tag`) that has it."""
        for g in self.groups:
            if tag is not None and g.tag != tag:
                continue
            found = g.get(name)
            if found is not None:
                return found.values
        return ()

    def first(self, name: str, tag: int | None = None, default: Any = None) -> Any:
        values = self.values(name, tag)
        return values[0] if values else default

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.code, f"status-0x{self.code:04x}")

    @property
    def ok(self) -> bool:
        return self.code < 0x0100


def operation_attributes(printer_uri: str, *extra: Attribute, language: str = "en") -> Group:
    """The operation group every request starts with: charset, language, then the target."""
    return Group(TAG_OPERATION, [attr("attributes-charset", CHARSET, "utf-8"),
                                 attr("attributes-natural-language", LANGUAGE, language),
                                 attr("printer-uri", URI, printer_uri), *extra])


def response_operation_attributes(message: str = "") -> Group:
    attrs = [attr("attributes-charset", CHARSET, "utf-8"), attr("attributes-natural-language", LANGUAGE, "en")]
    if message:
        attrs.append(attr("status-message", TEXT, message))
    return Group(TAG_OPERATION, attrs)


# --- encoding ---------------------------------------------------------------------------------
def encode(message: Message) -> bytes:
    out = bytearray(struct.pack(">BBHI", message.version[0], message.version[1], message.code, message.request_id))
    for g in message.groups:
        out.append(g.tag)
        for a in g.attributes:
            _encode_attribute(out, a.name, a.tag, a.values)
    out.append(TAG_END)
    return bytes(out) + message.data


def _encode_attribute(out: bytearray, name: str, tag: int, values: Iterable[Any]) -> None:
    values = tuple(values) or (None,)
    for i, value in enumerate(values):
        value_tag = tag if value is not None or tag in (NO_VALUE, UNKNOWN, UNSUPPORTED_VALUE) else NO_VALUE
        if isinstance(value, dict):
            value_tag = BEGIN_COLLECTION
        _put(out, value_tag, name if i == 0 else "", b"" if value_tag == BEGIN_COLLECTION else _value_bytes(value_tag, value))
        if value_tag == BEGIN_COLLECTION:
            for member, (member_tag, member_values) in value.items():
                _put(out, MEMBER_NAME, "", member.encode())
                for j, mv in enumerate(member_values if isinstance(member_values, tuple) else (member_values,)):
                    if isinstance(mv, dict):
                        _encode_attribute(out, "", BEGIN_COLLECTION, (mv,))
                    else:
                        _put(out, member_tag, "", _value_bytes(member_tag, mv))
            _put(out, END_COLLECTION, "", b"")


def _put(out: bytearray, tag: int, name: str, value: bytes) -> None:
    raw = name.encode("utf-8")
    out += struct.pack(">BH", tag, len(raw)) + raw + struct.pack(">H", len(value)) + value


def _value_bytes(tag: int, value: Any) -> bytes:
    if value is None or tag in (NO_VALUE, UNKNOWN, UNSUPPORTED_VALUE):
        return b""
    if tag in (INTEGER, ENUM):
        return struct.pack(">i", int(value))
    if tag == BOOLEAN:
        return b"\x01" if value else b"\x00"
    if tag == RANGE:
        return struct.pack(">ii", *value)
    if tag == RESOLUTION:
        return struct.pack(">iiB", *value)
    if tag == DATE_TIME:
        return _date_bytes(value)
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


def _date_bytes(moment: datetime) -> bytes:
    """RFC 2579 DateAndTime, 11 bytes, in UTC."""
    utc = moment.astimezone(timezone.utc) if moment.tzinfo else moment
    return struct.pack(">HBBBBBBcBB", utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second,
                       utc.microsecond // 100000, b"+", 0, 0)


# --- decoding ---------------------------------------------------------------------------------
def decode(body: bytes) -> Message:
    """The message in `body` (a request or a response); what follows end-of-attributes is `data`."""
    if len(body) < 9:
        raise IppFormatError(f"{len(body)} bytes is too short for an IPP message")
    major, minor, code, request_id = struct.unpack_from(">BBHI", body)
    message = Message(code, request_id, version=(major, minor))
    pos = 8
    group: Group | None = None
    last: list | None = None          # the values list of the attribute being read
    names: list[str] = []
    stack: list[tuple[dict, str | None, list | None]] = []   # open collections
    while True:
        if pos >= len(body):
            raise IppFormatError("message ends before end-of-attributes")
        tag = body[pos]
        if tag == TAG_END:
            pos += 1
            break
        if tag < 0x10:
            if stack:
                raise IppFormatError("a group starts inside an open collection")
            group = Group(tag)
            message.groups.append(group)
            pos += 1
            continue
        if group is None:
            raise IppFormatError("an attribute before any group")
        name, value_bytes, pos = _read_entry(body, pos)
        if stack:
            collection, member, member_values = stack[-1]
            if tag == END_COLLECTION:
                stack.pop()
                continue
            if tag == MEMBER_NAME:
                member = value_bytes.decode("utf-8", "replace")
                member_values = []
                collection[member] = member_values
                stack[-1] = (collection, member, member_values)
                continue
            if member_values is None:
                raise IppFormatError("a collection value without a member name")
            if tag == BEGIN_COLLECTION:
                inner: dict = {}
                member_values.append(inner)
                stack.append((inner, None, None))
            else:
                member_values.append(_value(tag, value_bytes))
            continue
        if tag == BEGIN_COLLECTION:
            value: Any = {}
        else:
            value = _value(tag, value_bytes)
        if name:
            last = [value]
            names.append(name)
            group.attributes.append(Attribute(name, tag, ()))
        elif last is None:
            raise IppFormatError("an additional value before any attribute")
        else:
            last.append(value)
        current = group.attributes[-1]
        group.attributes[-1] = Attribute(current.name, current.tag, tuple(last))
        if tag == BEGIN_COLLECTION:
            stack.append((value, None, None))
    if stack:
        raise IppFormatError("a collection is not closed")
    message.data = body[pos:]
    _finish_collections(message)
    return message


def _finish_collections(message: Message) -> None:
    """Collection members are read as lists; one-value members become the value itself."""
    def tidy(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (tidy(v[0]) if len(v) == 1 else tuple(tidy(x) for x in v)) for k, v in value.items()}
        return value
    for g in message.groups:
        g.attributes = [Attribute(a.name, a.tag, tuple(tidy(v) for v in a.values)) for a in g.attributes]


def _read_entry(body: bytes, pos: int) -> tuple[str, bytes, int]:
    try:
        (name_len,) = struct.unpack_from(">H", body, pos + 1)
        name = body[pos + 3:pos + 3 + name_len].decode("utf-8", "replace")
        pos += 3 + name_len
        (value_len,) = struct.unpack_from(">H", body, pos)
    except struct.error:
        raise IppFormatError("message ends inside an attribute") from None
    value = body[pos + 2:pos + 2 + value_len]
    if len(value) != value_len:
        raise IppFormatError("message ends inside a value")
    return name, value, pos + 2 + value_len


def _value(tag: int, raw: bytes) -> Any:
    if tag in (UNSUPPORTED_VALUE, UNKNOWN, NO_VALUE):
        return None
    try:
        if tag in (INTEGER, ENUM):
            return struct.unpack(">i", raw)[0]
        if tag == BOOLEAN:
            return raw != b"\x00"
        if tag == RANGE:
            return struct.unpack(">ii", raw)
        if tag == RESOLUTION:
            return struct.unpack(">iiB", raw)
        if tag == DATE_TIME:
            return _date(raw)
    except struct.error:
        raise IppFormatError(f"a value of tag 0x{tag:02x} has {len(raw)} bytes") from None
    if tag in _STRING_TAGS:
        return raw.decode("utf-8", "replace")
    if tag in (TEXT_WITH_LANGUAGE, NAME_WITH_LANGUAGE):
        return _with_language(raw)
    return bytes(raw)


def _date(raw: bytes) -> datetime:
    year, month, day, hour, minute, second, decis, sign, off_h, off_m = struct.unpack(">HBBBBBBcBB", raw)
    offset = timedelta(hours=off_h, minutes=off_m) * (-1 if sign == b"-" else 1)
    return datetime(year, month, day, hour, minute, second, decis * 100000, timezone(offset))


def _with_language(raw: bytes) -> str:
    """textWithLanguage: the language is dropped, the text kept."""
    try:
        (lang_len,) = struct.unpack_from(">H", raw)
        (text_len,) = struct.unpack_from(">H", raw, 2 + lang_len)
        return raw[4 + lang_len:4 + lang_len + text_len].decode("utf-8", "replace")
    except struct.error:
        raise IppFormatError("a textWithLanguage value is cut short") from None
