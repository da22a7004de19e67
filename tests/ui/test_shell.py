"""The app shell in a real (offscreen) window: tiles, idle reset, kiosk hardening."""
from __future__ import annotations

import pytest

from kiosk.flows import FLOWS
from kiosk.services.idle import IdleState
from tests.conftest import config_with

pytestmark = pytest.mark.ui

NAME, ID = "巴特尔", "150626195803123015"


def test_home_shows_one_tile_per_built_flow(kiosk):
    tiles = kiosk.screen.ids.tiles.children
    assert kiosk.app.screen_manager.current == "home"
    assert sorted(t.flow.key for t in tiles) == sorted(f.key for f in FLOWS)
    assert all(t.title for t in tiles)


def test_tapping_a_tile_opens_its_flow(kiosk):
    kiosk.tap(kiosk.screen.tile_for("help"))
    assert kiosk.app.screen_manager.current == "help"
    assert any("12345" in text for text in kiosk.all_texts())
    top_bar = next(w for w in kiosk.screen.walk() if type(w).__name__ == "TopBar")
    kiosk.tap(top_bar.ids.home_button)
    assert kiosk.app.screen_manager.current == "home"


def test_language_switch_changes_every_visible_text(kiosk):
    assert "请选择您要办理的业务" in kiosk.all_texts()
    kiosk.tap(kiosk.screen.ids.language_button)
    texts = kiosk.all_texts()
    assert "Please choose a service" in texts and "请选择您要办理的业务" not in texts
    from kiosk.i18n import Catalogue
    english = Catalogue("en")
    assert {t.title for t in kiosk.screen.ids.tiles.children} == {english.text(f.title_key) for f in FLOWS}
    assert "Help" in {t.title for t in kiosk.screen.ids.tiles.children}


def test_elder_mode_makes_targets_at_least_60dp_and_type_larger(kiosk):
    from kivy.metrics import dp
    from kivy.uix.button import Button

    tile = kiosk.screen.tile_for("help")
    normal_title, normal_font = tile.ids.title_label.font_size, kiosk.screen.ids.language_button.font_size
    kiosk.tap(kiosk.screen.ids.elder_button)
    assert kiosk.app.elder
    tile = kiosk.screen.tile_for("help")
    # Every tile stays on screen (one column, the title alone), in larger type, each a large target.
    assert tile.ids.title_label.font_size > normal_title and tile.height >= dp(60)
    assert kiosk.screen.ids.language_button.font_size > normal_font
    buttons = [w for s in kiosk.app.screen_manager.screens for w in s.walk() if isinstance(w, Button)]
    assert buttons and all(b.height >= dp(60) for b in buttons)
    assert kiosk.services.idle.timeout == kiosk.services.config.ui.elder_idle_timeout_s


def test_idle_countdown_then_reset_wipes_the_session(kiosk, clock):
    app, services = kiosk.app, kiosk.services
    kiosk.tap(kiosk.screen.tile_for("help"))
    services.session.identity = {"name": NAME, "id": ID}
    services.session.remember_personal(NAME, ID)
    kiosk.tap(kiosk.app.screen_manager.current_screen)  # a touch: the citizen is here
    assert services.idle.state is IdleState.ACTIVE

    kiosk.advance_idle(clock, services.config.ui.idle_timeout_s + 1)
    overlay = app.overlay
    assert overlay.is_open and overlay in kiosk.window.children
    assert "还需要更多时间吗？" in kiosk.all_texts()

    kiosk.advance_idle(clock, services.config.ui.countdown_s)
    assert app.screen_manager.current == "home"
    assert not overlay.is_open
    assert services.session.is_empty and services.session.identity is None
    assert not any(NAME in t or ID in t for t in kiosk.all_texts())
    assert services.idle.state is IdleState.STOPPED


def test_continue_keeps_the_session(kiosk, clock):
    services = kiosk.services
    kiosk.tap(kiosk.screen.tile_for("mobile"))
    services.session.application_number = "WSQ20261125001"
    kiosk.advance_idle(clock, services.config.ui.idle_timeout_s + 5)
    overlay = kiosk.app.overlay
    assert overlay.is_open
    kiosk.tap(overlay.ids.keep_going)
    assert not overlay.is_open
    assert kiosk.app.screen_manager.current == "mobile"
    assert services.session.application_number == "WSQ20261125001"
    kiosk.advance_idle(clock, services.config.ui.idle_timeout_s - 1)
    assert not overlay.is_open


def test_idle_reset_restores_language_and_elder_mode_for_the_next_citizen(kiosk, clock):
    kiosk.tap(kiosk.screen.ids.language_button)
    kiosk.tap(kiosk.screen.ids.elder_button)
    assert kiosk.app.lang == "en" and kiosk.app.elder
    kiosk.advance_idle(clock, 10_000)
    kiosk.advance_idle(clock, 10_000)
    assert kiosk.app.lang == "zh_CN" and not kiosk.app.elder


def test_pristine_home_never_counts_down(kiosk, clock):
    kiosk.advance_idle(clock, 10_000)
    assert not kiosk.app.overlay.is_open
    assert kiosk.services.idle.state is IdleState.STOPPED


def test_escape_and_window_close_do_not_exit(kiosk):
    from kivy.app import App

    kiosk.press_key(27)
    assert kiosk.window.dispatch("on_request_close") is True
    kiosk.pump(3)
    assert App.get_running_app() is kiosk.app
    assert kiosk.app.root in kiosk.window.children


def test_development_mode_lets_escape_close(make_kiosk):
    kiosk = make_kiosk(ui={"allow_exit": True})
    assert kiosk.window.dispatch("on_request_close") is not True


def test_late_background_result_is_dropped_after_reset(kiosk, clock):
    import threading

    release, seen = threading.Event(), []
    kiosk.tap(kiosk.screen.tile_for("help"))
    kiosk.services.work.submit(lambda job: release.wait(5) and NAME, name="lookup", timeout=10,
                               on_result=seen.append, on_error=seen.append)
    kiosk.advance_idle(clock, 10_000)
    kiosk.advance_idle(clock, 10_000)
    release.set()
    kiosk.pump(10)
    assert seen == []


def test_a_part_stays_out_of_order_while_any_source_says_so(kiosk):
    app = kiosk.app
    app.set_out_of_order("printer", True, source="print jobs")
    app.set_out_of_order("printer", False, source="health")
    assert "printer" in kiosk.services.out_of_order and "打印机" in app.banner
    app.set_out_of_order("printer", False, source="print jobs")
    assert "printer" not in kiosk.services.out_of_order and app.banner == ""


def test_a_rating_store_that_did_not_start_hides_the_rating_tile_and_says_so(default_config, clock):
    """The citizen must not learn at the end of a rating that it cannot be kept."""
    from kiosk.testing.harness import HeadlessKiosk

    config = config_with(default_config, ui={"allow_exit": False})
    (config.storage.data_dir / "ratings.key").mkdir(parents=True)   # the key file cannot be made
    kiosk = HeadlessKiosk(config, clock=clock, start_devices=True)
    try:
        assert kiosk.services.ratings is None and kiosk.services.parts.problem_of("ratings")
        kiosk.pump(3)
        assert kiosk.screen.tile_for("rating") is None
        assert kiosk.screen.tile_for("status") is not None
        assert "好差评暂停使用" in kiosk.app.banner
    finally:
        kiosk.close()


def test_parts_that_finish_starting_after_the_app_stopped_are_stopped_too(make_kiosk, default_config):
    """Ctrl+C during start-up: the simulators and the reader's port must not outlive the app."""
    from kiosk.parts import start_terminal

    kiosk = make_kiosk(ui={"allow_exit": False})
    app = kiosk.app
    terminal = start_terminal(kiosk.services.config, lambda callback: None, app)
    app.stop()
    app._parts_started(terminal)          # the worker's result arrives after the stop
    assert app.terminal is None
    assert not terminal.parts.reader.running
    with pytest.raises(OSError):
        import socket
        socket.create_connection(("127.0.0.1", terminal.simulated.printer.port), timeout=1).close()
