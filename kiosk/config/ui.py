"""[ui]: window, kiosk hardening, language and idle behaviour."""
from dataclasses import dataclass

from .schema import setting


@dataclass(frozen=True)
class UiSettings:
    fullscreen: bool = setting(False, help="true on a real terminal")
    show_cursor: bool = setting(True, help="false on a touchscreen terminal")
    allow_exit: bool = setting(True, help="whether Escape and window-close may exit (false on a real terminal)")
    input: str = setting("mouse", choices=("mouse", "touchscreen"),
                         help="mouse (development) or touchscreen (a terminal's touch panel)")
    width: int = setting(1080, min=320, max=7680, help="window width in pixels when not fullscreen")
    height: int = setting(1920, min=480, max=7680, help="window height in pixels when not fullscreen")
    density: float = setting(0.0, min=0, max=8,
                             help="pixels per dp, the size of everything on screen; 0: from the window, "
                                  "its shorter side / 540 (2 on a 1080x1920 or 1920x1080 panel), so every "
                                  "panel shows the same proportions")
    language: str = setting("zh_CN", choices=("zh_CN", "en"), help="the language a new session starts in")
    bilingual_home: bool = setting(False, help="the home tiles in Mongolian and Chinese together (each tile "
                                               "shows both) once the Mongolian catalogue has the tile's texts")
    idle_timeout_s: float = setting(60.0, min=10, max=3600, help="seconds without a touch before the countdown")
    elder_idle_timeout_s: float = setting(150.0, min=10, max=3600, help="the same in 长辈模式")
    countdown_s: float = setting(20.0, min=5, max=120, help="length of the 还需要更多时间吗 countdown")
    show_identity_s: float = setting(1.5, min=0.1, max=10, help="how long the card read (身份证读取成功 and the "
                                     "masked name) stays on screen before the flow goes on")
    rest_after_s: float = setting(20.0, min=1, max=3600, help="seconds on the home screen with no touch and no card "
                                  "before the kiosk rests (fewer frames, slower card polls; the first touch wakes it)")
    rest_fps: float = setting(10.0, min=1, max=60, help="how often the screen loop wakes while resting")
