"""[reader]: the resident ID card reader (GA 467 over serial)."""
from dataclasses import dataclass

from .schema import setting


@dataclass(frozen=True)
class ReaderSettings:
    kind: str = setting("virtual", choices=("virtual", "serial"),
                        help="virtual starts the built-in virtual reader on a pseudo-terminal")
    port: str = setting("", help="serial device, e.g. /dev/ttyUSB0 (kind = serial)")
    baud: int = setting(115200, choices=(115200, 57600, 38400, 19200, 9600))
    command_timeout_s: float = setting(1.0, min=0.1, max=10)
    read_timeout_s: float = setting(3.0, min=0.5, max=30)
    poll_interval_s: float = setting(0.25, min=0.05, max=5, help="time between find-card polls")
