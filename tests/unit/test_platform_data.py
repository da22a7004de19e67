"""The simulator's data: every sample person the reader can present has the states the flows need."""
from __future__ import annotations

from datetime import date

import pytest

from kiosk.platform.models import ApplicationStatus
from kiosk.platform.parsing import parse_applications
from kiosk.platform.validation import Fields
from kiosk.sim.platform_data import NO_DATA, build_dataset, load_people

PEOPLE = [p for p in load_people() if p["key"] not in NO_DATA]


@pytest.mark.parametrize("today", [date(2026, 11, 25), date(2027, 3, 1), date(2030, 12, 31)])
@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p["key"])
def test_each_person_has_overdue_returned_and_finished_with_certificate(person, today):
    data = build_dataset(today)
    apps = parse_applications(Fields({"applications": data.applications_by_holder[person["id_number"]]}))
    assert len(apps) >= 3
    assert sum(a.is_overdue(today) for a in apps) == 1
    rejected = [a for a in apps if a.status in (ApplicationStatus.RETURNED, ApplicationStatus.NOT_ACCEPTED)]
    assert rejected and all(a.return_reason and a.timeline[-1].note == a.return_reason for a in rejected)
    finished = [a for a in apps if a.status is ApplicationStatus.COMPLETED and a.certificate_id]
    own = {c["certificate_id"] for c in data.certificates_by_holder[person["id_number"]]}
    assert finished and all(a.certificate_id in own for a in finished)
    assert len(own) >= 2
    assert all(a.timeline[-1].at.date() <= today for a in apps)
    assert [a.submitted_at for a in apps] == sorted((a.submitted_at for a in apps), reverse=True)


def test_numbers_are_stable_across_days_and_unique():
    a, b = build_dataset(date(2026, 11, 25)), build_dataset(date(2027, 6, 1))
    assert sorted(a.applications_by_no) == sorted(b.applications_by_no)
    assert sorted(a.certificates_by_id) == sorted(b.certificates_by_id)
    total = sum(len(v) for v in a.applications_by_holder.values())
    assert total == len(a.applications_by_no)


def test_certificate_kinds_and_holders():
    data = build_dataset(date(2026, 11, 25))
    kinds = {c["type_name"] for c in data.certificates_by_id.values()}
    assert {"营业执照", "不动产权证明", "社会保险参保证明"} <= kinds
    for cid, holder in data.holder_of_certificate.items():
        assert cid in {c["certificate_id"] for c in data.certificates_by_holder[holder]}


def test_listings_carry_masked_names_only():
    data = build_dataset(date(2026, 11, 25))
    for person in PEOPLE:
        for app in data.applications_by_holder[person["id_number"]]:
            assert person["name"] not in app["applicant_name_masked"]
            assert person["id_number"] not in str(app)
        for cert in data.certificates_by_holder[person["id_number"]]:
            assert person["name"] != cert["holder_name_masked"]


def test_card_with_wrong_check_character_has_no_data():
    data = build_dataset(date(2026, 11, 25))
    bad = next(p for p in load_people() if p["key"] == "badcheck")
    assert bad["id_number"] not in data.applications_by_holder
