"""Identify by ID card in the real app, against the virtual reader on a pseudo-terminal."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(live_kiosk):
    return live_kiosk


def test_card_placement_to_masked_identity_then_take_card(kiosk):
    app, reader = kiosk.app, kiosk.simulated.reader
    app.identify("flow.help.title", next_screen="help")
    kiosk.settle()
    screen = app.screen_manager.get_screen("identify")
    assert "请将身份证放在感应区" in kiosk.all_texts()

    reader.place("bateer")
    assert kiosk.wait_until(lambda: screen.masked_name == "巴*尔", timeout=10)
    assert screen.masked_id == "150626********3015"
    texts = kiosk.all_texts()
    assert "巴*尔" in texts and "巴特尔" not in texts and "150626195803123015" not in " ".join(texts)
    assert kiosk.services.session.identity.id_number == "150626195803123015"
    assert kiosk.wait_until(lambda: app.screen_manager.current == "help", timeout=5)

    app.finish_flow()
    kiosk.settle()
    assert app.screen_manager.current == "take_card"
    assert "请取走您的身份证" in kiosk.all_texts()
    reader.lift()
    assert kiosk.wait_until(lambda: app.screen_manager.current == "home", timeout=10)
    assert kiosk.services.session.is_empty
    assert not any("巴" in t for t in kiosk.all_texts())


def test_card_left_on_the_reader_is_not_read_twice(kiosk):
    app, reader = kiosk.app, kiosk.simulated.reader
    reader.place("wang")
    assert kiosk.wait_until(lambda: kiosk.services.session.identity is not None, timeout=10)
    reads = kiosk.services.reader.reads
    kiosk.wait_until(lambda: False, timeout=1.0)
    assert kiosk.services.reader.reads == reads
    app.identify("flow.help.title", next_screen="help")
    screen = app.screen_manager.get_screen("identify")
    assert kiosk.wait_until(lambda: screen.masked_name == "王*芬", timeout=5)


def test_card_with_a_bad_check_character_is_not_accepted(kiosk):
    app, reader = kiosk.app, kiosk.simulated.reader
    app.identify("flow.help.title", next_screen="help")
    screen = app.screen_manager.get_screen("identify")
    reader.place("badcheck")
    assert kiosk.wait_until(lambda: screen.message_key == "reader.id_number_invalid", timeout=10)
    kiosk.wait_until(lambda: False, timeout=2.0)
    assert app.screen_manager.current == "identify"


def test_reader_fault_shows_the_banner_and_clears_by_itself(kiosk):
    app, reader = kiosk.app, kiosk.simulated.reader
    reader.unplug()
    assert kiosk.wait_until(lambda: "reader" in kiosk.services.out_of_order, timeout=15)
    assert "身份证阅读器" in app.banner and "12345" in app.banner
    assert app.banner in kiosk.all_texts()
    reader.replug()
    assert kiosk.wait_until(lambda: "reader" not in kiosk.services.out_of_order, timeout=20)
    assert app.banner == ""


def test_a_card_refused_after_an_accepted_one_does_not_ride_on_its_way_in(kiosk):
    from tests.unit.flow_data import card

    app = kiosk.app
    app.identify("flow.status.title", next_screen="status_list", flow_key="status")
    kiosk.settle()
    screen = app.screen_manager.get_screen("identify")
    app.on_card_placed(card("bateer"))       # as the reader's watcher delivers them
    assert screen.message_key == "identify.welcome"
    app.on_card_placed(card("badcheck"))
    assert screen.message_key == "reader.id_number_invalid" and screen.masked_name == "李*"
    kiosk.wait_until(lambda: False, timeout=2.0)
    assert app.screen_manager.current == "identify"


def test_the_kiosk_rests_on_the_home_screen_and_a_card_wakes_it(kiosk, clock):
    """At rest (kiosk/ui/rest.py) the loop wakes 10 times a second and the real reader driver polls
    every 0.25 s; a card placed at rest is read and the flow goes on at full pace."""
    from kivy.clock import Clock

    app, watcher = kiosk.app, kiosk.services.reader
    app.go_home()
    kiosk.settle()
    clock.advance(kiosk.services.config.ui.rest_after_s + 1)
    app.rest.check()
    assert app.rest.resting
    assert Clock._max_fps == kiosk.services.config.ui.rest_fps
    assert watcher.poll_interval_s == kiosk.services.config.reader.rest_poll_interval_s

    app.identify("flow.help.title", next_screen="help")   # a tile tapped: a screen change wakes it
    assert not app.rest.resting and Clock._max_fps == 60.0
    assert watcher.poll_interval_s == kiosk.services.config.reader.poll_interval_s
    app.go_home()
    kiosk.settle()
    clock.advance(kiosk.services.config.ui.rest_after_s + 1)
    app.rest.check()
    assert app.rest.resting
    kiosk.simulated.reader.place("bateer")                 # a card on the reader at rest wakes it too
    assert kiosk.wait_until(lambda: not app.rest.resting, timeout=10)
    assert Clock._max_fps == 60.0
    kiosk.simulated.reader.lift()


def test_a_card_taken_away_on_the_home_screen_leaves_nothing_in_the_session(kiosk):
    app, reader = kiosk.app, kiosk.simulated.reader
    app.go_home()
    kiosk.settle()
    reader.place("bateer")
    assert kiosk.wait_until(lambda: kiosk.services.session.identity is not None, timeout=10)
    reader.lift()
    assert kiosk.wait_until(lambda: not app.card_on_reader, timeout=10)
    kiosk.pump(2)
    assert kiosk.services.session.is_empty
    assert app.is_pristine


def test_a_late_card_read_after_the_idle_wipe_does_not_outlive_the_card(kiosk):
    """A read that finished just before an idle wipe and reached the app just after it (the soak's
    'stuck' sessions): once the card is gone, the session is empty again."""
    from tests.unit.flow_data import card

    app, reader = kiosk.app, kiosk.simulated.reader
    app.identify("flow.help.title", next_screen="help")
    kiosk.settle()
    reader.place("bateer")
    assert kiosk.wait_until(lambda: app.card_on_reader, timeout=10)
    app.end_session()                      # the idle wipe; then the late delivery on the home screen
    app.on_card_placed(card("bateer"))
    assert not kiosk.services.session.is_empty
    reader.lift()
    assert kiosk.wait_until(lambda: kiosk.services.session.is_empty and app.is_pristine, timeout=10)


def test_title_follows_a_language_chosen_on_the_identify_screen(kiosk):
    # The top bar's language button works here too: the title must not keep the language it began in.
    app = kiosk.app
    app.identify("flow.help.title", next_screen="help")
    kiosk.settle()
    screen = app.screen_manager.get_screen("identify")
    top_bar = next(w for w in screen.walk(restrict=True) if type(w).__name__ == "TopBar")
    assert top_bar.title == "求助/帮您办"
    app.set_language("en")
    kiosk.settle()
    assert top_bar.title == "Help"
    app.set_language("zh_CN")
    kiosk.settle()
    assert top_bar.title == "求助/帮您办"
