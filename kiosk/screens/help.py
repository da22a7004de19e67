"""求助/帮您办: where a person can help (the hall's window, the hotline, 蒙速办)."""
from .widgets import KioskScreen


class HelpScreen(KioskScreen):
    pass
