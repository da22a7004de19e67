"""English screens: what the kiosk labels is English; what the platform wrote is shown as it sent
it and marked as the platform's (no "Fee: 不收费" passing as the kiosk's own English)."""
from __future__ import annotations

import re

from kiosk.flows import status
from kiosk.flows.guide import entry_view, item_line, listing, MODE_THEME
from kiosk.flows.platform_text import as_given
from kiosk.i18n import Catalogue as Messages
from kiosk.platform.models import ApplicationStatus
from kiosk.session import CitizenSession
from tests.unit.flow_data import TODAY, application
from tests.unit.test_guide_presenter import CATALOGUE

EN, ZH = Messages("en"), Messages("zh_CN")
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
MARK = " (from the platform)"


def kiosk_words(text: str) -> str:
    """What is left of an English line once the platform's marked words are taken out."""
    return re.sub(r"[^\s,:]*[\u4e00-\u9fff][^()]*? \(from the platform\)", "", text)


def test_the_fee_is_the_platforms_and_says_so_in_english_only():
    item = CATALOGUE.items[0]
    assert entry_view(item, CATALOGUE, EN).fee == "Fee: 不收费" + MARK
    assert entry_view(item, CATALOGUE, ZH).fee == "收费标准：不收费"


def test_an_english_entry_has_no_unmarked_chinese_but_names():
    view = entry_view(CATALOGUE.items[0], CATALOGUE, EN)
    assert view.promised == "Time limit: same day"
    assert [m.detail for m in view.materials] == ["1 cop(ies), 原件" + MARK,
                                                   "1 cop(ies), 原件" + MARK + "  if applicable  非婚生育的除外" + MARK]
    for line in (view.promised, view.fee, *(m.detail for m in view.materials)):
        assert not CHINESE.search(kiosk_words(line)), line
    assert item_line(CATALOGUE.items[1], EN) == "行政确认" + MARK + "  Time limit: 30 working days"


def test_a_themes_description_is_marked():
    view = entry_view(CATALOGUE.themes[0], CATALOGUE, EN)
    assert view.about == "一次申请、一次办好。" + MARK
    session = CitizenSession()
    session.catalogue, session.guide_mode = CATALOGUE, MODE_THEME
    assert listing(session, EN)[0].rows[0].detail == "一次申请、一次办好。" + MARK


def test_a_reason_for_a_return_is_the_platforms():
    returned = application(status=ApplicationStatus.RETURNED, reason="材料不全")
    assert status.view_of(returned, EN, TODAY).reason == "Returned because: 材料不全" + MARK
    assert status.view_of(returned, ZH, TODAY).reason == "退回原因：材料不全"
    timeline = status.view_of(returned, EN, TODAY).timeline
    assert timeline[-1].endswith("材料不全" + MARK)


def test_nothing_from_the_platform_shows_nothing():
    assert as_given("", EN) == "" and as_given(None, EN) == ""
