"""Kivy set-up that must happen before Kivy creates its window: environment for machines
with no display, kiosk hardening from configuration, and the input provider choice.

Kivy reads its settings folder (KIVY_HOME) when it is imported, and a `[modules]` entry in the
config.ini there runs code inside the kiosk. So that folder is the kiosk's own, under its data
directory, created 0700, and a folder someone else could have written is refused; Kivy reads no
config.ini at all (its settings come from the kiosk's configuration, see apply_kivy_config).
The process's temporary files live in a private folder under the data directory too, emptied at
each start (python-escpos makes a new temporary folder every time it is imported).
"""
from __future__ import annotations

import atexit
import os
import shutil
import stat
import tempfile
from pathlib import Path

from ..config import KioskConfig
from ..memory import limit_arenas

KIVY_FOLDER = "kivy"
TEMP_FOLDER = "tmp"
CACHE_FOLDER = "cache"


class UnsafeFolder(Exception):
    """A folder the kiosk would read code or settings from is not private to it; one line."""


DATA_DIR_FIX = "remove it (the kiosk creates its own) or set [storage] data_dir to a folder of the kiosk's own"


def private_folder(path: Path, what: str, fix: str = DATA_DIR_FIX) -> Path:
    """Creates `path` with mode 0700 (parents as needed), or checks that the existing folder is
    the kiosk's own: not a symbolic link, owned by this process's user, writable by no one else."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise UnsafeFolder(f"{path}: cannot create {what}: {exc.strerror or exc}; "
                             f"check [storage] data_dir") from None
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeFolder(f"{path}: {what} is a symbolic link; {fix}")
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeFolder(f"{path}: {what} is not a folder; {fix}")
    if info.st_uid != os.geteuid():
        raise UnsafeFolder(f"{path}: {what} is owned by uid {info.st_uid}, not by the kiosk's user "
                             f"(uid {os.geteuid()}); {fix}")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        mode = stat.S_IMODE(info.st_mode)
        raise UnsafeFolder(f"{path}: {what} is writable by other users (mode {mode:04o}); {fix}")
    return path


def private_kivy_home(data_dir: Path) -> Path:
    return private_folder(Path(data_dir) / KIVY_FOLDER, "Kivy's settings folder")


def private_temp_dir(data_dir: Path) -> Path:
    """data_dir/tmp, emptied: what an earlier run left there (it may have been killed) goes."""
    folder = private_folder(Path(data_dir) / TEMP_FOLDER, "the kiosk's temporary folder")
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    return folder


def _use_private_folders(data_dir: Path | None) -> None:
    if data_dir is not None:
        temp = private_temp_dir(data_dir)
        os.environ["TMPDIR"] = str(temp)
        tempfile.tempdir = str(temp)
        # python-escpos keeps its parsed printer database here (a pickle: read only from a private folder).
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(private_folder(Path(data_dir) / CACHE_FOLDER,
                                                                           "the kiosk's cache folder"))
    if "KIVY_HOME" in os.environ:
        # Set by whoever started the kiosk (the test runner makes a fresh one): still checked.
        private_folder(Path(os.environ["KIVY_HOME"]).expanduser(), "Kivy's settings folder (KIVY_HOME)",
                       "unset KIVY_HOME (the kiosk then uses [storage] data_dir) or give a folder of the kiosk's own")
    elif data_dir is not None:
        os.environ["KIVY_HOME"] = str(private_kivy_home(data_dir))
    else:
        # No data directory (benchmarks, tools): a fresh private folder, gone when the process ends.
        home = tempfile.mkdtemp(prefix="kiosk-kivy-")
        atexit.register(shutil.rmtree, home, ignore_errors=True)
        os.environ["KIVY_HOME"] = home
    os.environ["KIVY_NO_CONFIG"] = "1"


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def prepare_environment(offscreen: bool | None = None, data_dir: Path | None = None) -> bool:
    """Sets Kivy's environment variables; returns whether rendering is offscreen.

    With no display (or when asked), SDL renders offscreen through Mesa: the app runs and
    screenshots work, but nothing is shown. Must run before the first `import kivy`.
    Kivy's settings folder and the temporary files go under `data_dir` ([storage] data_dir);
    raises UnsafeFolder when a folder there is not the kiosk's own.
    """
    _use_private_folders(data_dir)
    limit_arenas()      # before any worker thread: kiosk/memory.py says why
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


# The screens are designed on a 540×960 dp canvas: a panel whose shorter side has 540·d pixels
# shows them at density d, with the same proportions (1080×1920 and 1920×1080: 2).
DESIGN_SHORT_SIDE_DP = 540
MIN_DENSITY, MAX_DENSITY = 0.5, 8.0


def density_for(setting: float, window_size: tuple[int, int]) -> float:
    """Pixels per dp: `[ui] density` when set, else derived from the window's shorter side."""
    if setting > 0:
        return float(setting)
    short_side = min(window_size)
    derived = round(short_side / DESIGN_SHORT_SIDE_DP, 3)
    return min(max(derived, MIN_DENSITY), MAX_DENSITY)


def apply_density(setting: float, window_size: tuple[int, int]) -> float:
    """Sets Kivy's density; call once the window exists (its size is known, also fullscreen) and
    before the first widget is built, since kv rules compute dp() when a widget is made."""
    from kivy.metrics import Metrics

    density = density_for(setting, window_size)
    Metrics.density = density
    return density
