"""Screens: one name.py + name.kv each. kv files load when the app builds, not at import."""
from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder

HERE = Path(__file__).resolve().parent
_loaded: set[str] = set()


def load_kv(name: str) -> None:
    """Loads screens/<name>.kv once."""
    if name not in _loaded:
        Builder.load_file(str(HERE / f"{name}.kv"))
        _loaded.add(name)


def load_screens() -> list:
    for name in ("widgets", "home", "mobile", "help"):
        load_kv(name)
    from .help import HelpScreen
    from .home import HomeScreen
    from .mobile import MobileScreen
    return [HomeScreen(name="home"), MobileScreen(name="mobile"), HelpScreen(name="help")]
