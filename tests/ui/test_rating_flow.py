"""好差评 in the real app, headless, against the platform simulator and a real ratings.db."""
from __future__ import annotations

import sqlite3

import pytest

pytestmark = pytest.mark.ui

BATEER = "150626195803123015"


@pytest.fixture
def kiosk(default_config, clock):
    from kiosk.testing.harness import HeadlessKiosk
    from tests.conftest import config_with

    config = config_with(default_config, ui={"allow_exit": False},
                         platform={"read_timeout_s": 1.0, "connect_timeout_s": 0.5, "retries": 0},
                         ratings={"upload_interval_s": 0.2, "upload_backoff_max_s": 0.5})
    k = HeadlessKiosk(config, clock=clock, start_devices=True)
    assert k.services.parts.ratings is not None, k.services.parts.problems
    assert k.wait_until(lambda: k.services.parts.ratings.options() is not None, timeout=10)
    yield k
    k.close()


def current(kiosk) -> str:
    return kiosk.app.screen_manager.current


def start_rating_by_card(kiosk, person="bateer"):
    kiosk.tap(kiosk.screen.tile_for("rating"))
    assert current(kiosk) == "identify"
    kiosk.simulated.reader.place(person)
    assert kiosk.wait_until(lambda: current(kiosk) == "rating_pick", timeout=10)


def pick_first_application(kiosk) -> str:
    rows = kiosk.screen.ids.rows
    assert kiosk.wait_until(lambda: len(rows.children) > 0, timeout=10), kiosk.screen.message
    row = rows.children[-1]
    kiosk.tap(row)
    assert current(kiosk) == "rating_levels"
    return row.number


def rows_in_db(kiosk) -> list[tuple]:
    db = kiosk.services.config.storage.data_dir / "ratings.db"
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT application_no, state, fields FROM ratings").fetchall()


def skip_comment(kiosk):
    """The optional comment step: nothing chosen, 跳过."""
    assert current(kiosk) == "rating_comment"
    assert kiosk.screen.ids.next.text == "跳过"
    kiosk.tap(kiosk.screen.ids.next)


def submit_and_reach_thanks(kiosk):
    confirm = kiosk.screen
    assert current(kiosk) == "rating_confirm"
    seen_at_thanks = []
    # The thanks screen may only appear once the rating is durable: look at the database the
    # moment the screen changes.
    kiosk.app.screen_manager.bind(current=lambda _sm, name: name == "rating_thanks" and
                                  seen_at_thanks.append(len(rows_in_db(kiosk))))
    kiosk.tap(confirm.ids.submit)
    assert kiosk.wait_until(lambda: current(kiosk) == "rating_thanks", timeout=10), confirm.message
    assert seen_at_thanks and seen_at_thanks[0] >= 1


def test_nothing_is_preselected_and_a_good_rating_is_stored_then_uploaded(kiosk, tmp_path):
    sim = kiosk.simulated.platform
    start_rating_by_card(kiosk)
    number = pick_first_application(kiosk)
    levels = kiosk.screen
    assert [b.text for b in reversed(levels.ids.levels.children)] == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert all(b.state == "normal" for b in levels.ids.levels.children)
    kiosk.screenshot(tmp_path / "rating_levels.png")
    kiosk.tap(levels.button_for("满意"))
    skip_comment(kiosk)
    assert "满意" in kiosk.screen.ids.level.text and kiosk.screen.ids.reasons.text == ""
    assert kiosk.screen.ids.comment.text == ""
    submit_and_reach_thanks(kiosk)
    assert kiosk.screen.ids.thanks.text == "感谢您的评价"
    assert kiosk.wait_until(lambda: len(sim.ratings) == 1, timeout=10)
    body = sim.ratings[0]
    assert (body["application_no"], body["level"], body["channel"]) == (number, "满意", "5")
    assert body["evaluator"]["id_number"] == BATEER and body["region_code"] == "150626000"
    assert body["comment"] == ""
    # Rated: the end of the flow does not offer it again; the card reminder follows.
    kiosk.tap(kiosk.screen.ids.done)
    assert current(kiosk) == "take_card"


def test_a_bad_rating_needs_reasons_from_the_platform(kiosk):
    sim = kiosk.simulated.platform
    start_rating_by_card(kiosk, "wang")
    pick_first_application(kiosk)
    kiosk.tap(kiosk.screen.button_for("非常不满意"))
    reasons = kiosk.screen
    assert current(kiosk) == "rating_reasons"
    buttons = reasons.reason_buttons()
    offered = kiosk.services.parts.ratings.options().reasons_for("非常不满意")
    assert [b.text for b in buttons] == [r.text for r in offered] and len(buttons) >= 2
    assert reasons.ids.next.disabled
    kiosk.tap(buttons[0])
    kiosk.tap(buttons[1])
    assert not reasons.ids.next.disabled
    kiosk.tap(reasons.ids.next)
    skip_comment(kiosk)
    confirm = kiosk.screen
    assert offered[0].text in confirm.ids.reasons.text and offered[1].text in confirm.ids.reasons.text
    submit_and_reach_thanks(kiosk)
    assert kiosk.wait_until(lambda: len(sim.ratings) == 1, timeout=10)
    assert sim.ratings[0]["reason_codes"] == [offered[0].code, offered[1].code]
    assert sim.ratings[0]["level"] == "非常不满意"


def test_offline_the_rating_is_stored_thanked_and_uploaded_when_the_platform_is_back(kiosk):
    sim = kiosk.simulated.platform
    ratings = kiosk.services.parts.ratings
    number = sorted(n for n, a in sim.data.applications_by_no.items() if a["applicant_name_masked"].startswith("巴"))[0]
    sim.set_fault("error500")
    start_rating_by_card(kiosk)
    pick = kiosk.screen
    assert kiosk.wait_until(lambda: pick.offline, timeout=10)
    assert "输入办件编号" in pick.message
    kiosk.tap(pick.ids.keypad)
    keypad = kiosk.screen
    for digit in number:
        keypad.press(digit)
    kiosk.tap(keypad.ids.next)
    assert kiosk.wait_until(lambda: current(kiosk) == "rating_levels", timeout=10), keypad.message
    kiosk.tap(kiosk.screen.button_for("基本满意"))
    skip_comment(kiosk)      # the phrases come from the options cached before the platform went away
    submit_and_reach_thanks(kiosk)
    assert [(r[0], r[1]) for r in rows_in_db(kiosk)] == [(number, "pending")]
    assert sim.ratings == []
    sim.clear_faults()
    ratings.upload_now()
    assert kiosk.wait_until(lambda: len(sim.ratings) == 1, timeout=10)
    body = sim.ratings[0]
    assert body["application_no"] == number and body["item_code"] == sim.data.applications_by_no[number]["item_code"]
    assert kiosk.wait_until(lambda: ratings.counts()["confirmed"] == 1, timeout=5)


def test_typed_number_first_then_the_card_for_a_real_name_rating(kiosk):
    sim = kiosk.simulated.platform
    number = sorted(sim.data.applications_by_no)[0]
    kiosk.tap(kiosk.screen.tile_for("rating"))
    kiosk.tap(kiosk.screen.ids.keypad_button)
    keypad = kiosk.screen
    assert current(kiosk) == "rating_keypad"
    for digit in "15062620261125999999":     # well formed, but no such application
        keypad.press(digit)
    kiosk.tap(keypad.ids.next)
    assert kiosk.wait_until(lambda: "未查询到该办件编号" in keypad.message, timeout=10)
    keypad.press("clear")
    for digit in number:
        keypad.press(digit)
    kiosk.tap(keypad.ids.next)
    assert kiosk.wait_until(lambda: current(kiosk) == "identify", timeout=10)
    assert kiosk.screen.keypad_screen == ""          # the card is needed now: ratings are real-name
    kiosk.simulated.reader.place("bateer")
    assert kiosk.wait_until(lambda: current(kiosk) == "rating_levels", timeout=10)
    assert kiosk.screen.item_name == sim.data.applications_by_no[number]["item_name"]


def test_a_second_attempt_says_it_was_already_rated_and_when(kiosk):
    start_rating_by_card(kiosk)
    number = pick_first_application(kiosk)
    kiosk.tap(kiosk.screen.button_for("非常满意"))
    skip_comment(kiosk)
    submit_and_reach_thanks(kiosk)
    stored = kiosk.services.session.rating_stored
    kiosk.simulated.reader.lift()
    kiosk.tap(kiosk.screen.ids.done)
    assert kiosk.wait_until(lambda: current(kiosk) == "home", timeout=5)

    start_rating_by_card(kiosk)
    rows = kiosk.screen.ids.rows
    assert kiosk.wait_until(lambda: len(rows.children) > 0, timeout=10)
    assert next(r for r in rows.children if r.number == number).status == "已评价"
    assert pick_first_application(kiosk) == number
    levels = kiosk.screen
    assert levels.already == f"该办件您已于{stored.rated_at:%Y-%m-%d %H:%M}评价，感谢您的评价"
    assert levels.ids.question.text == levels.already
    assert levels.ids.levels.disabled and levels.ids.levels.opacity == 0
    levels.choose("满意")                  # even a stray tap stores nothing
    assert current(kiosk) == "rating_levels" and len(rows_in_db(kiosk)) == 1


def test_the_end_of_a_flow_offers_a_rating_and_declining_ends_as_before(kiosk):
    kiosk.tap(kiosk.screen.tile_for("status"))
    kiosk.simulated.reader.place("bateer")
    assert kiosk.wait_until(lambda: current(kiosk) == "status_list", timeout=10)
    rows = kiosk.screen.ids.rows
    assert kiosk.wait_until(lambda: len(rows.children) > 0, timeout=10)
    kiosk.tap(rows.children[-1])
    detail = kiosk.screen
    kiosk.tap(detail.ids.done)
    assert current(kiosk) == "rating_offer"
    kiosk.tap(kiosk.screen.ids.decline)
    assert current(kiosk) == "take_card"
    assert rows_in_db(kiosk) == []


def test_rating_from_the_application_detail_and_a_printed_slip(kiosk):
    kiosk.tap(kiosk.screen.tile_for("status"))
    kiosk.simulated.reader.place("bateer")
    assert kiosk.wait_until(lambda: current(kiosk) == "status_list", timeout=10)
    rows = kiosk.screen.ids.rows
    assert kiosk.wait_until(lambda: len(rows.children) > 0, timeout=10)
    number = rows.children[-1].number
    kiosk.tap(rows.children[-1])
    kiosk.tap(kiosk.screen.ids.rate)
    assert current(kiosk) == "rating_levels"
    kiosk.tap(kiosk.screen.button_for("满意"))
    skip_comment(kiosk)
    submit_and_reach_thanks(kiosk)
    assert kiosk.app.printer_ready
    kiosk.tap(kiosk.screen.ids.print_slip)
    printing = kiosk.app.screen_manager.get_screen("printing")
    assert kiosk.wait_until(lambda: not printing.busy, timeout=15)
    printer = kiosk.simulated.printer
    assert printer.wait_for_jobs(1, timeout=5)
    text = printer.jobs[-1].text
    assert "评价凭条" in text and number in text and "满意" in text and BATEER not in text


def test_elder_mode_shows_the_five_levels_larger(kiosk, tmp_path):
    kiosk.app.toggle_elder()
    start_rating_by_card(kiosk)
    pick_first_application(kiosk)
    levels = kiosk.screen
    heights = [b.height for b in levels.ids.levels.children]
    assert min(heights) >= 72
    # All five on screen, below the question, nothing squeezed over the title bar.
    assert levels.ids.levels.y >= 0 and levels.ids.question.y >= levels.ids.levels.top - 1
    assert levels.ids.item_name.top <= kiosk.window.height - levels.children[0].children[-1].height + 1
    kiosk.screenshot(tmp_path / "rating_levels_elder.png")


def test_two_phrases_chosen_become_the_comment_the_platform_receives(kiosk, tmp_path):
    sim = kiosk.simulated.platform
    start_rating_by_card(kiosk)
    pick_first_application(kiosk)
    kiosk.tap(kiosk.screen.button_for("非常满意"))
    comment = kiosk.screen
    assert current(kiosk) == "rating_comment"
    offered = kiosk.services.parts.ratings.options().phrases_for("非常满意")
    buttons = comment.phrase_buttons()
    assert [b.text for b in buttons] == [p.text for p in offered] and len(buttons) >= 3
    assert all(b.state == "normal" for b in buttons) and comment.ids.next.text == "跳过"
    kiosk.tap(buttons[0])
    kiosk.tap(buttons[2])
    assert comment.ids.next.text == "下一步"
    kiosk.screenshot(tmp_path / "rating_comment.png")
    kiosk.tap(comment.ids.next)
    confirm = kiosk.screen
    expected = f"{offered[0].text}；{offered[2].text}"
    assert current(kiosk) == "rating_confirm" and confirm.ids.comment.text == f"评价内容：{expected}"
    kiosk.screenshot(tmp_path / "rating_confirm_comment.png")
    # 返回修改 comes back to the phrases, still chosen; one more tap takes one away again.
    kiosk.tap(confirm.ids.change)
    assert current(kiosk) == "rating_comment"
    assert [b.state for b in comment.phrase_buttons()][:3] == ["down", "normal", "down"]
    kiosk.tap(comment.phrase_buttons()[2])
    kiosk.tap(comment.phrase_buttons()[1])
    kiosk.tap(comment.ids.next)
    expected = f"{offered[0].text}；{offered[1].text}"
    assert confirm.ids.comment.text == f"评价内容：{expected}"
    submit_and_reach_thanks(kiosk)
    assert kiosk.wait_until(lambda: len(sim.ratings) == 1, timeout=10)
    assert sim.ratings[0]["comment"] == expected and sim.ratings[0]["level"] == "非常满意"
    assert sim.ratings[0]["reason_codes"] == []


def test_a_bad_rating_asks_reasons_then_offers_phrases_and_back_leads_to_the_reasons(kiosk):
    sim = kiosk.simulated.platform
    start_rating_by_card(kiosk, "wang")
    pick_first_application(kiosk)
    kiosk.tap(kiosk.screen.button_for("不满意"))
    reasons = kiosk.screen
    kiosk.tap(reasons.reason_buttons()[0])
    kiosk.tap(reasons.ids.next)
    comment = kiosk.screen
    assert current(kiosk) == "rating_comment" and "不满意" in comment.ids.level.text
    kiosk.tap(comment.ids.back)
    assert current(kiosk) == "rating_reasons"
    kiosk.tap(reasons.ids.next)
    phrase = comment.phrase_buttons()[0]
    kiosk.tap(phrase)
    kiosk.tap(comment.ids.next)
    submit_and_reach_thanks(kiosk)
    assert kiosk.wait_until(lambda: len(sim.ratings) == 1, timeout=10)
    assert sim.ratings[0]["comment"] == phrase.text and len(sim.ratings[0]["reason_codes"]) == 1


def test_options_without_phrases_skip_the_comment_step(kiosk):
    sim = kiosk.simulated.platform
    without = {"version": "no-phrases", "levels": [{k: v for k, v in level.items() if k != "phrases"}
                                                   for level in sim.data.rating_options["levels"]]}
    sim.data.rating_options = without
    assert kiosk.services.parts.ratings.refresh_options().version == "no-phrases"
    start_rating_by_card(kiosk)
    pick_first_application(kiosk)
    kiosk.tap(kiosk.screen.button_for("满意"))
    confirm = kiosk.screen
    assert current(kiosk) == "rating_confirm" and confirm.ids.comment.text == ""
    kiosk.tap(confirm.ids.change)
    assert current(kiosk) == "rating_levels"
    kiosk.tap(kiosk.screen.button_for("满意"))
    submit_and_reach_thanks(kiosk)
    assert kiosk.wait_until(lambda: len(sim.ratings) == 1, timeout=10)
    assert sim.ratings[0]["comment"] == ""


def test_elder_mode_shows_the_phrases_larger(kiosk, tmp_path):
    start_rating_by_card(kiosk)
    pick_first_application(kiosk)
    kiosk.app.toggle_elder()
    kiosk.tap(kiosk.screen.button_for("满意"))
    comment = kiosk.screen
    assert current(kiosk) == "rating_comment"
    normal = 72
    assert all(b.height > normal and b.font_size > 24 for b in comment.phrase_buttons())
    assert comment.ids.next.height >= 64
    kiosk.screenshot(tmp_path / "rating_comment_elder.png")


def test_the_slip_of_a_bad_rating_carries_its_reasons_and_comment(kiosk):
    start_rating_by_card(kiosk, "qiqige")
    pick_first_application(kiosk)
    kiosk.tap(kiosk.screen.button_for("不满意"))
    reasons = kiosk.screen
    offered = kiosk.services.parts.ratings.options().reasons_for("不满意")
    kiosk.tap(reasons.reason_buttons()[0])
    kiosk.tap(reasons.ids.next)
    comment = kiosk.screen
    assert current(kiosk) == "rating_comment"
    kiosk.tap(comment.phrase_buttons()[0])
    phrase = comment.phrase_buttons()[0].text
    kiosk.tap(comment.ids.next)
    submit_and_reach_thanks(kiosk)
    kiosk.tap(kiosk.screen.ids.print_slip)
    printer = kiosk.simulated.printer
    assert printer.wait_for_jobs(1, timeout=15)
    text = printer.jobs[-1].text
    assert "不满意" in text and offered[0].text in text and phrase in text
