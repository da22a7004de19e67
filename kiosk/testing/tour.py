"""The headless tour: every screen and state of the kiosk, one PNG each, with the layout check
(kiosk/testing/layout_check.py) run on every one. `kiosk tour` (kiosk/cli/tour.py) starts it.

The walk drives the app as a citizen and a technician would — taps on real widgets, cards placed
on the virtual reader, the virtual printer and platform put out of order — and waits for what
the app shows, never for a fixed time. The kiosk it is given must run its simulated parts and a
stopped wall clock (HeadlessKiosk(now=...)), so two tours draw the same pictures.

States are named as the files: home.png, status-list.png, elder-home.png, en-rating-levels.png ...
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .accessibility_check import check_accessibility
from .layout_check import Problem, check_layout
from .tour_a4 import a4_walk, receipt_printer_only
from .tour_elder_extra import elder_extra_walk
from .tour_mongolian import mongolian_walk

WAIT_S = 15.0
NOT_FOUND_NUMBER = "150626-20261125-999999"    # well formed, but no such application
SHORT_NUMBER = "000123"                        # the serial of a receipt alone: too short to be a 办件编号


@dataclass
class TourResult:
    written: list[Path] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    problems: dict[str, list[Problem]] = field(default_factory=dict)
    seconds: float = 0.0
    timings: list[tuple[str, float]] = field(default_factory=list)   # (state, seconds since the last)
    # the accessibility audit's least contrast and smallest target: (value, state, widget)
    figures: dict[str, tuple[float, str, str]] = field(default_factory=dict)


class Tour:
    def __init__(self, kiosk, out: Path | None, *, check: bool = True,
                 only: Callable[[str], bool] | None = None):
        """`out`: the folder for the PNG files (None: no files, the layout check only); `only`
        picks the states whose screenshot is written (all when None)."""
        from kivy.uix.screenmanager import NoTransition

        self.kiosk, self.app, self.out = kiosk, kiosk.app, out
        self.check, self.only = check, only
        self.result = TourResult()
        # The tour shows states, not the fade between them: no waiting for each fade.
        self.app.screen_manager.transition = NoTransition()
        self._last = time.monotonic()

    # what each state leaves ----------------------------------------------------------------------
    def shot(self, name: str) -> None:
        kiosk = self.kiosk
        kiosk.settle()
        kiosk.pump(2)      # lists that lay out over frames (RecycleView) settle too
        self.result.states.append(name)
        if self.check:
            seen: dict = {}
            found = check_layout(kiosk.window) + check_accessibility(kiosk.window, elder=self.app.elder,
                                                                     figures=seen)
            for key, (value, where) in seen.items():
                if key not in self.result.figures or value < self.result.figures[key][0]:
                    self.result.figures[key] = (value, name, where)
            if found:
                self.result.problems[name] = found
        if self.out is not None and (self.only is None or self.only(name)):
            self.result.written.append(kiosk.screenshot(self.out / f"{name}.png"))
        now = time.monotonic()
        self.result.timings.append((name, now - self._last))
        self._last = now

    # helpers ---------------------------------------------------------------------------------------
    @property
    def screens(self):
        return self.app.screen_manager

    @property
    def screen(self):
        return self.screens.current_screen

    def wait(self, predicate: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
        if not self.kiosk.wait_until(predicate, timeout=timeout):
            raise TimeoutError(f"tour: waited {timeout:.0f} s for {what} (on {self.screens.current})")

    def wait_for_screen(self, name: str, timeout: float = WAIT_S) -> None:
        self.wait(lambda: self.screens.current == name, f"the {name} screen", timeout)
        self.kiosk.settle()

    def tap(self, widget) -> None:
        self.kiosk.tap(widget, frames=2)   # the walk then waits for what it needs to see

    def tile(self, flow: str) -> None:
        self.app.go_home()
        self.kiosk.settle()
        self.tap(self.screens.get_screen("home").tile_for(flow))

    def end(self) -> None:
        """The session ends as a flow's end ends it: wiped, Chinese, home."""
        if self.app.card_on_reader or self.kiosk.simulated.reader.card_state != "no card":
            self.kiosk.simulated.reader.lift()
            self.wait(lambda: not self.app.card_on_reader, "the card lifted")
        self.app.end_session()
        self.kiosk.settle()

    def place(self, person) -> None:
        self.kiosk.simulated.reader.place(person)

    def identified(self) -> None:
        """Waits for the masked name of the card just placed (shown for a moment before the flow goes on)."""
        identify = self.screens.get_screen("identify")
        self.wait(lambda: identify.masked_name != "" or identify.message_key not in
                  ("reader.place_card", "reader.reading"), "the card read")

    def printer_back(self) -> None:
        """Waits for the printer to be in service again. The app asks it every 15 s
        (kiosk/ui/printing.py); the tour asks at once, as that check would, instead of waiting."""
        def ready() -> bool:
            if not self.app.printer_ready:
                self.app._check_printer()
                self.kiosk.wait_until(lambda: self.app.printer_ready, timeout=1.0)
            return self.app.printer_ready

        self.wait(ready, "the printer back in service", timeout=30)

    @staticmethod
    def retype(keypad, text: str) -> None:
        """A 办件编号 keypad cleared key by key, then `text` typed on it."""
        for _ in range(40):
            keypad.press("del")
        for key in text:
            keypad.press(key)

    def countdown(self) -> None:
        self.kiosk.advance_idle(self.kiosk_clock, self.kiosk.services.idle.timeout + 3)

    # the walk ------------------------------------------------------------------------------------
    def run(self, kiosk_clock, walks: tuple[str, ...] | None = None) -> TourResult:
        """The whole tour, or only the named walks in Chinese (e.g. ("home_and_tiles",))."""
        self.kiosk_clock = kiosk_clock
        started = time.monotonic()
        if walks is not None:
            for name in walks:
                getattr(self, name)("")
            self.result.seconds = time.monotonic() - started
            return self.result
        self.home_and_tiles("")
        self.status_by_card("")
        self.status_by_number()
        self.certificates()
        a4_walk(self)
        self.rating("", "wang")
        self.rating_by_number()
        self.guide("")
        self.help_called()
        self.refused_cards()
        self.parts_out_of_order()
        self.idle("")
        self.diagnostics()
        # 长辈模式 (larger type, one column, 求助 on every screen), then English. Each session's
        # end restores the defaults for the next citizen, so each walk sets its mode again.
        for walk in (lambda: self.home_and_tiles("elder-"), lambda: self.status_by_card("elder-"),
                     self.elder_help_from_a_flow, lambda: self.rating("elder-", "aoyun"),
                     lambda: self.idle("elder-")):
            if not self.app.elder:
                self.app.toggle_elder()
            walk()
        for walk in (lambda: self.home_and_tiles("en-"), lambda: self.status_by_card("en-"),
                     lambda: self.guide("en-"), lambda: self.rating("en-", "qiqige"), lambda: self.idle("en-")):
            self.app.set_language("en")
            walk()
        elder_extra_walk(self)   # English with 长辈模式, the keypads in 长辈模式 (tour_elder_extra.py)
        mongolian_walk(self)     # the pseudo-locale x-mn-pseudo: columns, bilingual home (tour_mongolian.py)
        self.result.seconds = time.monotonic() - started
        return self.result

    def home_and_tiles(self, prefix: str) -> None:
        self.app.go_home()
        self.kiosk.settle()
        self.shot(f"{prefix}home")
        for flow in list(self.app.flows):
            self.tile(flow.key)
            if flow.key == "guide":
                guide = self.screens.get_screen("guide_home")
                self.wait(lambda: guide.ready or guide.message, "the catalogue")
            self.shot(f"{prefix}{flow.key}")
            self.app.go_home()
            self.kiosk.settle()

    def status_by_card(self, prefix: str) -> None:
        self.tile("status")
        self.place("bateer")
        self.identified()
        self.shot(f"{prefix}identify-read")
        self.wait_for_screen("status_list")
        rows = self.screens.get_screen("status_list").ids.rows
        self.wait(lambda: len(rows.children) > 0, "the applications")
        self.shot(f"{prefix}status-list")
        overdue = next((r for r in rows.children if r.overdue), rows.children[-1])
        self.tap(overdue)
        self.shot(f"{prefix}status-detail")
        self.app.finish_flow()
        self.kiosk.settle()
        if self.screens.current == "rating_offer":   # offered, never forced
            self.shot(f"{prefix}rating-offer")
            self.tap(self.screen.ids.decline)
        self.shot(f"{prefix}take-card")
        self.kiosk.simulated.reader.lift()
        self.wait_for_screen("home")

    def status_by_number(self, _prefix: str = "") -> None:
        self.tile("status")
        self.tap(self.screen.ids.keypad_button)
        keypad = self.screen
        self.retype(keypad, "150626-20261125-000123")
        self.shot("status-keypad")
        self.retype(keypad, "-")                 # a dash alone is no number: nothing to search
        self.shot("status-keypad-empty")
        self.retype(keypad, SHORT_NUMBER)        # one group of a receipt alone: refused on the keypad
        self.tap(keypad.ids.search)
        self.wait(lambda: keypad.message != "", "the keypad's message")
        self.shot("status-keypad-invalid")
        self.retype(keypad, NOT_FOUND_NUMBER)
        self.tap(keypad.ids.search)
        self.wait_for_screen("status_list")
        found = self.screens.get_screen("status_list")
        self.wait(lambda: not found.loading, "the lookup")
        self.shot("status-not-found")
        self.end()

    def certificates(self) -> None:
        # The receipt printer's slip: a terminal without an A4 printer (tour_a4.py walks the copy).
        restore = receipt_printer_only(self.kiosk)
        printer = self.kiosk.simulated.printer
        self.tile("certificates")
        self.place("bateer")
        self.wait_for_screen("cert_list")
        certificates = self.screen
        rows = certificates.ids.rows
        self.wait(lambda: len(rows.children) > 0, "the certificates")
        self.shot("cert-list")

        def print_first() -> None:
            self.app.go("cert_list")
            self.wait_for_screen("cert_list")
            self.wait(lambda: len(rows.children) > 0 and not certificates.loading, "the certificates")
            self.tap(next(r for r in reversed(rows.children) if r.printable))
            self.wait_for_screen("printing")

        # In progress: the virtual printer takes the job slowly, so the screen shows the job being sent.
        printer.set_fault(drain_bytes_per_s=300)
        print_first()
        printing = self.screen
        self.wait(lambda: printing.stage in ("sending", "confirming") or not printing.busy, "the job being sent")
        self.shot("printing")
        printer.clear_faults()
        self.wait(lambda: not printing.busy, "the print to end", timeout=60)
        self.shot("print-done")
        # Paper out: the job is refused before it is sent, and the printer is out of service.
        printer.set_state(paper="out")
        print_first()
        self.wait(lambda: not printing.busy, "the print to fail")
        self.shot("print-failed")
        self.app.go("cert_list")
        self.wait_for_screen("cert_list")
        self.wait(lambda: not certificates.loading, "the certificates")
        self.shot("cert-list-printer-out")
        self.app.go_home()
        self.kiosk.settle()
        self.shot("home-printer-out")
        printer.set_state(paper="ok")
        self.printer_back()
        # An uncertain job: the paper runs out mid-job; 补打 is offered once the printer can print.
        printer.set_fault(paper_out_after=40)
        print_first()
        self.wait(lambda: not printing.busy, "the uncertain print")
        self.shot("print-uncertain")
        printer.clear_faults()
        printer.set_state(paper="ok")
        self.printer_back()
        self.wait(lambda: printing.reprint_offered, "补打 offered")
        self.kiosk.settle()
        self.shot("reprint-offered")
        self.tap(printing.ids.reprint)
        self.wait(lambda: not printing.busy, "the 补打 printed", timeout=60)
        self.shot("reprint-done")
        self.end()
        restore()

    def rating(self, prefix: str, person: str) -> None:
        # 一次一评: each walk rates as another sample person.
        self.tile("rating")
        self.place(person)
        self.wait_for_screen("rating_pick")
        rows = self.screen.ids.rows
        self.wait(lambda: len(rows.children) > 0, "the applications to rate")
        self.shot(f"{prefix}rating-pick")
        self.tap(rows.children[-1])
        self.shot(f"{prefix}rating-levels")
        self.tap(self.screen.button_for("不满意"))
        reasons = self.screen
        self.wait(lambda: not reasons.loading, "the reasons")
        for button in reasons.reason_buttons()[:2]:
            self.tap(button)
        self.shot(f"{prefix}rating-reasons")
        self.tap(reasons.ids.next)
        if self.screens.current == "rating_comment":   # optional phrases, when the platform publishes them
            comment = self.screen
            self.tap(comment.phrase_buttons()[0])
            self.shot(f"{prefix}rating-comment")
            self.tap(comment.ids.next)
        self.shot(f"{prefix}rating-confirm")
        self.tap(self.screen.ids.submit)
        self.wait_for_screen("rating_thanks")
        self.shot(f"{prefix}rating-thanks")
        self.end()

    def rating_by_number(self, prefix: str = "") -> None:
        self.tile("rating")
        self.wait_for_screen("identify")
        self.tap(self.screen.ids.keypad_button)
        self.wait_for_screen("rating_keypad")
        for key in "150626000001" "0001":
            self.screen.press(key)
        self.shot(f"{prefix}rating-keypad")
        self.end()

    def guide(self, prefix: str) -> None:
        self.tile("guide")
        home = self.screens.get_screen("guide_home")
        self.wait(lambda: not home.ids.by_department.disabled, "the catalogue")
        self.tap(home.ids.by_department)
        self.shot(f"{prefix}guide-departments")
        rows = self.screen.ids.rows
        self.tap(next(r for r in reversed(rows.children) if type(r).__name__ == "GuideRow"))
        self.shot(f"{prefix}guide-item")
        self.app.go("guide_home")
        self.kiosk.settle()
        self.tap(home.ids.by_theme)
        self.shot(f"{prefix}guide-themes")
        self.tap(next(r for r in reversed(self.screen.ids.rows.children) if type(r).__name__ == "GuideRow"))
        self.shot(f"{prefix}guide-theme")
        self.end()

    def help_called(self) -> None:
        self.tile("help")
        help_screen = self.screen
        self.tap(help_screen.ids.call_staff)
        self.wait(lambda: help_screen.sent or not help_screen.sending, "the staff called")
        self.shot("help-called")
        self.end()

    def refused_cards(self) -> None:
        """Cards other than a valid resident card: an expired 港澳居民居住证 and a wrong check
        character (refused, saying where to go), a foreigner's permanent residence card (taken:
        every flow accepts it, kiosk/flows/identify.py)."""
        for state, person in (("card-expired", "chan"), ("card-bad-check", "badcheck"), ("card-foreign", "olga")):
            self.tile("certificates")
            self.place(person)
            self.identified()
            self.kiosk.pump(4)
            self.shot(state)
            self.end()

    def parts_out_of_order(self) -> None:
        simulated = self.kiosk.simulated
        services = self.kiosk.services
        # The platform: every call fails; the first failed call takes it out of order.
        simulated.platform.set_fault("error500")
        self.tile("status")
        self.place("bateer")
        self.wait(lambda: "platform" in services.out_of_order, "the platform out of order")
        self.end()
        self.shot("home-platform-offline")
        simulated.platform.clear_faults()
        self.wait(lambda: "platform" not in services.out_of_order, "the platform back", timeout=70)
        # The reader: unplugged.
        simulated.reader.unplug()
        self.wait(lambda: "reader" in services.out_of_order, "the reader out of order", timeout=20)
        self.kiosk.settle()
        self.shot("home-reader-out")
        simulated.reader.replug()
        self.wait(lambda: "reader" not in services.out_of_order, "the reader back", timeout=20)

    def idle(self, prefix: str) -> None:
        self.tile("help")
        self.countdown()
        self.shot(f"{prefix}idle-countdown")
        if prefix == "":
            self.kiosk.advance_idle(self.kiosk_clock, self.kiosk.services.config.ui.countdown_s)
            self.shot("session-wiped")
        self.end()

    def elder_help_from_a_flow(self) -> None:
        self.tile("guide")
        guide = self.screen
        self.wait(lambda: guide.ready or guide.message, "the catalogue")
        top_bar = next(w for w in guide.walk() if type(w).__name__ == "TopBar")
        self.tap(top_bar.ids.help_button)
        self.wait_for_screen("help")
        self.shot("elder-help-from-flow")
        self.end()

    def diagnostics(self, _prefix: str = "") -> None:
        from .diag_tour import diag_tour, pin_lockout

        diag_tour(self.kiosk, self.shot)
        pin_lockout(self.kiosk, self.shot)
