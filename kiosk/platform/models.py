"""What the platform tells the terminal, as typed frozen dataclasses (parsing.py builds them from
the platform's validated JSON). The request bodies the terminal sends (ratings, heartbeats,
help requests) are dataclasses with `to_json()`.
The wire names are in kiosk/platform/openapi.yaml.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any


# The bureau's clock: dates such as "promised by" are calendar days in China Standard Time.
CHINA_TZ = timezone(timedelta(hours=8), "CST")


def today_in_china() -> date:
    return datetime.now(CHINA_TZ).date()


class ApplicationStatus(str, enum.Enum):
    """Where an application (办件) stands. The value is the wire code."""

    ACCEPTED = "accepted"            # 已受理
    IN_REVIEW = "in_review"          # 审查中
    DECIDED = "decided"              # 已决定
    COMPLETED = "completed"          # 已办结
    RETURNED = "returned"            # 已退回 (materials returned for correction)
    NOT_ACCEPTED = "not_accepted"    # 不予受理

    @property
    def message_key(self) -> str:
        return f"platform.status.{self.value}"

    @property
    def finished(self) -> bool:
        """No more work will happen on it: the promised date no longer applies."""
        return self in (ApplicationStatus.COMPLETED, ApplicationStatus.RETURNED, ApplicationStatus.NOT_ACCEPTED)


STATUS_CODES = frozenset(s.value for s in ApplicationStatus)


@dataclass(frozen=True)
class TimelineEntry:
    status: ApplicationStatus
    at: datetime
    department_name: str | None = None
    note: str | None = None          # e.g. the reason for 已退回 / 不予受理


@dataclass(frozen=True)
class Application:
    """One 办件 as the platform knows it. The applicant's name comes masked from the platform."""

    application_no: str             # 办件编号
    item_code: str                  # 事项编码
    item_name: str
    department_code: str
    department_name: str
    applicant_name_masked: str
    status: ApplicationStatus
    submitted_at: datetime
    promised_date: date | None      # 承诺办结日期; None for 即办 items
    timeline: tuple[TimelineEntry, ...]
    finished_at: datetime | None = None
    return_reason: str | None = None        # why it was 已退回 / 不予受理
    certificate_id: str | None = None       # the e-certificate it produced, if any
    mobile_url: str | None = None           # continue on 蒙速办 (QR code)

    def is_overdue(self, today: date) -> bool:
        """Still open after its promised completion date."""
        return (not self.status.finished and self.promised_date is not None
                and today > self.promised_date)

    @property
    def overdue(self) -> bool:
        return self.is_overdue(today_in_china())

    def days_overdue(self, today: date) -> int:
        return (today - self.promised_date).days if self.is_overdue(today) else 0  # type: ignore[operator]


@dataclass(frozen=True)
class Certificate:
    """One e-certificate (电子证照) of a holder, as listed."""

    certificate_id: str
    type_code: str
    type_name: str                  # 营业执照, 不动产权证明, 社会保险参保证明 ...
    number: str                     # 证照编号
    holder_name_masked: str
    issuer: str
    issued_on: date
    valid_until: date | None        # None: 长期
    status: str                     # valid | expired | revoked

    @property
    def printable(self) -> bool:
        return self.status == "valid"


CERTIFICATE_STATUSES = frozenset({"valid", "expired", "revoked"})


@dataclass(frozen=True)
class CertificateField:
    label: str
    value: str


@dataclass(frozen=True)
class CertificatePrintData:
    """What a printed certificate shows; only ever given to the holder (the platform checks)."""

    certificate_id: str
    type_name: str
    number: str
    holder_name: str                # in full: the holder is standing at the terminal with the card
    holder_id_masked: str
    issuer: str
    issued_on: date
    valid_until: date | None
    fields: tuple[CertificateField, ...]
    verification_code: str          # 核验码, printed beside the QR code
    verification_url: str           # 网上验证核对: what the QR code encodes
    generated_at: datetime


@dataclass(frozen=True)
class CertificateCopy:
    """The platform's printable copy of a certificate (PDF), checked: a whole PDF of `pages`
    pages whose bytes match the platform's SHA-256. Only ever given to the holder."""

    certificate_id: str
    pdf: bytes = field(repr=False)  # the holder's certificate in clear: never in a repr or a log
    pages: int
    free_bottom_mm: int             # the strip the platform left for the terminal's footer
    verification_code: str          # 核验码, printed beside the QR code
    verification_url: str           # 网上验证核对: what the QR code encodes
    generated_at: datetime


@dataclass(frozen=True)
class Department:
    code: str
    name: str


@dataclass(frozen=True)
class Material:
    """One item of a materials list (申请材料)."""

    name: str
    form: str                       # 原件, 复印件, 原件及复印件, 电子 ...
    copies: int
    required: bool
    note: str | None = None


@dataclass(frozen=True)
class CatalogueItem:
    """One 事项 of the service catalogue."""

    code: str                       # 事项编码
    name: str
    department_code: str
    kind: str                       # 行政许可, 行政确认, 公共服务, 行政给付 ...
    promised_days: int              # 承诺办结时限 (working days); 0 = 即办
    fee: str                        # "不收费" or the fee
    online_url: str                 # apply online (QR code)
    materials: tuple[Material, ...]
    self_service: bool = False      # can be done at this terminal


@dataclass(frozen=True)
class Theme:
    """A themed 一件事 (一件事一次办): several items applied for together."""

    code: str
    name: str
    description: str
    item_codes: tuple[str, ...]
    promised_days: int
    online_url: str
    materials: tuple[Material, ...]


@dataclass(frozen=True)
class Catalogue:
    version: str
    departments: tuple[Department, ...]
    items: tuple[CatalogueItem, ...]
    themes: tuple[Theme, ...]

    def department(self, code: str) -> Department | None:
        return next((d for d in self.departments if d.code == code), None)

    def item(self, code: str) -> CatalogueItem | None:
        return next((i for i in self.items if i.code == code), None)

    def items_of(self, department_code: str) -> tuple[CatalogueItem, ...]:
        return tuple(i for i in self.items if i.department_code == department_code)

    def items_of_theme(self, theme: Theme) -> tuple[CatalogueItem, ...]:
        return tuple(i for code in theme.item_codes if (i := self.item(code)) is not None)

    def to_json(self) -> dict[str, Any]:
        """The wire form again, for a cached copy (parse_catalogue reads it back)."""
        return {"version": self.version,
                "departments": [{"code": d.code, "name": d.name} for d in self.departments],
                "items": [{"code": i.code, "name": i.name, "department_code": i.department_code, "kind": i.kind,
                           "promised_days": i.promised_days, "fee": i.fee, "online_url": i.online_url,
                           "self_service": i.self_service, "materials": [_material_json(m) for m in i.materials]}
                          for i in self.items],
                "themes": [{"code": t.code, "name": t.name, "description": t.description,
                            "item_codes": list(t.item_codes), "promised_days": t.promised_days,
                            "online_url": t.online_url, "materials": [_material_json(m) for m in t.materials]}
                           for t in self.themes]}


def _material_json(m: Material) -> dict[str, Any]:
    data: dict[str, Any] = {"name": m.name, "form": m.form, "copies": m.copies, "required": m.required}
    if m.note:
        data["note"] = m.note
    return data


@dataclass(frozen=True)
class RatingReason:
    code: str                       # e.g. "501"
    text: str                       # e.g. 服务态度不好


@dataclass(frozen=True)
class RatingPhrase:
    """A short comment phrase the citizen may tap (the terminal has no Chinese input method);
    the chosen texts become the rating's 文字评价."""

    code: str
    text: str                       # e.g. 一次办好


@dataclass(frozen=True)
class RatingLevel:
    """One of the five levels with the code the platform wants for it (its direction, not ours)."""

    name: str                       # 非常满意 .. 非常不满意 (满意度)
    code: str                       # 满意度代码 as the platform numbers it
    bad: bool                       # 差评: needs a reason
    reasons: tuple[RatingReason, ...]
    phrases: tuple[RatingPhrase, ...] = ()   # optional; a platform that publishes none: no comment step


@dataclass(frozen=True)
class RatingOptions:
    """The platform's versioned rating content; the kiosk caches it and uses the last copy offline."""

    version: str
    levels: tuple[RatingLevel, ...]   # best first

    def level(self, name_or_code: str) -> RatingLevel | None:
        return next((lv for lv in self.levels if name_or_code in (lv.name, lv.code)), None)

    def reasons_for(self, name_or_code: str) -> tuple[RatingReason, ...]:
        lv = self.level(name_or_code)
        return lv.reasons if lv else ()

    def phrases_for(self, name_or_code: str) -> tuple[RatingPhrase, ...]:
        lv = self.level(name_or_code)
        return lv.phrases if lv else ()

    def to_json(self) -> dict[str, Any]:
        """The wire form again: the ratings service caches this and reads it back with
        parse_rating_options when the platform is offline."""
        return {"version": self.version,
                "levels": [{"name": lv.name, "code": lv.code, "bad": lv.bad,
                            "reasons": [{"code": r.code, "text": r.text} for r in lv.reasons],
                            "phrases": [{"code": p.code, "text": p.text} for p in lv.phrases]}
                           for lv in self.levels]}


# The 满意度 values the contract allows (openapi.yaml). What a level means to the terminal (its
# order, 差评, its code when the platform publishes none) is kiosk/services/ratings/domain.py's.
LEVEL_NAMES = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")


@dataclass(frozen=True)
class Evaluator:
    """评价人 as a rating submission carries it: real-name; goes to nobody but the platform."""

    name: str
    id_number: str
    id_type: str = "111"            # 居民身份证 (GB/T 39046 certificate type code)
    user_type: int = 1              # 1 person, 2 legal entity
    mobile: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "id_type": self.id_type, "id_number": self.id_number,
                                "user_type": self.user_type}
        if self.mobile:
            data["mobile"] = self.mobile
        return data

    def __repr__(self) -> str:  # never print the person in a traceback or a log line
        return "Evaluator(<masked>)"


@dataclass(frozen=True)
class RatingSubmission:
    """One rating as sent (GB/T 39046 §6.6 plus the fields interfaces in use carry). The ratings
    service builds it from the rating it recorded; `to_json()` is the request body.

    `idempotency_key` is made once when the rating is stored locally and reused on every resend,
    so the platform records it exactly once.
    """

    idempotency_key: str
    application_no: str             # 办件编号 (≤ 50)
    item_code: str                  # 事项编码 (taskCode)
    level: str                      # 满意度, one of LEVEL_NAMES
    code: str                       # 满意度代码, from RatingOptions (the platform's direction)
    channel: str                    # 评价渠道, "5" = hall self-service terminal (configurable)
    region_code: str                # 行政区划 where rated (9 digits; 6 are padded with 000)
    terminal_id: str
    evaluator: Evaluator
    rated_at: datetime              # 评价时间, sent as YYYYMMDDThhmmss in China time
    rating_count: int = 1           # 评价次数: 1 for the first rating of this 办件 by this person
    reason_codes: tuple[str, ...] = ()
    comment: str = ""               # 文字评价
    anonymous: bool = False
    department_code: str | None = None
    options_version: str | None = None

    def to_json(self) -> dict[str, Any]:
        region = self.region_code if len(self.region_code) == 9 else self.region_code + "000"
        data: dict[str, Any] = {
            "idempotency_key": self.idempotency_key,
            "application_no": self.application_no,
            "item_code": self.item_code,
            "level": self.level,
            "code": self.code,
            "reason_codes": list(self.reason_codes),
            "comment": self.comment,
            "channel": self.channel,
            "region_code": region,
            "terminal_id": self.terminal_id,
            "evaluator": self.evaluator.to_json(),
            "rated_at": self.rated_at.astimezone(CHINA_TZ).strftime("%Y%m%dT%H%M%S"),
            "rating_count": self.rating_count,
            "anonymous": self.anonymous,
        }
        if self.department_code:
            data["department_code"] = self.department_code
        if self.options_version:
            data["options_version"] = self.options_version
        return data


@dataclass(frozen=True)
class RatingAck:
    rating_id: str
    received_at: datetime
    replayed: bool = False          # True when the platform had this key already (a resend)


@dataclass(frozen=True)
class HealthCheck:
    name: str                       # reader, printer, storage, platform ...
    status: str                     # ok | warning | fault | unknown
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "detail": self.detail}


HEALTH_STATUSES = ("ok", "warning", "fault", "unknown")
PAPER_STATES = ("ok", "low", "out", "unknown")


@dataclass(frozen=True)
class Heartbeat:
    app_version: str
    uptime_s: float
    checks: tuple[HealthCheck, ...]
    paper: str = "unknown"          # ok | low | out | unknown
    unsent_ratings: int = 0
    unsent_help_requests: int = 0
    sent_at: datetime | None = None

    def to_json(self, terminal_id: str) -> dict[str, Any]:
        sent = self.sent_at or datetime.now(CHINA_TZ)
        return {
            "terminal_id": terminal_id,
            "sent_at": sent.isoformat(timespec="seconds"),
            "app_version": self.app_version,
            "uptime_s": round(self.uptime_s, 1),
            "checks": [c.to_json() for c in self.checks],
            "paper": self.paper,
            "unsent": {"ratings": self.unsent_ratings, "help_requests": self.unsent_help_requests},
        }


@dataclass(frozen=True)
class HeartbeatAck:
    received_at: datetime
    next_heartbeat_s: int


HELP_KINDS = ("call_staff", "bang_ni_ban", "device_fault")


@dataclass(frozen=True)
class HelpRequest:
    """A citizen asks for a person (帮您办 / call staff). `request_id` makes resends harmless."""

    request_id: str
    kind: str                       # call_staff | bang_ni_ban | device_fault
    region_code: str
    topic: str = ""                 # e.g. the item name the citizen was looking at
    application_no: str | None = None
    requested_at: datetime | None = None

    def to_json(self, terminal_id: str) -> dict[str, Any]:
        at = self.requested_at or datetime.now(CHINA_TZ)
        data: dict[str, Any] = {"request_id": self.request_id, "terminal_id": terminal_id, "kind": self.kind,
                                "region_code": self.region_code, "topic": self.topic,
                                "requested_at": at.isoformat(timespec="seconds")}
        if self.application_no:
            data["application_no"] = self.application_no
        return data


@dataclass(frozen=True)
class HelpAck:
    ticket_no: str
    received_at: datetime
    expected_wait_min: int | None = None


@dataclass(frozen=True)
class ServerTime:
    server_time: datetime
    round_trip_s: float
    skew_s: float                   # server clock minus terminal clock (positive: terminal is slow)

