"""[diagnostics]: the technicians' hidden mode and the health heartbeat."""
from dataclasses import dataclass

from .schema import setting


@dataclass(frozen=True)
class DiagnosticsSettings:
    pin_hash: str = setting("", help="salted hash of the technicians' PIN, made by `kiosk pin-hash`; "
                                     "empty: diagnostics mode cannot be entered on the screen")
    allow_quit: bool = setting(False, help="whether diagnostics may quit to the operating system")
    heartbeat_interval_s: float = setting(300.0, min=10, max=86400, help="seconds between heartbeats")
