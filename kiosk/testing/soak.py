"""The soak: citizens played through the real app, headless, one after another, for hours.

A HeadlessKiosk started with its parts (the real drivers against the virtual reader on a pty,
the virtual printer on TCP and the platform simulator over HTTP) is driven as a hall's day
would drive it: flows chosen at random with the weights of DAY below, faults switched on and off
on the simulators while it runs (FAULTS), and the idle clock (a ManualClock) moved forward so
abandoned sessions end by the idle timeout. Everything is drawn from one seeded generator, so a
run can be repeated.

Widgets are found by their kv ids (or a screen's own method when the id is gone), never by
their place in a layout: the screens may be restyled and the soak must not care.

A step that waits for the app and gets nothing in time is a *stuck* session (counted; the
driver ends the session as the idle timeout would and goes on). An exception raised out of the
app's frame loop, or reported to sys.excepthook / threading.excepthook, is *unhandled*: the
soak's one failure that must never happen. ERROR log records are counted separately (a fault
injected on purpose is allowed to log one).
"""
from __future__ import annotations

import logging
import random
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Callable

WAIT_S = 12.0          # longer than the platform's read timeout (a hang fault)
IDLE_EXTRA_S = 3.0

# A hall's day: what citizens come for, in proportion (product.md's flows; abandoned sessions
# are citizens who walk away and leave the screen to the idle timeout).
DAY: tuple[tuple[str, int], ...] = (
    ("status_by_card", 22), ("status_by_number", 10), ("receipt", 12), ("certificate", 9),
    ("rating_by_card", 8), ("rating_by_number", 6), ("guide", 12), ("help", 4), ("mobile", 3),
    ("refused_card", 3), ("abandoned", 11),
)

# Faults switched on, then off a few sessions later (name: simulator part).
FAULTS = ("paper_out", "cover_open", "paper_out_mid_job", "reader_unplugged", "reader_garbled",
          "platform_hang", "platform_500", "platform_offline", "platform_corrupt",
          "a4_paper_out", "a4_jam_mid_job", "a4_door_open")
A4_SCREENS = ("a4_printing", "a4_done", "a4_failed")
FAULT_CHANCE = 0.06    # of switching a fault on, before each session
CLEAR_CHANCE = 0.35    # of switching an active fault off, before each session
from ..services.ratings.domain import LEVELS   # best first, as the platform lists them
REFUSED_PEOPLE = ("badcheck", "chan", "smith")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "淑芬秀英桂兰玉梅建国志强海军春花宝音其其格乌云那仁图雅斯琴额尔敦巴雅尔萨仁"


class Stuck(Exception):
    """The app did not get where a citizen would expect in time (not an app failure by itself)."""


@dataclass
class SoakTally:
    sessions: int = 0
    by_flow: dict[str, int] = field(default_factory=dict)
    stuck: list[str] = field(default_factory=list)          # "flow: what was awaited (on screen)"
    unhandled: list[str] = field(default_factory=list)      # tracebacks
    error_records: int = 0
    faults_injected: dict[str, int] = field(default_factory=dict)
    idle_timeouts: int = 0
    prints: int = 0
    ratings_submitted: int = 0
    seconds_by_flow: dict[str, float] = field(default_factory=dict)
    people: set[str] = field(default_factory=set)           # every name and ID number placed on the reader


class ErrorCounter(logging.Handler):
    """Counts ERROR records (root logger) and unhandled exceptions of threads and the process."""

    def __init__(self, tally: SoakTally):
        super().__init__(level=logging.ERROR)
        self.tally = tally
        self.messages: list[str] = []
        self._old_sys = self._old_thread = None

    def emit(self, record: logging.LogRecord) -> None:
        self.tally.error_records += 1
        if len(self.messages) < 200:
            self.messages.append(f"{record.name}: {record.getMessage()}"[:300])

    def install(self) -> "ErrorCounter":
        logging.getLogger().addHandler(self)
        self._old_sys, self._old_thread = sys.excepthook, threading.excepthook

        def on_process(kind, value, tb):
            self.tally.unhandled.append("".join(traceback.format_exception(kind, value, tb)))
            self._old_sys(kind, value, tb)

        def on_thread(args):
            self.tally.unhandled.append(f"thread {args.thread.name if args.thread else '?'}: " + "".join(
                traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)))
            self._old_thread(args)

        sys.excepthook, threading.excepthook = on_process, on_thread
        return self

    def remove(self) -> None:
        logging.getLogger().removeHandler(self)
        if self._old_sys is not None:
            sys.excepthook, threading.excepthook = self._old_sys, self._old_thread


def id_number(rng: random.Random) -> str:
    """A well-formed 居民身份证号码 (GB 11643 check character) of 乌审旗, nobody's."""
    birth = f"{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = f"150626{birth}{rng.randint(0, 999):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
    return body + check


class SoakDriver:
    def __init__(self, kiosk, clock, seed: int = 18, *, faults: bool = True, fade: bool = False,
                 fault_chance: float = FAULT_CHANCE):
        """`kiosk`: a HeadlessKiosk started with start_devices=True and `clock` as its idle clock.
        `fade`: keep the app's screen transition (slower: 0.15 s per screen change)."""
        from kivy.uix.screenmanager import NoTransition

        self.kiosk, self.app, self.clock = kiosk, kiosk.app, clock
        self.rng = random.Random(seed)
        self.faults_on, self.fault_chance = faults, fault_chance
        self.tally = SoakTally()
        self.active: dict[str, int] = {}        # fault -> sessions it has been on
        if not fade:
            self.app.screen_manager.transition = NoTransition()
        sim = kiosk.simulated
        self.people = {k: p for k, p in sim.reader.people.items()}
        self.valid_people = [k for k in self.people if k not in REFUSED_PEOPLE]
        self.numbers = sorted(sim.platform.data.applications_by_no)
        self._flow = ""

    # running -------------------------------------------------------------------------------------
    def run(self, sessions: int, on_session: Callable[[SoakTally], None] | None = None) -> SoakTally:
        counter = ErrorCounter(self.tally).install()
        try:
            for _ in range(sessions):
                self.one_session()
                if on_session is not None:
                    on_session(self.tally)
            self.clear_all_faults()
            self.quiesce()
        finally:
            counter.remove()
            self.error_messages = counter.messages
        return self.tally

    def one_session(self) -> None:
        if self.faults_on:
            self.switch_faults()
        names, weights = zip(*DAY)
        flow = self.rng.choices(names, weights)[0]
        self._flow = flow
        self.tally.by_flow[flow] = self.tally.by_flow.get(flow, 0) + 1
        started = time.monotonic()
        try:
            getattr(self, flow)()
        except Stuck as e:
            self.tally.stuck.append(f"{flow}: {e}")
        except Exception:   # raised out of the app's frame loop (or the driver): never expected
            self.tally.unhandled.append(f"{flow}: {traceback.format_exc()}")
        try:
            self.leave()
        except Exception:
            self.tally.unhandled.append(f"{flow} (leaving): {traceback.format_exc()}")
        self.trim_simulator_history()
        self.tally.sessions += 1
        self.tally.seconds_by_flow[flow] = self.tally.seconds_by_flow.get(flow, 0.0) + time.monotonic() - started

    def leave(self) -> None:
        """The citizen goes: the card taken away, the session ended as a flow's end ends it."""
        reader = self.kiosk.simulated.reader
        if reader.card_state != "no card":
            reader.lift()
            self.kiosk.wait_until(lambda: not self.app.card_on_reader, timeout=3)
        if not self.app.is_pristine:
            self.app.end_session()
        self.kiosk.pump(2)

    def trim_simulator_history(self, keep: int = 20) -> None:
        """The simulators keep what they received for tests to read (every receipt decoded, every
        A4 job's PDF, every IPP request): in a soak of thousands that is the test doubles' memory
        growing, not the kiosk's, and it would hide a leak of the kiosk's own. The promises checked
        at the end read the kiosk's journal and the platform's ratings, which are kept whole."""
        simulated = self.kiosk.simulated
        for simulator, names in ((simulated.printer, ("jobs", "status_queries")),
                                 (simulated.a4printer, ("jobs", "requests"))):
            if simulator is None:
                continue
            lock = getattr(simulator, "_lock", None)
            with lock if lock is not None else _nothing():
                for name in names:
                    history = getattr(simulator, name, None)
                    if isinstance(history, list) and len(history) > keep:
                        # A job still running stays (the kiosk asks the A4 printer about it by id).
                        history[:] = [e for e in history[:-keep] if getattr(e, "ended", True) is False] \
                            + history[-keep:]

    def quiesce(self, timeout: float = 60.0) -> None:
        """After the last citizen: print jobs ended and the ratings outbox sent (or given up)."""
        services = self.kiosk.services
        printer = services.printer

        def quiet() -> bool:
            busy = False
            for part in (printer, services.a4printer):
                counts = part.journal.counts() if part is not None else {}
                busy = busy or counts.get("queued", 0) + counts.get("sending", 0) > 0
            ratings = services.ratings
            return not busy and (ratings is None or ratings.unsent() == 0)

        if services.ratings is not None:
            services.ratings.upload_now()
        self.kiosk.wait_until(quiet, timeout=timeout)

    # faults --------------------------------------------------------------------------------------
    def switch_faults(self) -> None:
        for name in list(self.active):
            self.active[name] += 1
            if self.rng.random() < CLEAR_CHANCE:
                self.clear_fault(name)
        if self.rng.random() < self.fault_chance:
            name = self.rng.choice([f for f in FAULTS if f not in self.active])
            self.inject(name)

    def inject(self, name: str) -> None:
        sim = self.kiosk.simulated
        self.tally.faults_injected[name] = self.tally.faults_injected.get(name, 0) + 1
        self.active[name] = 0
        if name == "paper_out":
            sim.printer.set_state(paper="out")
        elif name == "cover_open":
            sim.printer.set_state(cover_open=True)
        elif name == "paper_out_mid_job":
            sim.printer.set_fault(paper_out_after=40)
        elif name == "reader_unplugged":
            sim.reader.unplug()
        elif name == "reader_garbled":
            sim.reader.set_fault("garbage", count=3)
        elif name == "platform_hang":      # the client gives up after its read timeout
            sim.platform.set_fault("hang", seconds=10, times=2)
        elif name == "platform_500":
            sim.platform.set_fault("error500")
        elif name == "platform_offline":   # the connection dropped with no answer, on every call
            sim.platform.set_fault("hang", seconds=0.01)
        elif name == "platform_corrupt":
            sim.platform.set_fault("malformed", times=3)
        elif sim.a4printer is None:
            pass                               # a terminal without an A4 printer
        elif name == "a4_paper_out":
            sim.a4printer.set_state(paper="out")
        elif name == "a4_jam_mid_job":       # the next job jams after its first page: an uncertain job
            sim.a4printer.set_fault(jam_after_pages=1)
        elif name == "a4_door_open":
            sim.a4printer.set_state(door_open=True)

    def clear_fault(self, name: str) -> None:
        sim = self.kiosk.simulated
        self.active.pop(name, None)
        if name in ("paper_out", "paper_out_mid_job"):
            sim.printer.clear_faults()
            sim.printer.set_state(paper="ok")
        elif name == "cover_open":
            sim.printer.set_state(cover_open=False)
        elif name == "reader_unplugged":
            sim.reader.replug()
        elif name == "reader_garbled":
            sim.reader.set_fault(None)
        elif name.startswith("platform_"):
            sim.platform.clear_faults()
        elif name.startswith("a4_") and sim.a4printer is not None:
            sim.a4printer.clear()

    def clear_all_faults(self) -> None:
        for name in list(self.active):
            self.clear_fault(name)
        sim = self.kiosk.simulated
        sim.printer.clear_faults()
        sim.printer.set_state(paper="ok", cover_open=False)
        sim.platform.clear_faults()
        if sim.a4printer is not None:
            sim.a4printer.clear()
        if sim.reader.fault is not None:
            sim.reader.set_fault(None)

    # helpers -------------------------------------------------------------------------------------
    @property
    def current(self) -> str:
        return self.app.screen_manager.current

    @property
    def screen(self):
        return self.app.screen_manager.current_screen

    def wait(self, predicate: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
        if not self.kiosk.wait_until(predicate, timeout=timeout):
            raise Stuck(f"{what} (on {self.current})")

    def on(self, *screens: str, timeout: float = WAIT_S) -> str:
        self.wait(lambda: self.current in screens, "/".join(screens), timeout)
        self.kiosk.pump(1)
        return self.current

    def tap(self, widget) -> None:
        self.kiosk.tap(widget)

    def tap_id(self, screen, name: str, fallback: Callable[[], None] | None = None) -> None:
        """The widget of kv id `name` tapped; when a restyle dropped the id, the screen's own action."""
        widget = screen.ids.get(name)
        if widget is not None and not getattr(widget, "disabled", False):
            self.tap(widget)
        elif fallback is not None:
            fallback()
            self.kiosk.pump(2)
        else:
            raise Stuck(f"no button {name!r}")

    def flow(self, key: str) -> bool:
        """Starts the flow as its home tile would; False when the home screen does not offer it now."""
        found = next((f for f in self.app.flows if f.key == key), None)
        if found is None:
            return False
        self.app.start_flow(found)
        self.kiosk.pump(2)
        return True

    def some_person(self, fresh: bool = False) -> dict:
        """A sample person, or (fresh) somebody new with a well-formed number: 一次一评 never runs out."""
        if fresh:
            person = dict(self.people[self.rng.choice(self.valid_people)])
            person.update(key=f"soak{self.tally.sessions}", id_number=id_number(self.rng),
                          name=self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, 2)))
        else:
            person = self.people[self.rng.choice(self.valid_people)]
        self.tally.people.update((person["name"], person["id_number"]))
        return person

    def place(self, person) -> None:
        self.kiosk.simulated.reader.place(person)

    def after_card(self, next_screen: str) -> None:
        """Waits for the flow to go on with the card placed, or for the identify screen to say why
        not (a refused card, a reader fault): then the citizen stays on identify."""
        identify = self.app.screen_manager.get_screen("identify")
        waiting = ("reader.place_card", "reader.reading", "identify.welcome")
        self.wait(lambda: self.current == next_screen
                  or (self.current == "identify" and identify.message_key not in waiting),
                  f"the card read, then {next_screen}")
        self.kiosk.pump(1)

    def rows(self, screen) -> list:
        """A list's rows, top first."""
        return list(reversed(screen.ids.rows.children))

    def finish(self) -> None:
        """Done: the rating offer declined or taken (rarely), the card taken."""
        self.app.finish_flow()
        self.kiosk.pump(2)
        if self.current == "rating_offer":
            if self.rng.random() < 0.2:
                self.tap_id(self.screen, "rate", self.screen.rate)
                if self.current == "identify":   # looked up by number: the card says who rates
                    self.place(self.some_person())
                    self.after_card("rating_levels")
                    if self.current != "rating_levels":
                        return                   # the card refused, or the reader out: the citizen goes
                self.rate_steps()
                return
            self.tap_id(self.screen, "decline", self.screen.decline)

    def rate_steps(self) -> None:
        """From the levels to the thanks: a level, reasons when it is a bad one, maybe phrases."""
        self.on("rating_levels")
        levels = self.screen
        if getattr(levels, "already", ""):
            return      # rated before (一次一评): the screen says when
        # The levels in the platform's order, best first; most citizens are content.
        level = self.rng.choices(LEVELS, (50, 25, 10, 10, 5))[0]
        try:
            self.tap(levels.button_for(level))
        except StopIteration:
            levels.choose(level)
        name = self.on("rating_reasons", "rating_comment", "rating_confirm")
        if name == "rating_reasons":
            reasons = self.screen
            self.wait(lambda: not reasons.loading, "the reasons")
            buttons = reasons.reason_buttons()
            if not buttons:
                raise Stuck("no reasons offered")
            for button in self.rng.sample(buttons, min(len(buttons), self.rng.randint(1, 2))):
                self.tap(button)
            self.tap_id(reasons, "next", reasons.next)
            name = self.on("rating_comment", "rating_confirm")
        if name == "rating_comment":
            comment = self.screen
            phrases = comment.phrase_buttons()
            if phrases and self.rng.random() < 0.5:
                self.tap(self.rng.choice(phrases))
            self.tap_id(comment, "next", comment.next)
            self.on("rating_confirm")
        confirm = self.screen
        self.tap_id(confirm, "submit", confirm.submit)
        self.on("rating_thanks", timeout=WAIT_S)
        self.tally.ratings_submitted += 1
        if self.rng.random() < 0.15:
            self.print_from(self.screen, "print_slip", self.screen.print_slip)

    def print_from(self, screen, button: str, fallback: Callable[[], None]) -> None:
        """A print started from `screen`; waits for its end and takes a 补打 when one is offered."""
        if not (self.app.printer_ready or self.app.a4printer_ready) or screen.ids.get(button) is None:
            return      # the button is hidden while no printer can print
        self.tap_id(screen, button, fallback)
        if self.current == "a4_choose":      # both printers work: the slip mostly, A4 for a paper to hand in
            choose = self.screen
            paper = "a4_printer" if self.rng.random() < 0.3 else "receipt_printer"
            self.tap_id(choose, paper, lambda: choose.choose("a4" if paper == "a4_printer" else "receipt"))
            self.kiosk.pump(2)
        if self.current in A4_SCREENS:
            return self.a4_job()
        if self.current != "printing":
            return
        printing = self.screen
        self.tally.prints += 1
        self.wait(lambda: not printing.busy, "the print", timeout=40)
        if printing.reprint_offered:
            self.tap_id(printing, "reprint", printing.reprint)
            self.wait(lambda: not printing.busy, "the 补打", timeout=40)

    def a4_job(self) -> None:
        """An A4 job followed to its end (done, or failed saying why); a 补打 taken when offered."""
        self.tally.prints += 1
        name = self.on("a4_done", "a4_failed", timeout=60)
        if name == "a4_failed" and self.screen.reprint_offered and self.app.a4printer_ready:
            failed = self.screen
            self.tap_id(failed, "reprint", failed.reprint)
            self.kiosk.pump(2)
            self.on("a4_done", "a4_failed", timeout=60)

    # the citizens --------------------------------------------------------------------------------
    def status_by_card(self, receipt: bool = False) -> None:
        if not self.flow("receipts" if receipt else "status"):
            return
        self.on("identify")
        self.place(self.some_person())
        self.after_card("status_list")
        if self.current == "identify":
            return self.reader_trouble()
        self._status_list(receipt)

    def _status_list(self, receipt: bool) -> None:
        status_list = self.screen
        self.wait(lambda: not status_list.loading, "the applications")
        rows = self.rows(status_list)
        if not rows:
            return
        self.tap(self.rng.choice(rows))
        self.on("status_detail")
        if receipt or self.rng.random() < 0.1:
            self.print_from(self.screen, "print_receipt", lambda: self.app.print_receipt(
                self.app.services.session.application))
        if self.current in ("status_detail", "printing", *A4_SCREENS):
            self.finish()

    def receipt(self) -> None:
        self.status_by_card(receipt=True)

    def status_by_number(self) -> None:
        if not self.flow("status"):
            return
        self.on("identify")
        self.tap_id(self.screen, "keypad_button", lambda: self.app.go(self.screen.keypad_screen))
        self.on("status_keypad")
        keypad = self.screen
        number = self.rng.choice(self.numbers) if self.rng.random() < 0.85 else "150626-20261125-999999"
        if self.rng.random() < 0.1:     # a slip of the finger, corrected
            keypad.press("7")
            keypad.press("del")
        for key in number:
            keypad.press(key)
        self.tap_id(keypad, "search", keypad.search)
        self.on("status_list")
        self._status_list(receipt=False)

    def certificate(self) -> None:
        if not self.flow("certificates"):
            return
        self.on("identify")
        self.place(self.some_person())
        self.after_card("cert_list")
        if self.current == "identify":
            return self.reader_trouble()
        certificates = self.screen
        self.wait(lambda: not certificates.loading, "the certificates")
        printable = [r for r in self.rows(certificates) if getattr(r, "printable", False)]
        if printable and (self.app.printer_ready or self.app.a4printer_ready):
            self.tap(self.rng.choice(printable))
            self.kiosk.pump(2)
            if self.current in A4_SCREENS:      # the copy on the A4 printer
                self.a4_job()
            elif self.current == "printing":
                printing = self.screen
                self.tally.prints += 1
                self.wait(lambda: not printing.busy, "the certificate printed", timeout=40)
                if printing.reprint_offered:
                    self.tap_id(printing, "reprint", printing.reprint)
                    self.wait(lambda: not printing.busy, "the 补打", timeout=40)
        self.finish()

    def rating_by_card(self) -> None:
        if not self.flow("rating"):
            return
        self.on("identify")
        self.place(self.some_person())
        self.after_card("rating_pick")
        if self.current == "identify":
            return self.reader_trouble()
        pick = self.screen
        self.wait(lambda: not pick.loading, "the applications to rate")
        rated = self.app.t("rating.rated_mark")
        rows = [r for r in self.rows(pick) if getattr(r, "status", "") != rated]
        if not rows:
            return      # all rated already (一次一评) or the platform is away: the citizen goes
        self.tap(self.rng.choice(rows))
        if self.current == "rating_levels":
            self.rate_steps()

    def rating_by_number(self) -> None:
        """Somebody new rates a 办件 by its number: ratings never run out (一次一评 per person)."""
        if not self.flow("rating"):
            return
        self.on("identify")
        self.place(self.some_person(fresh=True))
        self.after_card("rating_pick")
        if self.current == "identify":
            return self.reader_trouble()
        pick = self.screen
        self.wait(lambda: not pick.loading, "the applications to rate")
        self.app.go("rating_keypad")       # the new person has no applications: 输入办件编号
        self.kiosk.pump(2)
        keypad = self.screen
        for key in self.rng.choice(self.numbers):
            keypad.press(key)
        self.tap_id(keypad, "next", keypad.next)
        self.on("rating_levels", "rating_keypad")
        if self.current == "rating_keypad":
            self.wait(lambda: not keypad.busy, "the number checked")
        if self.current == "rating_levels":
            self.rate_steps()

    def guide(self) -> None:
        if not self.flow("guide"):
            return
        self.on("guide_home")
        home = self.screen
        way = self.rng.choice(("by_department", "by_theme"))
        self.wait(lambda: home.ids.get(way) is None or not home.ids[way].disabled
                  or bool(getattr(home, "message", "")), "the catalogue")
        if home.ids.get(way) is None or home.ids[way].disabled:
            return      # the catalogue could not be fetched: the screen says where to ask
        self.tap(home.ids[way])
        self.on("guide_list")
        rows = [r for r in self.rows(self.screen) if type(r).__name__ == "GuideRow"]
        if rows:
            self.tap(self.rng.choice(rows))
            if self.current == "guide_list":     # a theme or department: its items
                rows = [r for r in self.rows(self.screen) if type(r).__name__ == "GuideRow"]
                if rows:
                    self.tap(self.rng.choice(rows))

    def help(self) -> None:
        if not self.flow("help"):
            return
        self.on("help")
        screen = self.screen
        if screen.ids.get("call_staff") is not None and not screen.ids.call_staff.disabled:
            self.tap(screen.ids.call_staff)
            self.wait(lambda: screen.sent or not screen.sending, "the staff called")

    def mobile(self) -> None:
        if self.flow("mobile"):
            self.on("mobile")

    def refused_card(self) -> None:
        if not self.flow("certificates"):
            return
        self.on("identify")
        person = self.people[self.rng.choice(REFUSED_PEOPLE)]
        self.tally.people.update((person["name"], person["id_number"]))
        self.place(person)
        identify = self.screen
        self.wait(lambda: identify.masked_name != "" or identify.message_key not in
                  ("reader.place_card", "reader.reading"), "the card read")

    def abandoned(self) -> None:
        """Somebody starts, then walks away; the countdown, then the wipe, end the session."""
        choice = self.rng.choice(("status", "guide", "rating", "help"))
        if not self.flow(choice):
            return
        self.kiosk.pump(2)
        if choice in ("status", "rating") and self.rng.random() < 0.5 and self.current == "identify":
            self.place(self.some_person())
            self.kiosk.wait_until(lambda: self.current != "identify", timeout=3)
            self.kiosk.simulated.reader.lift()   # walked away with the card, left the screen
        idle = self.kiosk.services.idle
        self.kiosk.advance_idle(self.clock, idle.timeout + IDLE_EXTRA_S)
        self.kiosk.advance_idle(self.clock, self.app.services.config.ui.countdown_s + IDLE_EXTRA_S)
        self.wait(lambda: self.current == "home" and self.app.services.session.is_empty, "the idle wipe")
        self.tally.idle_timeouts += 1

    def reader_trouble(self) -> None:
        """The card was not read (a reader fault injected, or a refused card): the citizen goes."""
        return


def _nothing():
    import contextlib
    return contextlib.nullcontext()


# the kiosk a soak runs ---------------------------------------------------------------------------
def soak_config(config, scratch):
    """`config` with its files (SQLite, logs, printouts) under `scratch`, short platform timeouts
    (a hang costs the soak seconds, not minutes) and no way out of the window."""
    import dataclasses
    from pathlib import Path

    scratch = Path(scratch)
    replace = dataclasses.replace
    return replace(
        config, storage=replace(config.storage, data_dir=scratch / "data"),
        logging=replace(config.logging, dir=scratch / "log"),
        printer=replace(config.printer, output_dir=str(scratch / "prints")),
        a4printer=replace(config.a4printer, output_dir=str(scratch / "prints")),
        platform=replace(config.platform, read_timeout_s=1.0, connect_timeout_s=0.5, retries=0),
        # The card read stays 0.2 s instead of 1.5 s: the soak drives time forward, as it does the idle clock.
        ui=replace(config.ui, fullscreen=False, allow_exit=False, show_identity_s=0.2))


def open_soak(config, scratch, seed: int = 18, **driver_options):
    """(HeadlessKiosk with its parts, SoakDriver, the log file handler): logging as `kiosk run`
    sets it up (the personal-data mask on the file), into scratch/log/kiosk.log."""
    from ..logs import setup_logging
    from .clock import ManualClock
    from .harness import HeadlessKiosk

    config = soak_config(config, scratch)
    handler = setup_logging(config.logging.dir, "INFO", console=False)
    clock = ManualClock()
    kiosk = HeadlessKiosk(config, clock=clock, start_devices=True)
    if kiosk.services.parts is None or kiosk.services.parts.problems:
        problems = kiosk.services.parts.problems if kiosk.services.parts else ["parts did not start"]
        kiosk.close()
        logging.getLogger().removeHandler(handler)
        raise RuntimeError(f"soak: parts did not start: {problems}")
    return kiosk, SoakDriver(kiosk, clock, seed, **driver_options), handler


# what must always hold -----------------------------------------------------------------------------
def broken_promises(kiosk, tally: SoakTally, log_dir) -> list[str]:
    """What the soak found that must never be, as lines (empty: all held). Call after
    SoakDriver.run (faults cleared, the outbox and the printer quiet, the last session ended)."""
    from pathlib import Path

    from ..logs import personal_values

    problems = [f"unhandled exception: {t.strip().splitlines()[-1]}" for t in tally.unhandled]
    services = kiosk.services
    # 好差评: every rating stored is on the platform exactly once (its idempotency key), none left behind.
    ratings = services.ratings
    if ratings is not None:
        outbox = ratings.outbox
        confirmed = outbox.keys("confirmed")
        pending = outbox.keys("pending")
        received = [r["idempotency_key"] for r in kiosk.simulated.platform.ratings]
        if len(confirmed) != len(set(confirmed)):
            problems.append("a rating is confirmed twice in the outbox")
        if sorted(received) != sorted(set(received)):
            problems.append("the platform holds a rating twice")
        missing = set(confirmed) - set(received)
        extra = set(received) - set(confirmed)
        if missing:
            problems.append(f"{len(missing)} rating(s) confirmed but not on the platform")
        if extra:
            problems.append(f"{len(extra)} rating(s) on the platform the outbox does not know as confirmed")
        if pending:
            problems.append(f"{len(pending)} rating(s) still pending after the platform came back")
        slots = [(r["application_no"], r["evaluator"]["id_number"], r["rating_count"])
                 for r in kiosk.simulated.platform.ratings]
        if len(slots) != len(set(slots)):
            problems.append("one person rated one 办件 twice (一次一评)")
    # Print jobs: each one printed, or (its outcome unknown) offered as 补打; none left half-way.
    printer = services.printer
    if printer is not None:
        counts = printer.journal.counts()
        if counts.get("queued", 0) or counts.get("sending", 0):
            problems.append(f"print jobs left half-way: {counts}")
        offered = len(printer.pending_reprints())
        if counts.get("uncertain", 0) != offered:
            problems.append(f"{counts.get('uncertain', 0) - offered} uncertain print job(s) not offered as 补打")
    # A4 jobs: the same promise, in the A4 printer's own journal.
    a4printer = services.a4printer
    if a4printer is not None:
        counts = a4printer.journal.counts()
        busy = {state: n for state, n in counts.items() if state in ("queued", "sending")}
        if busy:
            problems.append(f"A4 jobs left half-way: {busy}")
        offered = len(a4printer.pending_reprints())
        if counts.get("uncertain", 0) != offered:
            problems.append(f"{counts.get('uncertain', 0) - offered} uncertain A4 job(s) not offered as 补打")
    # Nothing personal left after the last wipe: the session, the masking registry, the log in clear.
    if not services.session.is_empty:
        problems.append("the session is not empty after the last wipe")
    if personal_values.snapshot():
        problems.append(f"{len(personal_values.snapshot())} personal value(s) still registered after the wipe")
    for path in sorted(Path(log_dir).glob("kiosk.log*")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found = sorted(value for value in tally.people if value and value in text)
        if found:
            problems.append(f"{path.name} holds {len(found)} personal value(s) in clear")
    return problems
