"""Composition root of the terminal's parts: the one place that decides real or simulated.

For every part the configuration marks `simulated = true` (the embedded default), the simulator
starts here, and the real driver is handed nothing but where to find it: the virtual reader's
pseudo-terminal as `[reader] port`, the virtual printer as a network printer on 127.0.0.1, the
virtual A4 printer's ipp://127.0.0.1:PORT/ipp/print as `[a4printer] uri`, the platform
simulator's address as `[platform] base_url`. Drivers and services never know.
This is the only product module that imports kiosk.sim (besides the command line's tools).

`start_terminal` does blocking work (opening ports, starting servers), so the app calls it from a
worker thread after the first frame is on screen; device events reach the UI through `deliver`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable

from .config import KioskConfig
from .services.parts import Parts
from .threads import Deliver

if TYPE_CHECKING:
    from .devices.idcard.events import ReaderListener
    from .platform.recovery import RecoveryProbe
    from .platform.status import PlatformStatus
    from .services.metrics.server import MetricsServer
    from .sim.a4printer_sim import VirtualA4Printer
    from .sim.idcard_sim import VirtualReader
    from .sim.platform_sim import PlatformSimulator
    from .sim.printer_sim import VirtualPrinter

log = logging.getLogger(__name__)


@dataclass
class Simulated:
    """The simulators standing in for parts; development keys and the tour drive them."""
    reader: VirtualReader | None = None
    printer: VirtualPrinter | None = None
    platform: PlatformSimulator | None = None
    a4printer: VirtualA4Printer | None = None

    def stop(self) -> None:
        for name, simulator in (("reader", self.reader), ("printer", self.printer), ("platform", self.platform),
                                ("a4printer", self.a4printer)):
            if simulator is None:
                continue
            try:
                simulator.stop()
            except Exception:
                log.exception("stopping the simulated %s failed", name)


@dataclass
class Terminal:
    """What the root started: the configuration the drivers got, the parts and their stand-ins."""
    config: KioskConfig
    parts: Parts
    simulated: Simulated = field(default_factory=Simulated)
    metrics: MetricsServer | None = None   # /metrics and /health; not a part: the kiosk serves without it
    recovery: RecoveryProbe | None = None  # asks an out-of-order platform again, soon (kiosk.platform.recovery)

    def stop(self) -> None:
        if self.recovery is not None:
            self.recovery.stop()
        if self.metrics is not None:
            self.metrics.stop()
        self.parts.stop()          # drivers first: they hold the simulators' ports and sockets
        self.simulated.stop()


def start_simulators(config: KioskConfig, problems: list[str], *, reader: bool = True, printer: bool = True,
                     platform: bool = True, a4printer: bool = True) -> tuple[KioskConfig, Simulated]:
    """Starts a simulator for each asked-for part marked simulated, and returns the configuration
    pointing at them. A simulator that fails is a problem of its part, as a missing device would be."""
    simulated = Simulated()
    if reader and config.reader.simulated:
        def virtual_reader():
            from .sim.idcard_sim import start_virtual_reader
            s = config.reader
            simulated.reader = start_virtual_reader(s.baud, processing_delay_s=s.sim_processing_delay_s,
                                                    read_delay_s=s.sim_read_delay_s)
            return replace(config, reader=replace(s, port=simulated.reader.port_path))
        config = _attempt("reader", virtual_reader, problems) or config
    if printer and config.printer.simulated:
        def virtual_printer():
            from .sim.printer_sim import start_virtual_printer
            s = config.printer
            simulated.printer = start_virtual_printer(s.output_dir, paper_width_mm=s.paper_width_mm)
            return replace(config, printer=replace(s, transport="network", host=simulated.printer.host,
                                                   port=simulated.printer.port))
        config = _attempt("printer", virtual_printer, problems) or config
    if a4printer and config.a4printer.installed and config.a4printer.simulated:
        def virtual_a4_printer():
            from .sim.a4printer_sim import start_virtual_a4_printer
            s = config.a4printer
            simulated.a4printer = start_virtual_a4_printer(s.output_dir, s.simulator_port, page_s=s.sim_page_s)
            return replace(config, a4printer=replace(s, uri=simulated.a4printer.uri))
        config = _attempt("a4printer", virtual_a4_printer, problems) or config
    if platform and config.platform.simulated:
        def platform_simulator():
            from .sim.platform_sim import start_platform_simulator
            s = config.platform
            simulated.platform = start_platform_simulator(s.secret, s.simulator_port,
                                                          satisfaction_codes=s.satisfaction_codes)
            return replace(config, platform=replace(s, base_url=simulated.platform.base_url))
        config = _attempt("platform", platform_simulator, problems) or config
    return config, simulated


def start_terminal(config: KioskConfig, deliver: Deliver, listener: ReaderListener,
                   platform_status: PlatformStatus | None = None) -> Terminal:
    """The app's parts: reader watcher, platform client, printer, then the rating and health services."""
    problems: list[str] = []
    config, simulated = start_simulators(config, problems)
    parts = Parts(problems=problems)

    def reader():
        from .devices.idcard.watcher import CardWatcher
        watcher = CardWatcher.from_settings(config.reader, deliver, listener)
        watcher.start()
        return watcher

    def ratings():
        from .services.ratings import open_rating_service
        return open_rating_service(config, parts.platform, deliver)

    def health():
        from .services.diagnostics import start_health
        return start_health(config, parts, deliver)

    parts.reader = _start_part(parts, "reader", reader)
    parts.platform = _start_part(parts, "platform", lambda: _platform_client(config, platform_status))
    parts.printer = _start_part(parts, "printer", lambda: _print_service(config, deliver))
    if config.a4printer.installed:
        parts.a4printer = _start_part(parts, "a4printer", lambda: _a4_print_service(config, deliver))
    parts.ratings = _attempt("ratings", ratings, problems)
    parts.health = _attempt("health", health, problems)
    recovery = None
    if parts.platform is not None and platform_status is not None:
        from .platform.recovery import RecoveryProbe
        recovery = RecoveryProbe(platform_status, parts.platform.server_time).start()
    from .services.metrics import start_metrics
    return Terminal(config, parts, simulated, metrics=start_metrics(config, parts), recovery=recovery)


def open_parts_for_checks(config: KioskConfig, *, reader: bool = True, printer: bool = True,
                          platform: bool = True, a4printer: bool = True) -> Terminal:
    """The parts for `kiosk diag` in a shell, built as the app builds them, except the reader,
    which the check opens itself (nobody else owns the port there). Simulated parts start inside
    the process running the checks, as they do inside the app."""
    problems: list[str] = []
    config, simulated = start_simulators(config, problems, reader=reader, printer=printer, platform=platform,
                                         a4printer=a4printer)
    parts = Parts(problems=problems)
    if platform:
        parts.platform = _start_part(parts, "platform", lambda: _platform_client(config, None))
    if printer:
        parts.printer = _start_part(parts, "printer", lambda: _print_service(config, _immediate))
    if a4printer and config.a4printer.installed:
        parts.a4printer = _start_part(parts, "a4printer", lambda: _a4_print_service(config, _immediate))
    return Terminal(config, parts, simulated)


def _platform_client(config: KioskConfig, status: PlatformStatus | None):
    from .platform.client import PlatformClient
    return PlatformClient(config.platform, config.terminal.terminal_id, status=status)


def _print_service(config: KioskConfig, deliver: Deliver):
    from .devices.printer.service import PrintService
    config.storage.data_dir.mkdir(parents=True, exist_ok=True)
    return PrintService(config.printer, config.storage.data_dir / "print_journal.db", deliver)


def _a4_print_service(config: KioskConfig, deliver: Deliver):
    from .devices.a4printer.service import A4PrintService
    config.storage.data_dir.mkdir(parents=True, exist_ok=True)
    return A4PrintService(config.a4printer, config.storage.data_dir / "a4_journal.db", deliver)


def _immediate(callback: Callable[[], None]) -> None:
    callback()


def _start_part(parts: Parts, name: str, build: Callable):
    """Builds a device or the platform client unless its simulator already failed."""
    if parts.problem_of(name):
        return None
    return _attempt(name, build, parts.problems)


def _attempt(name: str, build: Callable, problems: list[str]):
    """build(), or None with the failure recorded as the part's problem: one part that does not
    start must not keep the others (or the kiosk) from starting."""
    try:
        return build()
    except Exception as e:
        log.exception("%s could not start", name)
        problems.append(f"{name}: {e}")
        return None
