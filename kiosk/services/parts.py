"""The terminal's parts (ID card reader, receipt printer, online platform), built from the
configuration. With the embedded default each part is its simulator, started in-process,
and the real drivers talk to it exactly as they would to hardware (pty, TCP, HTTP).

`start_parts` does blocking work (opening ports, starting servers), so the app calls it from
a worker thread after the first frame is on screen; device events reach the UI through `deliver`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable

from ..config import KioskConfig
from ..threads import Deliver

log = logging.getLogger(__name__)


@dataclass
class ReaderEvents:
    """What the UI wants to hear from the card reader (called on the UI thread)."""
    on_placed: Callable[[Any], None]
    on_removed: Callable[[], None]
    on_fault: Callable[[Exception], None]
    on_ready: Callable[[], None]
    on_read_failed: Callable[[Exception], None]
    on_detected: Callable[[], None]


@dataclass
class Parts:
    watcher: Any = None            # kiosk.devices.idcard.watcher.CardWatcher
    virtual_reader: Any = None     # kiosk.sim.idcard_sim.VirtualReader when [reader] kind = "virtual"
    platform: Any = None           # kiosk.platform.connection.PlatformConnection
    printer: Any = None            # the print service
    virtual_printer: Any = None    # kiosk.sim.printer_sim.VirtualPrinter when [printer] transport = "virtual"
    ratings: Any = None            # the 好差评 store and its uploader
    health: Any = None             # the heartbeat reporter
    problems: list[str] = field(default_factory=list)

    def stop(self) -> None:
        for name, stop in (("health", lambda: self.health.stop()),
                           ("ratings", lambda: self.ratings.close()),
                           ("watcher", lambda: self.watcher.stop()),
                           ("virtual reader", lambda: self.virtual_reader.stop()),
                           ("printer", lambda: self.printer.close()),
                           ("virtual printer", lambda: self.virtual_printer.stop()),
                           ("platform", lambda: self.platform.close())):
            try:
                stop()
            except AttributeError:
                pass  # that part was never built
            except Exception:
                log.exception("stopping the %s failed", name)


def start_parts(config: KioskConfig, deliver: Deliver, reader_events: ReaderEvents,
                platform_status: Any = None) -> Parts:
    parts = Parts()
    _start_reader(config, deliver, reader_events, parts)
    _start_platform(config, platform_status, parts)
    _start_printer(config, deliver, parts)
    from .diagnostics import start_health
    from .ratings import open_ratings

    _start_service(parts, "ratings", open_ratings, config, deliver)
    _start_service(parts, "health", start_health, config, deliver)
    return parts


def _start_service(parts: Parts, attribute: str, starter, config: KioskConfig, deliver: Deliver) -> None:
    """Starts a service that takes (config, parts, deliver); a failure is recorded, not fatal."""
    try:
        setattr(parts, attribute, starter(config, parts, deliver))
    except Exception as e:
        log.exception("%s could not start", attribute)
        parts.problems.append(f"{attribute}: {e}")


def _start_reader(config: KioskConfig, deliver: Deliver, events: ReaderEvents, parts: Parts) -> None:
    from ..devices.idcard.watcher import start_card_watcher

    try:
        parts.watcher, parts.virtual_reader = start_card_watcher(
            config.reader, deliver, on_placed=events.on_placed, on_removed=events.on_removed,
            on_fault=events.on_fault, on_ready=events.on_ready, on_read_failed=events.on_read_failed,
            on_detected=events.on_detected)
    except Exception as e:
        log.exception("card reader could not start")
        parts.problems.append(f"reader: {e}")


def _start_platform(config: KioskConfig, status: Any, parts: Parts) -> None:
    from ..platform.connection import open_platform
    try:
        parts.platform = open_platform(config.platform, config.terminal.terminal_id, status=status)
    except Exception as e:
        log.exception("platform client could not start")
        parts.problems.append(f"platform: {e}")


def _start_printer(config: KioskConfig, deliver: Deliver, parts: Parts) -> None:
    from ..devices.printer.service import PrintService

    try:
        address = None
        if config.printer.transport == "virtual":
            from ..sim.printer_sim import start_virtual_printer
            parts.virtual_printer = start_virtual_printer(config.printer.output_dir,
                                                          paper_width_mm=config.printer.paper_width_mm)
            address = (parts.virtual_printer.host, parts.virtual_printer.port)
        config.storage.data_dir.mkdir(parents=True, exist_ok=True)
        parts.printer = PrintService(config.printer, config.storage.data_dir / "print_journal.db", deliver,
                                     virtual_address=address)
    except Exception as e:
        log.exception("printer could not start")
        parts.problems.append(f"printer: {e}")
