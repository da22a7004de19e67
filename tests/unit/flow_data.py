"""Real data for the flow tests: cards read from the sample people's card images, applications and
certificates as the platform's models, and the services bundle with nothing started."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from kiosk.config import KioskConfig
from kiosk.devices.idcard.card import IdentityCard, build_text_block, parse_text_block
from kiosk.flows.context import Services
from kiosk.i18n import Catalogue as Messages
from kiosk.platform.models import CHINA_TZ, Application, ApplicationStatus, Certificate, TimelineEntry
from kiosk.services.idle import IdleTimer
from kiosk.services.parts import Parts
from kiosk.session import CitizenSession
from kiosk.threads import BackgroundWork, ManualDelivery

PEOPLE = {p["key"]: p for p in json.loads(
    (Path(__file__).parents[2] / "kiosk/sim/sample_people.json").read_text(encoding="utf-8"))["people"]}
MESSAGES = Messages("zh_CN")
TODAY = date(2026, 11, 25)


def card(key: str, **changes) -> IdentityCard:
    """The card of a sample person as the reader parses it."""
    return parse_text_block(build_text_block(dict(PEOPLE[key], **changes)))


def application(number: str = "1506260000010001", *, status: ApplicationStatus = ApplicationStatus.IN_REVIEW,
                promised: date | None = date(2026, 11, 20), reason: str | None = None,
                mobile_url: str | None = "https://mobile.example.invalid/a/1") -> Application:
    submitted = datetime(2026, 11, 10, 9, 30, tzinfo=CHINA_TZ)
    return Application(
        application_no=number, item_code="150626010001", item_name="居民身份证换领", department_code="GAJ",
        department_name="乌审旗公安局", applicant_name_masked="巴*尔", status=status, submitted_at=submitted,
        promised_date=promised, return_reason=reason, mobile_url=mobile_url,
        timeline=(TimelineEntry(ApplicationStatus.ACCEPTED, submitted, "乌审旗公安局"),
                  TimelineEntry(status, datetime(2026, 11, 12, 15, 0, tzinfo=CHINA_TZ), None, reason)))


def certificate(status: str = "valid") -> Certificate:
    return Certificate(certificate_id="C-1", type_code="yyzz", type_name="个体工商户营业执照",
                       number="92150626MA0N2X8Q4K", holder_name_masked="巴*尔", issuer="乌审旗市场监督管理局",
                       issued_on=date(2021, 3, 15), valid_until=None, status=status)


def services(config: KioskConfig, parts: Parts | None = None) -> Services:
    """The bundle the app builds, with results delivered when the test drains `work`'s delivery."""
    return Services(config=config, catalogue=MESSAGES, session=CitizenSession(),
                    work=BackgroundWork(ManualDelivery()), idle=IdleTimer(60, 10), parts=parts)
