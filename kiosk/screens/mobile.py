"""手机办/蒙速办: a QR code that continues the citizen's business on the mobile app."""
from .widgets import KioskScreen


class MobileScreen(KioskScreen):
    pass
