"""Kivy set-up that must happen before Kivy creates its window: environment for machines
with no display, kiosk hardening from configuration, and the input provider choice."""
from __future__ import annotations

import os
import tempfile

from ..config import KioskConfig


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def prepare_environment(offscreen: bool | None = None) -> bool:
    """Sets Kivy's environment variables; returns whether rendering is offscreen.

    With no display (or when asked), SDL renders offscreen through Mesa: the app runs and
    screenshots work, but nothing is shown. Must run before the first `import kivy`.
    """
    if offscreen is None:
        offscreen = not has_display() or os.environ.get("SDL_VIDEODRIVER") == "offscreen"
    if offscreen:
        os.environ["SDL_VIDEODRIVER"] = "offscreen"
    # Without this, a failed SDL2 start falls back to the x11 provider, which kills the process.
    os.environ.setdefault("KIVY_WINDOW", "sdl2")
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")
    # Kivy's own log mode replaces sys.stderr and installs handlers without our masking filter;
    # in PYTHON mode Kivy logs through the standard logging tree that kiosk.logs configures.
    os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
    if "KIVY_HOME" not in os.environ:
        # Kivy writes a config.ini under KIVY_HOME; keep it out of the citizen-facing home directory.
        os.environ["KIVY_HOME"] = os.path.join(tempfile.gettempdir(), "kiosk-kivy-home")
    return offscreen


def apply_kivy_config(config: KioskConfig) -> None:
    """Window and input settings from [ui]; call after importing kivy, before the window exists."""
    from kivy.config import Config

    ui = config.ui
    Config.set("graphics", "fullscreen", "auto" if ui.fullscreen else "0")
    Config.set("graphics", "show_cursor", "1" if ui.show_cursor else "0")
    Config.set("graphics", "resizable", "0" if ui.fullscreen else "1")
    Config.set("graphics", "allow_screensaver", "0")
    Config.set("graphics", "width", str(ui.width))
    Config.set("graphics", "height", str(ui.height))
    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "keyboard_mode", "system")
    # One input provider only: on Linux touchscreens mouse + probesysfs deliver each touch twice.
    if Config.has_section("input"):
        for option in list(Config.options("input")):
            Config.remove_option("input", option)
    else:
        Config.add_section("input")
    if ui.input == "touchscreen":
        Config.set("input", "touchscreen", "probesysfs")
    else:
        Config.set("input", "mouse", "mouse,disable_multitouch")
