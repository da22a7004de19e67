"""运维诊断 lists the ratings the uploader gave up on (issue 11, item 10), by 办件编号 and reason
only, and the technician retries (重试) or discards (放弃, asked twice) each; every decision is
in the audit log. The real app, headless, its platform simulator refusing one 办件's rating."""
from __future__ import annotations

import json

import pytest

from kiosk.services.diagnostics.audit import AUDIT_FILE
from kiosk.services.diagnostics.pin import hash_pin
from kiosk.services.ratings import Evaluator, Rating
from tests.conftest import config_with

pytestmark = pytest.mark.ui

PIN = "246810"
ZHANG = Evaluator(name="张晓梅", id_number="150626198507064026")


@pytest.fixture
def kiosk(default_config, clock):
    from kiosk.testing.harness import HeadlessKiosk

    config = config_with(default_config, ui={"allow_exit": False},
                         platform={"read_timeout_s": 1.0, "connect_timeout_s": 0.5, "retries": 0},
                         ratings={"upload_interval_s": 0.05, "upload_backoff_max_s": 0.2, "max_attempts": 2},
                         diagnostics={"pin_hash": hash_pin(PIN, n=2 ** 10)})
    k = HeadlessKiosk(config, clock=clock, start_devices=True)
    assert k.wait_until(lambda: k.services.ratings is not None and k.services.ratings.options() is not None,
                        timeout=20), k.services.parts.problems
    yield k
    k.close()


def audit(k) -> list[tuple[str, str, str]]:
    path = k.services.config.logging.dir / AUDIT_FILE
    lines = path.read_text("utf-8").splitlines() if path.exists() else []
    return [(e["action"], e["outcome"], e["detail"]) for e in map(json.loads, lines)]


def park(k, number: str, through: str) -> None:
    """`number`'s rating is refused until parked; `through`'s goes, the evidence that only `number` fails."""
    ratings, sim = k.services.ratings, k.simulated.platform
    sim.set_fault("error500", "ratings.submit", application_no=number)
    ratings.store(Rating(number, "满意", ZHANG, item_code="X"))
    ratings.store(Rating(through, "满意", ZHANG, item_code="X"))
    assert k.wait_until(lambda: [p.application_no for p in ratings.parked()] == [number], timeout=20)


def open_diagnostics(k):
    assert k.wait_until(lambda: k.app.screen_manager.current == "home", timeout=10)
    for _ in range(5):
        k.tap(k.screen.ids.hall_name, frames=1)
    assert k.wait_until(lambda: k.app.screen_manager.current == "diag_pin", timeout=5)
    for digit in PIN:
        k.tap(k.screen.ids[f"key_{digit}"], frames=1)
    k.tap(k.screen.ids.submit)
    assert k.wait_until(lambda: k.app.screen_manager.current == "diag_checks", timeout=10)
    return k.screen


def test_a_parked_rating_is_listed_retried_and_discarded_from_the_diagnostics_screen(kiosk):
    k, sim = kiosk, kiosk.simulated.platform
    numbers = sorted(sim.data.applications_by_no)
    park(k, numbers[0], numbers[1])
    screen = open_diagnostics(k)
    assert k.wait_until(lambda: screen.parked_row(numbers[0]) is not None, timeout=20)
    row = screen.parked_row(numbers[0])
    assert f"办件编号 {numbers[0]}，已尝试2次" in row.text and "HTTP 500" in row.text
    assert ZHANG.id_number not in " ".join(k.all_texts()) and ZHANG.name not in " ".join(k.all_texts())
    check = screen.row("storage.parked_ratings")
    assert check is not None and check.status_text == "注意" and check.title == "停止重发的好差评"

    # 重试: queued again; it goes once the platform takes it.
    sim.clear_faults()
    k.tap(row.ids.retry)
    assert k.wait_until(lambda: "已重新排队上传" in screen.output, timeout=10), screen.output
    assert k.wait_until(lambda: numbers[0] in [r["application_no"] for r in sim.ratings], timeout=10)
    assert k.wait_until(lambda: screen.parked_row(numbers[0]) is None, timeout=20)
    assert ("retry parked rating", "ok") in [(a, o) for a, o, _ in audit(k)]

    # 放弃: the first tap asks, the second deletes it for good.
    park(k, numbers[2], numbers[3])
    screen.refresh()
    assert k.wait_until(lambda: screen.parked_row(numbers[2]) is not None, timeout=20)
    row = screen.parked_row(numbers[2])
    k.tap(row.ids.discard)
    assert row.ids.discard.text == "确认放弃" and k.services.ratings.parked() != []
    k.tap(row.ids.discard)
    assert k.wait_until(lambda: "已放弃并删除" in screen.output, timeout=10), screen.output
    assert k.services.ratings.parked() == []
    assert k.wait_until(lambda: screen.parked_row(numbers[2]) is None, timeout=20)
    [discarded] = [d for a, o, d in audit(k) if (a, o) == ("discard parked rating", "ok")]
    assert numbers[2] in discarded and "HTTP 500" in discarded and ZHANG.id_number not in discarded
