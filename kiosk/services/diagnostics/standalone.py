"""The parts for `kiosk diag` in a shell: built from the configuration the way the app builds
them (kiosk.services.parts), except the reader, which the check opens itself (no watcher).
With the embedded default configuration the simulated devices live inside the process that
runs the checks, exactly as they live inside the app."""
from __future__ import annotations

import logging

from ...config import KioskConfig
from ..parts import Parts, _start_platform, _start_printer
from .context import DiagContext

log = logging.getLogger(__name__)


def _immediate(callback) -> None:
    callback()


def open_parts(config: KioskConfig, *, reader: bool = True, printer: bool = True,
               platform: bool = True) -> Parts:
    parts = Parts()
    if reader and config.reader.kind == "virtual":
        from ...sim.idcard_sim import start_virtual_reader
        try:
            parts.virtual_reader = start_virtual_reader(config.reader.baud,
                                                        processing_delay_s=config.reader.sim_processing_delay_s,
                                                        read_delay_s=config.reader.sim_read_delay_s)
        except Exception as exc:   # noqa: BLE001 - reported by the reader check
            parts.problems.append(f"reader: {exc}")
    if platform:
        _start_platform(config, None, parts)
    if printer:
        _start_printer(config, _immediate, parts)
    return parts


def standalone_context(config: KioskConfig, parts: Parts, **kwargs) -> DiagContext:
    return DiagContext(config, parts, in_app=False, **kwargs)
