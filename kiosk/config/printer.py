"""[printer]: the ESC/POS receipt printer."""
from dataclasses import dataclass
from typing import ClassVar

from .schema import setting


@dataclass(frozen=True)
class PrinterSettings:
    RETIRED: ClassVar[dict[str, str]] = {
        "transport=virtual": "the virtual printer is no transport any more: set printer.simulated = true"}

    simulated: bool = setting(True, help="true: the built-in virtual printer on 127.0.0.1, which writes PNG slips; "
                                         "false: the printer at transport")
    transport: str = setting("network", choices=("network", "serial", "usb", "file"),
                             help="how the real printer is attached (simulated = false)")
    host: str = setting("", help="printer address (transport = network)")
    port: int = setting(9100, min=1, max=65535)
    serial_port: str = setting("", help="serial device (transport = serial)")
    serial_baud: int = setting(115200, choices=(9600, 19200, 38400, 57600, 115200))
    serial_flow_control: str = setting("none", choices=("none", "dsrdtr", "rtscts"),
                                       help="hardware flow control wired on the printer cable (transport = serial)")
    usb_vendor_id: int = setting(0, min=0, max=0xFFFF)
    usb_product_id: int = setting(0, min=0, max=0xFFFF)
    file_path: str = setting("", help="device or file path (transport = file)")
    profile: str = setting("TM-T88III", help="python-escpos printer profile name")
    paper_width_mm: int = setting(80, choices=(58, 80))
    encoding: str = setting("gb18030", choices=("gb18030", "gbk"))
    chinese_mode: bool = setting(True, help="send FS & before text so two-byte codes print as Chinese")
    qr_mode: str = setting("auto", choices=("auto", "native", "raster"),
                           help="auto: native GS ( k QR when the profile supports it, else a bit image")
    cutter: str = setting("auto", choices=("auto", "yes", "no"), help="auto: as the profile says")
    timeout_s: float = setting(10.0, min=1, max=120, help="connect, send and wait for the printer after a job")
    status_timeout_s: float = setting(1.0, min=0.1, max=10, help="wait for each DLE EOT status reply")
    require_status: bool = setting(True, help="refuse jobs when the printer does not answer status queries "
                                              "(false only for printers that never answer)")
    output_dir: str = setting("var/prints", help="where the virtual printer writes its PNG slips")
