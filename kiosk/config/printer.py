"""[printer]: the ESC/POS receipt printer."""
from dataclasses import dataclass

from .schema import setting


@dataclass(frozen=True)
class PrinterSettings:
    transport: str = setting("virtual", choices=("virtual", "network", "serial", "usb", "file"),
                             help="virtual starts the built-in virtual printer on 127.0.0.1")
    host: str = setting("", help="printer address (transport = network)")
    port: int = setting(9100, min=1, max=65535)
    serial_port: str = setting("", help="serial device (transport = serial)")
    serial_baud: int = setting(115200, choices=(9600, 19200, 38400, 57600, 115200))
    usb_vendor_id: int = setting(0, min=0, max=0xFFFF)
    usb_product_id: int = setting(0, min=0, max=0xFFFF)
    file_path: str = setting("", help="device or file path (transport = file)")
    profile: str = setting("TM-T88III", help="python-escpos printer profile name")
    paper_width_mm: int = setting(80, choices=(58, 80))
    encoding: str = setting("gb18030", choices=("gb18030", "gbk"))
    timeout_s: float = setting(10.0, min=1, max=120)
    output_dir: str = setting("var/prints", help="where the virtual printer writes its PNG slips")
