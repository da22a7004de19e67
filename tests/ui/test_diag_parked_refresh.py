"""A parked rating's row survives the checks screen's refresh (every 10 s, and after each
action): a technician's first tap on 放弃 (the row asking 确认放弃) is not forgotten by a refresh
in between, so the second tap discards as the button promised."""
from __future__ import annotations

import pytest

from tests.ui.test_diag_parked_ratings import kiosk, open_diagnostics, park  # noqa: F401 - the fixture

pytestmark = pytest.mark.ui


def test_the_row_asking_to_confirm_the_discard_survives_a_refresh(kiosk):  # noqa: F811
    k, sim = kiosk, kiosk.simulated.platform
    numbers = sorted(sim.data.applications_by_no)
    park(k, numbers[0], numbers[1])
    screen = open_diagnostics(k)
    assert k.wait_until(lambda: screen.parked_row(numbers[0]) is not None and not screen.checking, timeout=20)
    k.pump(5)
    row = screen.parked_row(numbers[0])
    k.tap(row.ids.discard)
    assert row.ids.discard.text == "确认放弃"
    shown = screen.report
    screen.refresh()                                     # as the periodic refresh does
    assert k.wait_until(lambda: screen.report is not shown and not screen.checking, timeout=20)
    assert k.wait_until(lambda: screen.parked_row(numbers[0]) is not None
                        and screen.parked_row(numbers[0]).parent is not None, timeout=10)
    k.pump(5)
    again = screen.parked_row(numbers[0])
    assert again.ids.discard.text == "确认放弃"
    k.tap(again.ids.discard)
    assert k.wait_until(lambda: "已放弃并删除" in screen.output, timeout=10), screen.output
    assert k.services.ratings.parked() == []
