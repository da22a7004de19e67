"""Composition root: builds the services from the configuration and hands them to the screens.

Screens get everything through the app (`app.services`); they never open a port or a socket.
"""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Callable

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.metrics import dp, sp
from kivy.properties import BooleanProperty, ListProperty, StringProperty
from kivy.uix.screenmanager import FadeTransition, ScreenManager

from .config import KioskConfig
from .flows import available_flows
from .flows.context import Services
from .i18n import Catalogue
from .memory import release_free_memory
from .screens import build_screen
from .services.idle import IdleState, IdleTimer, idle_limits
from .services.voice import Moment
from .threads import BackgroundWork, kivy_delivery
from .session import CitizenSession
from .ui.a4printing import A4Printing
from .ui.diagnostics import DiagnosticsMode
from .ui.fonts import register_fonts
from .ui.look import Look
from .ui.printing import Printing
from .ui.reader_events import CardReaderEvents
from .ui.rest import RestPacing, set_frame_rate

if TYPE_CHECKING:
    from .parts import Simulated, Terminal

log = logging.getLogger(__name__)

ELDER_TYPE_SCALE = 1.4
ELDER_MIN_TARGET_DP = 72  # 长辈模式: every touch target at least this (>= 60 dp asked for)
IDLE_TICK_S = 0.5


def build_services(config: KioskConfig, clock: Callable[[], float] = time.monotonic,
                   deliver=kivy_delivery) -> Services:
    session = CitizenSession()
    work = BackgroundWork(deliver)
    # A wiped session must never receive a late result about the previous citizen.
    session.on_wipe(lambda: work.cancel_scope("session"))
    from .platform.status import PlatformStatus
    return Services(
        platform_status=PlatformStatus(deliver),
        config=config,
        catalogue=Catalogue(config.ui.language),
        session=session,
        work=work,
        idle=IdleTimer(config.ui.idle_timeout_s, config.ui.countdown_s, clock=clock),
    )


def banner_text(catalogue: Catalogue, out_of_order: set[str], config: KioskConfig) -> str:
    """The home banner: what is out of order and where to turn instead; empty when all works."""
    if not out_of_order:
        return ""
    parts = "、".join(catalogue.text(f"part.{p}") for p in sorted(out_of_order))
    return catalogue.text("banner.out_of_order", parts=parts, window=config.terminal.help_window,
                          hotline=config.terminal.hotline)


class KioskApp(Look, DiagnosticsMode, CardReaderEvents, Printing, A4Printing, App):
    lang = StringProperty("zh_CN")
    elder = BooleanProperty(False)
    flows = ListProperty()
    banner = StringProperty("")
    card_on_reader = BooleanProperty(False)
    reader_faulty = BooleanProperty(False)
    printer_ready = BooleanProperty(False)  # a print button shows only when a print can work
    a4printer_ready = BooleanProperty(False)  # likewise for the A4 printer (kiosk/ui/a4printing.py)
    platform_ready = BooleanProperty(False)  # likewise for buttons that need the platform
    flow_title_key = StringProperty("flow.status.title")  # screens shared by two flows show the one begun

    def __init__(self, services: Services, start_devices: bool = True, **kwargs):
        super().__init__(**kwargs)
        self._start_devices = start_devices
        self.services = services
        self.lang = services.config.ui.language
        self.title = "kiosk"
        self.screen_manager: ScreenManager | None = None
        self._overlay = None
        self._idle_event = None
        self._printer_check = None
        self._fault_sources: dict[str, set[str]] = {}
        self.terminal: Terminal | None = None   # the running parts, once started
        self._stopping = False
        self._offered: tuple[str, ...] | None = None   # the languages offered, read once (next_language)
        self.rest = self._build_rest()   # fewer frames and card polls while nobody is there
        self._rest_event = None

    @property
    def simulated(self) -> Simulated | None:
        """The simulators standing in for parts (development keys, the tour), once started."""
        return self.terminal.simulated if self.terminal is not None else None

    # text and sizes, bound in kv as app.t('key', app.lang) / app.fs(24, app.elder) -------------
    def t(self, key: str, *_bindings, **values) -> str:
        """The text of `key`; {window} and {hotline} (the fallback every failure names) come from [terminal]."""
        terminal = self.services.config.terminal
        return self.services.catalogue.text(key, **{"window": terminal.help_window, "hotline": terminal.hotline,
                                                    **values})

    def failure_text(self, error: BaseException, default_key: str = "platform.unavailable") -> str:
        """What a failed call means for the citizen and what to do next (the error's message_key)."""
        return self.t(getattr(error, "message_key", None) or default_key)

    def fs(self, size: float, *_bindings) -> float:
        return sp(size * (ELDER_TYPE_SCALE if self.elder else 1.0))

    def target(self, size: float, *_bindings) -> float:
        """Height of a touch target: grows in 长辈模式 and is never below the elder minimum there."""
        if self.elder:
            return dp(max(size * ELDER_TYPE_SCALE, ELDER_MIN_TARGET_DP))
        return dp(size)

    # building --------------------------------------------------------------------------------
    def build(self):
        self.fit_to_window()   # density and orientation, before the first widget
        register_fonts()
        Window.clearcolor = (0.96, 0.97, 0.98, 1)
        Window.bind(**self._window_handlers())
        self.screen_manager = ScreenManager(transition=FadeTransition(duration=0.15))
        self.screen_manager.add_widget(build_screen("home"))
        self.screen_manager.bind(current=lambda *_: self._update_idle_watch())
        self.screen_manager.bind(current=self.rest.activity)
        self.refresh_flows()
        self._idle_event = Clock.schedule_interval(self.check_idle, IDLE_TICK_S)
        self._rest_event = Clock.schedule_interval(self.rest.check, 1.0)
        return self.screen_manager

    def refresh_flows(self) -> None:
        self.flows = available_flows(self.services.out_of_order, a4_installed=self.services.a4printer is not None)
        services = self.services
        self.printer_ready = services.printer is not None and "printer" not in services.out_of_order
        self.a4printer_ready = services.a4printer is not None and "a4printer" not in services.out_of_order
        self.platform_ready = services.platform is not None and "platform" not in services.out_of_order
        self.banner = banner_text(self.services.catalogue, self.services.out_of_order, self.services.config)

    def set_out_of_order(self, part: str, out: bool, source: str = "app") -> None:
        """`source` says who knows (reader events, print jobs, platform calls, health checks):
        a part is out of order while any source says so, and returns when all have cleared it."""
        sources = self._fault_sources.setdefault(part, set())
        (sources.add if out else sources.discard)(source)
        now_out = bool(sources)
        if now_out != (part in self.services.out_of_order):
            (self.services.out_of_order.add if now_out else self.services.out_of_order.discard)(part)
            log.warning("%s %s", part, "out of order" if now_out else "working again")
            self.refresh_flows()

    # devices -----------------------------------------------------------------------------------
    def on_start(self) -> None:
        from .ui.systemd import ServiceManagerLink   # READY after the first frame, watchdog from this loop
        ServiceManagerLink(self).start()
        self.services.platform_status.add_listener(self.platform_changed)
        if self._start_devices:
            # Only once the first frame is on screen: opening ports, starting simulators and
            # importing the drivers (python-escpos loads its printer database) must not delay it.
            def after_first_frame(*_args) -> None:
                Window.unbind(on_flip=after_first_frame)
                Clock.schedule_once(lambda _dt: self.start_devices(), 0)
            Window.bind(on_flip=after_first_frame)

    def start_devices(self) -> None:
        from .parts import start_terminal  # the drivers load after the first frame

        self.services.work.submit(
            lambda job: start_terminal(self.services.config, kivy_delivery, self, self.services.platform_status),
            name="start parts", timeout=60, scope="app", on_result=self._parts_started,
            on_error=lambda e: log.error("parts did not start: %s", e))

    def _parts_started(self, terminal: Terminal) -> None:
        if self._stopping:   # the app ended while the parts were starting: they must not outlive it
            terminal.stop()
            return
        self.terminal = terminal
        parts = self.services.parts = terminal.parts
        # The drivers' view (simulated parts' addresses filled in) is what diagnostics shows.
        self.services.config = terminal.config
        for problem in parts.problems:
            log.error("part not started: %s", problem)
        if parts.reader is None:
            self.set_out_of_order("reader", True, source="reader events")
        if parts.ratings is None:   # no store: a rating could not be kept, so none is asked for
            self.set_out_of_order("ratings", True, source="start-up")
        if parts.health is not None:
            self.attach_health(parts.health)
        if parts.platform is not None:    # the platform's texts in the citizen's language (Accept-Language)
            parts.platform.content_language = lambda: self.services.catalogue.language
        self.refresh_flows()

    def _release_memory(self) -> None:
        """Free heap memory back to the system, off the UI thread (kiosk/memory.py)."""
        self.services.work.submit(lambda _job: release_free_memory(), name="release memory", timeout=30,
                                  scope="app", on_result=lambda _released: None,
                                  on_error=lambda e: log.info("memory not released: %s", e))

    def start_flow(self, flow) -> None:
        from .counters import count_session   # loaded with the parts, after the first frame
        count_session(flow.key)
        self.flow_title_key = flow.title_key
        if flow.identify:
            self.identify(flow.title_key, flow.screen, flow.keypad_screen, flow_key=flow.key)
        else:
            self.go(flow.screen)

    def finish_flow(self) -> None:
        """The end of a flow: offer to rate the application handled (好差评: a reminder, never
        forced), then remind the citizen to take the card if it is still there."""
        from .flows.rating import offer_due
        if offer_due(self.services.session, self.services.ratings):
            self.go("rating_offer")
        elif self.card_on_reader:
            self.go("take_card")
            self.speak(Moment.TAKE_CARD)
        else:
            self.end_session()

    # navigation --------------------------------------------------------------------------------
    def go(self, screen: str) -> None:
        if not self.screen_manager.has_screen(screen):
            self.screen_manager.add_widget(build_screen(screen))
        self.screen_manager.current = screen

    def go_home(self) -> None:
        self.go("home")

    def set_language(self, language: str) -> None:
        self.services.catalogue.language = language
        self.lang = language
        self.refresh_flows()
        self._update_idle_watch()

    def toggle_language(self) -> None:
        self.set_language(self.next_language())

    def next_language(self) -> str:
        """Where the language button leads: the next language offered to citizens. A language is
        offered only once its catalogue has [i18n] offer_at of the citizens' messages (kiosk/i18n/offer.py),
        so no button leads to Chinese screens under another language's name."""
        from .i18n.offer import next_language, offered_languages

        if self._offered is None:
            self._offered = offered_languages(self.services.config.i18n.offer_at)
        return next_language(self.lang, self._offered)

    def toggle_elder(self) -> None:
        self.elder = not self.elder
        self.services.idle.set_limits(*idle_limits(self.services.config.ui, self.elder))
        self._update_idle_watch()

    # idle reset --------------------------------------------------------------------------------
    @property
    def is_pristine(self) -> bool:
        """Nothing to reset: the home screen as the next citizen should find it."""
        return (self.screen_manager.current == "home" and self.services.session.is_empty
                and not self.elder and self.lang == self.services.config.ui.language)

    def _update_idle_watch(self) -> None:
        idle = self.services.idle
        if self.is_pristine:
            idle.stop()
        elif idle.state is IdleState.STOPPED:
            idle.start()

    def _on_user_activity(self, *_args) -> None:
        self.rest.activity()
        self.services.idle.touch()

    def _build_rest(self) -> RestPacing:
        ui, reader = self.services.config.ui, self.services.config.reader

        def set_poll(seconds: float) -> None:
            watcher = self.services.reader
            if watcher is not None:
                watcher.poll_interval_s = seconds

        return RestPacing(rest_after_s=ui.rest_after_s, rest_fps=ui.rest_fps,
                          rest_poll_s=reader.rest_poll_interval_s, active_poll_s=reader.poll_interval_s,
                          set_fps=set_frame_rate, set_poll=set_poll,
                          may_rest=lambda: self.screen_manager is not None and self.screen_manager.current == "home",
                          now=self.services.idle.clock)

    @property
    def overlay(self):
        """The countdown overlay, built the first time it is needed (not at start-up)."""
        if self._overlay is None:
            from .screens.idle_overlay import IdleOverlay
            self._overlay = IdleOverlay()
            self._overlay.bind(on_keep_going=lambda *_: self.keep_going())
        return self._overlay

    def keep_going(self) -> None:
        self.services.idle.keep_going()
        self.overlay.close()

    def check_idle(self, _dt=None) -> None:
        state = self.services.idle.tick()
        if state is IdleState.COUNTDOWN:
            if self._overlay is None or not self._overlay.is_open:
                self.speak(Moment.IDLE_COUNTDOWN)    # once, as the countdown opens
            self.overlay.show(self.services.idle.seconds_left())
        elif state is IdleState.EXPIRED:
            log.info("idle timeout: session ended")
            self.end_session()
        elif self._overlay is not None and self._overlay.is_open:
            self._overlay.close()

    def end_session(self) -> None:
        """Wipes the session, restores the defaults and returns home (idle expiry, or a flow's end)."""
        if not self.is_pristine and not self.screen_manager.current.startswith("diag"):
            self.speak(Moment.SESSION_ENDED)   # in the citizen's language, before it is reset
        if self._overlay is not None:
            self._overlay.close()
        self.services.session.wipe()
        # What the citizen's session freed (an A4 document's font work above all) goes back to the system.
        self._release_memory()
        for screen in self.screen_manager.screens:
            reset = getattr(screen, "reset", None)
            if reset:
                reset()
        ui = self.services.config.ui
        if self.elder:
            self.elder = False
            self.services.idle.set_limits(*idle_limits(ui, False))
        self.set_language(ui.language)
        self.go_home()
        self.services.idle.stop()

    # kiosk hardening ---------------------------------------------------------------------------
    def _on_request_close(self, *_args, **_kwargs) -> bool:
        if self.services.config.ui.allow_exit:
            return False
        log.info("window close refused (ui.allow_exit = false)")
        return True

    def _on_key_down(self, _window, key, *_args) -> bool:
        self._on_user_activity()
        if self.development_key(key):
            return True
        if key == 27:  # Escape: a kiosk has nowhere to go back to
            if self.services.config.ui.allow_exit:
                self.stop()
            return True
        return False

    def _window_handlers(self) -> dict:
        return {"on_request_close": self._on_request_close, "on_key_down": self._on_key_down,
                "on_touch_down": self._on_user_activity, "on_touch_move": self._on_user_activity,
                "size": self._window_resized}

    def on_stop(self) -> None:
        self._stopping = True
        Window.unbind(**self._window_handlers())
        if self._idle_event is not None:
            self._idle_event.cancel()
        if self._rest_event is not None:
            self._rest_event.cancel()
        self.rest.activity()   # the loop at full pace again for whatever runs after the app
        self.services.session.wipe()
        self.services.work.shutdown()
        if self.terminal is not None:
            self.terminal.stop()
