"""[terminal]: who this terminal is and where a citizen can turn when it cannot help."""
from dataclasses import dataclass

from .schema import setting


@dataclass(frozen=True)
class TerminalSettings:
    terminal_id: str = setting(help="the terminal's id on the platform", pattern=r"[A-Za-z0-9_-]{1,32}")
    region_code: str = setting(help="行政区划 code, 6 or 9 digits", pattern=r"\d{6}(\d{3})?")
    hall_name: str = setting(help="hall name printed on receipts, e.g. 乌审旗政务服务中心", pattern=r".{1,40}")
    mobile_app_url: str = setting(help="where the 蒙速办 QR code leads (the address the bureau publishes)",
                                  pattern=r"https?://\S+")
    help_window: str = setting("综合受理窗口", help="the hall window that helps when the terminal cannot",
                               pattern=r".{1,40}")
    hotline: str = setting("12345", help="the service hotline", pattern=r"[0-9-]{3,20}")
    opening_hours: str = setting("", help="the hall's opening hours as the home screen shows them, e.g. "
                                          "周一至周五 8:30-12:00 14:30-17:30; empty: not shown", pattern=r".{0,60}")
    opening_hours_en: str = setting("", help="the same for the English screens, e.g. Mon-Fri 8:30-12:00, "
                                             "14:30-17:30; empty: the Chinese text", pattern=r".{0,60}")
