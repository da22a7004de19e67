"""[reader]: the resident ID card reader (GA 467 over serial)."""
from dataclasses import dataclass
from typing import ClassVar

from .schema import setting


@dataclass(frozen=True)
class ReaderSettings:
    RETIRED: ClassVar[dict[str, str]] = {
        "kind": "replaced by reader.simulated: true for the built-in virtual reader, false for a serial reader at reader.port"}

    simulated: bool = setting(True, help="true: the built-in virtual reader on a pseudo-terminal; "
                                         "false: the serial reader at port")
    port: str = setting("", help="serial device, e.g. /dev/ttyUSB0 (simulated = false)")
    baud: int = setting(115200, choices=(115200, 57600, 38400, 19200, 9600))
    probe_baud: bool = setting(True, help="when the configured rate does not answer, try 115200 down to 9600")
    probe_timeout_s: float = setting(0.3, min=0.05, max=5, help="how long each rate is tried while probing")
    command_timeout_s: float = setting(1.0, min=0.1, max=10)
    read_timeout_s: float = setting(3.0, min=0.5, max=30)
    poll_interval_s: float = setting(0.04, min=0.02, max=5,
                                     help="time between find-card polls (one poll is 21 bytes on the line)")
    rest_poll_interval_s: float = setting(0.25, min=0.02, max=5,
                                          help="the same while the kiosk rests on the home screen ([ui] rest_after_s)")
    read_fingerprint: bool = setting(False, help="also read the fingerprint data (command 30 10)")
    reopen_backoff_s: float = setting(0.5, min=0.05, max=60,
                                      help="first wait before reopening a port that went away; doubles each try")
    reopen_backoff_max_s: float = setting(10.0, min=0.1, max=600)
    fault_after_failures: int = setting(3, min=1, max=100,
                                        help="consecutive unanswered polls before the reader is reported faulty")
    photo_decoder: str = setting("", pattern=r"|[A-Za-z_][\w.]*:[A-Za-z_]\w*",
                                 help="vendor WLT photo decoder as module:function; empty: none")
    sim_processing_delay_s: float = setting(0.01, min=0, max=5,
                                            help="virtual reader: SAM/card time per card command")
    sim_read_delay_s: float = setting(0.15, min=0, max=10, help="virtual reader: extra time of the read command")
