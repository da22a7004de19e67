"""办事指南 decisions: the catalogue once per session, the two ways of browsing, what the list shows."""
from __future__ import annotations

import pytest

from kiosk.flows import guide
from kiosk.flows.platform_calls import PlatformNotStarted
from kiosk.session import CitizenSession
from tests.unit.flow_data import MESSAGES, services
from tests.unit.test_guide_presenter import CATALOGUE


@pytest.fixture
def bundle(default_config):
    s = services(default_config)
    yield s
    s.work.shutdown()


def test_a_catalogue_in_the_session_is_not_asked_for_again(bundle):
    failures = []
    assert not guide.fetch_catalogue(bundle, failures.append, failures.append)
    assert [type(f) for f in failures] == [PlatformNotStarted]       # no platform yet: it had to ask
    bundle.session.catalogue = CATALOGUE
    assert guide.fetch_catalogue(bundle, failures.append, failures.append)
    assert len(failures) == 1


def test_browsing_needs_the_catalogue_and_a_known_way():
    session = CitizenSession()
    assert not guide.browse(session, guide.MODE_THEME)
    session.catalogue = CATALOGUE
    assert not guide.browse(session, "alphabetical") and session.guide_mode is None
    assert guide.browse(session, guide.MODE_THEME) and session.guide_mode == "theme"


def test_by_department_lists_headings_with_their_items_and_leaves_empty_departments_out():
    session = CitizenSession()
    session.catalogue = CATALOGUE
    guide.browse(session, guide.MODE_DEPARTMENT)
    sections = guide.listing(session, MESSAGES)
    assert [s.heading for s in sections] == ["乌审旗公安局"]        # 乌审旗农牧局 has no items
    assert [(r.title, r.detail) for r in sections[0].rows] == [
        ("出生登记", "行政确认  承诺时限：即办"), ("居民身份证换领", "行政确认  承诺时限：30个工作日")]
    assert sections[0].rows[1].entry is CATALOGUE.items[1]


def test_by_theme_lists_the_themes_under_no_heading():
    session = CitizenSession()
    session.catalogue = CATALOGUE
    guide.browse(session, guide.MODE_THEME)
    (section,) = guide.listing(session, MESSAGES)
    assert section.heading == "" and [(r.title, r.detail) for r in section.rows] == [("新生儿一件事", "一次申请、一次办好。")]


def test_the_entry_opened_shows_until_the_session_ends():
    session = CitizenSession()
    session.catalogue = CATALOGUE
    assert guide.shown_entry(session, MESSAGES) is None
    guide.open_entry(session, CATALOGUE.themes[0])
    assert guide.shown_entry(session, MESSAGES).includes == "包含事项：出生登记"
    session.wipe()
    assert guide.shown_entry(session, MESSAGES) is None and guide.listing(session, MESSAGES) is None
