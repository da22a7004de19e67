"""A virtual GA 467 ID card reader on a pseudo-terminal.

It answers the protocol as a SAM does (see docs idcard-protocol.md): paced at the line's
baud rate (bytes * 10 / baud, both directions), with a configurable processing delay for
every command that touches the card and an extra one for the read command, card placement
and removal with the card-left-on-reader behaviour, sample cards of every type from
sample_people.json, and fault injection: faults of the reader (silence, SAM failure, read
failure, unplug) and of the line (damaged answers, or a noisy line damaging a share of them).

It only understands the driver when both sides use the same rate: it looks at the baud
rate the driver set on the pty (the termios of the slave side) and ignores requests sent
at another rate, as a real reader hears only noise then. Set baud changes its rate.

The commands and status codes are the driver's own tables (kiosk/devices/idcard/protocol.py):
`VirtualReader.ANSWERS` maps every Command to the method that answers it.

Unplug and replug: a pty cannot come back under the same /dev/pts name, so the reader is
published under a stable symlink (like /dev/serial/by-id/...), `port_path`. Unplugging
closes the pty (the driver's open port hangs up: reads return EOF/EIO) and removes the
link; replugging makes a new pty and points the link at it, so a driver reopening
`port_path` finds the reader again.

Command line: `kiosk sim idcard [--baud N] [--card KEY|FILE] ...` prints the port path as
the first line of stdout, then reads commands from stdin (`help` lists them).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import queue
import random
import select
import sys
import tempfile
import termios
import threading
import time
import tty
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.devices.idcard import frames
from kiosk.devices.idcard.card import PHOTO_LEN, build_appended_addresses, build_text_block
from kiosk.devices.idcard.protocol import BAUD_RATES, SET_BAUD_COMMANDS, Command, Outcome

SAMPLE_PEOPLE = Path(__file__).with_name("sample_people.json")
FAULTS = ("garbage", "checksum", "truncated", "flip", "bad_request", "silence", "sam_selftest", "read_fail",
          "unplug")
# What a noisy line does to an exchange: the request arrives damaged (the reader answers SW3 10 and
# does nothing), or the answer does (its checksum byte, one byte anywhere, or its tail lost).
NOISE_DAMAGE = ("bad_request", "checksum", "flip", "truncated")
_TERMIOS_BAUD = {getattr(termios, f"B{b}"): b for b in BAUD_RATES}
SAM_ID_RAW = ((5).to_bytes(2, "little") + (1).to_bytes(2, "little") + (20260101).to_bytes(4, "little")
              + (150626).to_bytes(4, "little") + (1000042).to_bytes(4, "little"))

# card state on the reader
NO_CARD, PRESENT, FOUND, SELECTED, READ = "no card", "present", "found", "selected", "read"


def load_people(path: Path = SAMPLE_PEOPLE) -> dict[str, dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    people = data["people"] if isinstance(data, dict) and "people" in data else data
    if isinstance(people, dict):
        people = [people]
    return {p.get("key", f"card{i}"): p for i, p in enumerate(people)}


def photo_for(person: dict) -> bytes:
    """1024 opaque bytes standing in for the card's WLT photo (not an image, never decoded)."""
    seed = (person.get("key") or person.get("id_number") or "card").encode()
    out = b""
    while len(out) < PHOTO_LEN:
        seed = hashlib.sha256(seed).digest()
        out += seed
    return out[:PHOTO_LEN]


@dataclass
class Card:
    person: dict
    text: bytes
    photo: bytes
    fingerprint: bytes
    appended: bytes
    chip: bytes

    @classmethod
    def of(cls, person: dict) -> "Card":
        chip = hashlib.sha256(json.dumps(person, sort_keys=True, ensure_ascii=False).encode()).digest()[:4]
        # 1024 opaque bytes of fingerprint data for people marked "fingerprint": true
        fp = hashlib.sha512(photo_for(person)).digest() * 16 if person.get("fingerprint") else b""
        return cls(person, build_text_block(person), photo_for(person), fp,
                   build_appended_addresses(person.get("appended_addresses", ())), chip)


@dataclass
class Stats:
    requests: int = 0
    ignored_bytes: int = 0       # bytes heard at the wrong baud rate or outside frames
    bytes_in: int = 0
    bytes_out: int = 0
    delay_s: float = 0.0         # processing delay applied so far
    corrupted: int = 0           # answers the noisy line damaged (set_noise)
    log: list = field(default_factory=list)


class VirtualReader:
    """The reader itself; start() opens the pty and the answering thread."""

    def __init__(self, baud: int = 115200, *, processing_delay_s: float = 0.01, read_delay_s: float = 0.15,
                 people: dict[str, dict] | None = None, link_dir: str | None = None, seed: int = 467):
        if baud not in BAUD_RATES:
            raise ValueError(f"baud {baud} not one of {sorted(BAUD_RATES)}")
        self.baud = baud
        self.processing_delay_s = processing_delay_s
        self.read_delay_s = read_delay_s
        self.people = people if people is not None else load_people()
        self._own_dir = link_dir is None
        self._dir = Path(link_dir or tempfile.mkdtemp(prefix="kiosk-idcard-"))
        self.port_path = str(self._dir / "idcard-reader")
        self.stats = Stats()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._card: Card | None = None
        self._state = NO_CARD
        self._fault: str | None = None
        self._fault_left: int | None = None
        self._fault_command: Command | None = None
        self._noise = 0.0
        self._noise_rng = random.Random(seed)
        self._master = self._slave = -1
        self.pty_name = ""
        self._ctl: queue.Queue = queue.Queue()
        self._wake_r, self._wake_w = os.pipe()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._parser = frames.FrameParser("request")

    # ---- control (any thread) -----------------------------------------------------------
    def start(self) -> "VirtualReader":
        self._plug()
        self._thread = threading.Thread(target=self._run, name="idcard-sim", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._wake()
        if self._thread is not None:
            self._thread.join(5)
        self._unplug()
        for fd in (self._wake_r, self._wake_w):
            try:
                os.close(fd)
            except OSError:
                pass
        if self._own_dir:
            try:
                self._dir.rmdir()
            except OSError:
                pass

    def place(self, card: str | dict) -> Card:
        """Places a card: a sample person's key, or a person dict in the sample_people.json shape."""
        person = self.people[card] if isinstance(card, str) else card
        c = Card.of(person)
        with self._lock:
            self._card, self._state = c, PRESENT
        return c

    def lift(self) -> None:
        with self._lock:
            self._card, self._state = None, NO_CARD

    @property
    def card_state(self) -> str:
        return self._state

    def set_fault(self, name: str | None, count: int | None = None, command: Command | None = None) -> None:
        """Injects a fault into the next `count` answers (None: until cleared), or with `command`
        into the next `count` answers to that command only. 'unplug' takes the port away at once;
        clearing it (set_fault(None)) plugs it back in."""
        if name is not None and name not in FAULTS:
            raise ValueError(f"unknown fault {name!r}; one of {', '.join(FAULTS)}")
        if name == "unplug":
            self._call("unplug")
        elif self._fault == "unplug":
            self._call("plug")
        with self._lock:
            self._fault, self._fault_left, self._fault_command = name, count, command

    def set_noise(self, percent: float) -> None:
        """Makes the line damage about `percent` % of the exchanges (0 stops it), each in one of
        the NOISE_DAMAGE ways, chosen by a seeded generator so a run can be repeated."""
        if not 0 <= percent <= 100:
            raise ValueError(f"noise of {percent} %: give 0 to 100")
        with self._lock:
            self._noise = percent / 100

    @property
    def noise_percent(self) -> float:
        return self._noise * 100

    def unplug(self) -> None:
        self.set_fault("unplug")

    def replug(self) -> None:
        if self._fault == "unplug":
            self.set_fault(None)

    @property
    def fault(self) -> str | None:
        return self._fault

    def _call(self, what: str) -> None:
        done = threading.Event()
        self._ctl.put((what, done))
        self._wake()
        if self._thread is None or not self._thread.is_alive():
            self._handle_ctl()
        done.wait(5)

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass

    # ---- pty (answering thread) ---------------------------------------------------------
    def _plug(self) -> None:
        master, slave = os.openpty()
        tty.setraw(slave)      # no echo or line editing before the driver configures the port
        attrs = termios.tcgetattr(slave)
        speed = getattr(termios, f"B{self.baud}")
        attrs[4] = attrs[5] = speed
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        os.set_blocking(master, False)
        self._master, self._slave = master, slave
        self.pty_name = os.ttyname(slave)
        tmp = self.port_path + ".new"
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        os.symlink(self.pty_name, tmp)
        os.replace(tmp, self.port_path)
        self._parser.reset()

    def _unplug(self) -> None:
        try:
            os.unlink(self.port_path)
        except FileNotFoundError:
            pass
        for fd in (self._master, self._slave):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._master = self._slave = -1

    def _handle_ctl(self) -> None:
        while True:
            try:
                what, done = self._ctl.get_nowait()
            except queue.Empty:
                return
            if what == "unplug" and self._master >= 0:
                self._unplug()
            elif what == "plug" and self._master < 0:
                self._plug()
            done.set()

    def _line_baud(self) -> int | None:
        try:
            return _TERMIOS_BAUD.get(termios.tcgetattr(self._slave)[4])
        except (termios.error, OSError):
            return None

    def _run(self) -> None:
        while not self._stopping.is_set():
            fds = [self._wake_r] + ([self._master] if self._master >= 0 else [])
            ready, _, _ = select.select(fds, [], [])
            if self._wake_r in ready:
                try:
                    os.read(self._wake_r, 4096)
                except BlockingIOError:
                    pass
                self._handle_ctl()
                continue
            if self._master < 0 or self._master not in ready:
                continue
            try:
                data = os.read(self._master, 4096)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                continue
            if self._line_baud() != self.baud:
                self.stats.ignored_bytes += len(data)   # garbled at the wrong rate
                self._parser.reset()
                continue
            before = self._parser.discarded_bytes
            for req in self._parser.feed(data):
                self._answer(req)
                if self._stopping.is_set() or self._master < 0:
                    break
            self.stats.ignored_bytes += self._parser.discarded_bytes - before

    def _pause(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)

    def _send(self, data: bytes) -> None:
        """Writes at the line's pace: chunks of about 5 ms of wire time on a fixed schedule."""
        per_byte = 10 / self.baud
        chunk = max(1, int(0.005 / per_byte))
        start = time.monotonic()
        sent = 0
        while sent < len(data) and not self._stopping.is_set() and self._master >= 0:
            piece = data[sent:sent + chunk]
            due = start + (sent + len(piece)) * per_byte
            self._pause(due - time.monotonic())
            try:
                os.write(self._master, piece)
            except BlockingIOError:
                select.select([], [self._master], [], 0.05)
                continue
            except OSError:
                return
            sent += len(piece)
        self.stats.bytes_out += sent

    def _answer(self, req: frames.Request) -> None:
        self.stats.requests += 1
        self.stats.bytes_in += req.wire_len
        # The request's bytes took their wire time to arrive; the pty delivered them at once.
        self._pause(req.wire_len * 10 / self.baud)
        fault = self._take_fault(Command.of(req.cmd, req.para))
        outcome, data, delay, new_baud = self._respond(req, fault)
        if delay:
            self.stats.delay_s += delay
            self._pause(delay)
        self.stats.log.append((time.monotonic(), req.cmd, req.para, outcome.value))
        del self.stats.log[:-200]
        if fault == "silence":
            return
        out = frames.build_response(outcome.value, data)
        if fault == "garbage":
            out = bytes(self._rng.randrange(256) for _ in range(self._rng.randrange(8, 25))) + out
        elif fault == "checksum":
            out = out[:-1] + bytes([out[-1] ^ 0x5A])
        elif fault == "truncated":
            out = out[:max(6, len(out) // 2)]
        elif fault == "flip":
            out = self._flip_one_byte(out)
        elif fault == "noise truncated":
            out = out[:self._noise_rng.randrange(1, len(out))]
        self._send(out)
        if new_baud:
            self.baud = new_baud

    def _take_fault(self, command: Command | None) -> str | None:
        """The fault this exchange suffers: the injected one (counted down), else the line's noise."""
        with self._lock:
            fault = self._fault
            if fault is not None and fault != "unplug" and self._fault_command not in (None, command):
                fault = None
            if fault is not None and fault != "unplug" and self._fault_left is not None:
                self._fault_left -= 1
                if self._fault_left <= 0:
                    self._fault, self._fault_left, self._fault_command = None, None, None
            if fault is None and self._noise and self._noise_rng.random() < self._noise:
                self.stats.corrupted += 1
                damage = self._noise_rng.choice(NOISE_DAMAGE)
                # a noisy line cuts an answer anywhere, not only in the middle
                fault = "noise truncated" if damage == "truncated" else damage
        return fault

    def _flip_one_byte(self, out: bytes) -> bytes:
        """One byte anywhere (preamble, length, status, data or checksum) changed to another value."""
        with self._lock:
            at, xor = self._noise_rng.randrange(len(out)), self._noise_rng.randrange(1, 256)
        return out[:at] + bytes([out[at] ^ xor]) + out[at + 1:]

    def _respond(self, req: frames.Request, fault: str | None) -> Answer:
        """Runs the card state machine for one request."""
        if fault == "sam_selftest":
            return Outcome.SAM_SELF_TEST_FAILED, b"", 0.0, None
        if fault == "bad_request":   # the request arrived damaged: the reader says so and does nothing
            return Outcome.TERMINAL_CHECKSUM_ERROR, b"", 0.0, None
        command = Command.of(req.cmd, req.para)
        answer = self.ANSWERS.get(command) if command is not None else None
        if answer is None:
            return Outcome.BAD_COMMAND, b"", 0.0, None
        with self._lock:
            return answer(self, command, fault)

    # Each answer runs under self._lock and returns (outcome, data, processing delay, new baud or None).
    def _sam_ok(self, command: Command, fault: str | None) -> Answer:
        return Outcome.SUCCESS, b"", 0.0, None

    def _sam_id(self, command: Command, fault: str | None) -> Answer:
        return Outcome.SUCCESS, SAM_ID_RAW, 0.0, None

    def _set_baud(self, command: Command, fault: str | None) -> Answer:
        return Outcome.SUCCESS, b"", 0.0, command.baud

    def _card_delay(self) -> float:
        """Commands that touch the card take the SAM's time only when there is a card to touch."""
        return self.processing_delay_s if self._card is not None else 0.0

    def _find_card(self, command: Command, fault: str | None) -> Answer:
        # A card already read in this placement is not new.
        if self._card is None or self._state == READ:
            return Outcome.NO_CARD, b"", self._card_delay(), None
        self._state = FOUND
        return Outcome.CARD_FOUND, self._card.chip, self.processing_delay_s, None

    def _select_card(self, command: Command, fault: str | None) -> Answer:
        if self._card is None or self._state not in (FOUND, SELECTED):
            return Outcome.SELECT_FAILED, b"", self._card_delay(), None
        self._state = SELECTED
        return Outcome.SUCCESS, bytes(8), self.processing_delay_s, None

    def _read_card(self, command: Command, fault: str | None) -> Answer:
        card = self._card
        if card is None or self._state not in (SELECTED, READ):
            return Outcome.READ_FAILED, b"", self._card_delay(), None
        delay = self.processing_delay_s + self.read_delay_s
        if fault == "read_fail":
            return Outcome.READ_FAILED, b"", delay, None
        self._state = READ
        parts = [card.text, card.photo]
        if command is Command.READ_TEXT_PHOTO_FINGERPRINT:
            parts.append(card.fingerprint)
        lengths = b"".join(len(p).to_bytes(2, "big") for p in parts)
        return Outcome.SUCCESS, lengths + b"".join(parts), delay, None

    def _appended_address(self, command: Command, fault: str | None) -> Answer:
        # Works while the selected or read card lies on the reader.
        card = self._card
        if card is None or self._state not in (SELECTED, READ):
            return Outcome.READ_FAILED, b"", self._card_delay(), None
        if not card.appended:
            return Outcome.NO_CONTENT, b"", self.processing_delay_s, None
        return Outcome.SUCCESS, card.appended, self.processing_delay_s, None

    ANSWERS = {
        Command.RESET_SAM: _sam_ok,
        Command.SAM_STATUS: _sam_ok,
        Command.SAM_ID: _sam_id,
        Command.FIND_CARD: _find_card,
        Command.SELECT_CARD: _select_card,
        Command.READ_TEXT_PHOTO: _read_card,
        Command.READ_TEXT_PHOTO_FINGERPRINT: _read_card,
        Command.READ_APPENDED_ADDRESS: _appended_address,
        **dict.fromkeys(SET_BAUD_COMMANDS, _set_baud),
    }


Answer = tuple[Outcome, bytes, float, int | None]

def start_virtual_reader(baud: int = 115200, *, processing_delay_s: float = 0.01, read_delay_s: float = 0.15,
                         card: str | dict | None = None, people: dict[str, dict] | None = None,
                         link_dir: str | None = None) -> VirtualReader:
    """In-process starter (composition root, tests). Returns the running reader; its
    `port_path` is what the driver opens; place/lift/set_fault/unplug/replug/stop control it."""
    reader = VirtualReader(baud, processing_delay_s=processing_delay_s, read_delay_s=read_delay_s,
                           people=people, link_dir=link_dir).start()
    if card is not None:
        reader.place(card)
    return reader


HELP = """commands:
  list                    sample cards (key, type, masked name)
  place KEY               place a sample card on the reader
  lift                    take the card off
  fault NAME [COUNT] [COMMAND]
                          inject a fault into the next COUNT answers (default: until cleared),
                          or only into answers to COMMAND (""" + ", ".join(c.name.lower() for c in Command
                                                                    if c not in SET_BAUD_COMMANDS) + """);
                          NAME: """ + ", ".join(FAULTS) + """
  clear                   clear the fault (plugs the reader back in after 'fault unplug')
  noise PERCENT           damage about PERCENT % of the exchanges (0 stops it)
  unplug | replug         pull / reinsert the USB cable
  status                  card state, fault, baud, counters
  quit"""


def _command(sim: VirtualReader, line: str) -> str | None:
    from kiosk.masking import mask_name
    words = line.split()
    if not words:
        return ""
    cmd, args = words[0].lower(), words[1:]
    if cmd in ("quit", "exit"):
        return None
    if cmd == "help":
        return HELP
    if cmd == "list":
        return "\n".join(f"{k:<10} {p.get('card_type', 'resident'):<24} {mask_name(p.get('name', ''))}"
                         for k, p in sim.people.items())
    if cmd == "place" and len(args) == 1:
        if args[0] not in sim.people:
            return f"error: no card {args[0]!r} (see list)"
        sim.place(args[0])
        return f"placed {args[0]} at {time.monotonic():.6f}"
    if cmd == "lift":
        sim.lift()
        return f"lifted at {time.monotonic():.6f}"
    if cmd == "fault" and 1 <= len(args) <= 3:
        try:
            count = int(args[1]) if len(args) > 1 else None
            command = Command[args[2].upper()] if len(args) > 2 else None
            sim.set_fault(args[0], count, command)
        except KeyError:
            return f"error: no command {args[2]!r} (see help)"
        except ValueError as exc:
            return f"error: {exc}"
        return f"fault {args[0]}"
    if cmd == "noise" and len(args) == 1:
        try:
            sim.set_noise(float(args[0]))
        except ValueError as exc:
            return f"error: {exc}"
        return f"noise {sim.noise_percent:g} %"
    if cmd == "clear":
        sim.set_fault(None)
        return "fault cleared"
    if cmd == "unplug":
        sim.unplug()
        return "unplugged"
    if cmd == "replug":
        sim.replug()
        return f"plugged in at {sim.port_path} -> {sim.pty_name}"
    if cmd == "status":
        s = sim.stats
        return (f"card: {sim.card_state}; fault: {sim.fault}; baud: {sim.baud}; requests: {s.requests}; "
                f"bytes in/out: {s.bytes_in}/{s.bytes_out}; ignored bytes: {s.ignored_bytes}; "
                f"noise: {sim.noise_percent:g} %, damaged answers: {s.corrupted}")
    return "error: unknown command (help lists them)"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="kiosk sim idcard", description="a virtual GA 467 ID card reader on a pty",
                                 epilog=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baud", type=int, default=115200, choices=sorted(BAUD_RATES))
    ap.add_argument("--card", help="card on the reader at start: a sample key, or a JSON file of one person")
    ap.add_argument("--people", type=Path, default=SAMPLE_PEOPLE, help="sample cards (sample_people.json shape)")
    ap.add_argument("--processing-delay", type=float, default=0.01, metavar="S",
                    help="SAM/card time per command that touches the card (default 0.01 s)")
    ap.add_argument("--read-delay", type=float, default=0.15, metavar="S",
                    help="extra time for the read command (default 0.15 s)")
    ap.add_argument("--link-dir", help="directory for the stable port symlink (default: a new temp dir)")
    args = ap.parse_args(argv)
    people = load_people(args.people)
    card = None
    if args.card:
        if args.card in people:
            card = args.card
        else:
            try:
                card = next(iter(load_people(Path(args.card)).values()))
            except (OSError, ValueError, StopIteration) as exc:
                print(f"kiosk sim idcard: cannot use --card {args.card}: {exc}", file=sys.stderr)
                return 2
    sim = start_virtual_reader(args.baud, processing_delay_s=args.processing_delay,
                               read_delay_s=args.read_delay, card=card, people=people, link_dir=args.link_dir)
    print(sim.port_path, flush=True)
    print(f"virtual ID card reader on {sim.pty_name} at {args.baud} baud; type 'help' for commands",
          file=sys.stderr, flush=True)
    from .console import serve_console
    return serve_console(lambda line: _command(sim, line), sim.stop)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
