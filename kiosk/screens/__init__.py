"""Screens: one name.py + name.kv each. kv files load when the app builds, not at import."""
from __future__ import annotations

import importlib
from pathlib import Path

from kivy.lang import Builder

HERE = Path(__file__).resolve().parent
_loaded: set[str] = set()


def load_kv(name: str) -> None:
    """Loads screens/<name>.kv once."""
    if name not in _loaded:
        Builder.load_file(str(HERE / f"{name}.kv"))
        _loaded.add(name)


# screen name -> (module, class). Only home is built at start-up; the others on first use,
# so the first frame appears sooner.
SCREENS: dict[str, tuple[str, str]] = {
    "home": ("home", "HomeScreen"),
    "mobile": ("mobile", "MobileScreen"),
    "help": ("help", "HelpScreen"),
    "identify": ("identify", "IdentifyScreen"),
    "take_card": ("take_card", "TakeCardScreen"),
    "status_keypad": ("status_keypad", "StatusKeypadScreen"),
    "status_list": ("status_list", "StatusListScreen"),
    "status_detail": ("status_detail", "StatusDetailScreen"),
    "guide_home": ("guide_home", "GuideHomeScreen"),
    "guide_list": ("guide_list", "GuideListScreen"),
    "guide_item": ("guide_item", "GuideItemScreen"),
    "printing": ("printing", "PrintingScreen"),
    "cert_list": ("cert_list", "CertificateListScreen"),
    "a4_choose": ("a4_choose", "A4ChooseScreen"),
    "a4_printing": ("a4_printing", "A4PrintingScreen"),
    "a4_done": ("a4_done", "A4DoneScreen"),
    "a4_failed": ("a4_failed", "A4FailedScreen"),
    "rating_pick": ("rating_pick", "RatingPickScreen"),
    "rating_keypad": ("rating_keypad", "RatingKeypadScreen"),
    "rating_levels": ("rating_levels", "RatingLevelsScreen"),
    "rating_reasons": ("rating_reasons", "RatingReasonsScreen"),
    "rating_comment": ("rating_comment", "RatingCommentScreen"),
    "rating_confirm": ("rating_confirm", "RatingConfirmScreen"),
    "rating_thanks": ("rating_thanks", "RatingThanksScreen"),
    "rating_offer": ("rating_offer", "RatingOfferScreen"),
    "diag_pin": ("diag_pin", "DiagPinScreen"),
    "diag_checks": ("diag_checks", "DiagChecksScreen"),
}


def build_screen(name: str):
    module_name, class_name = SCREENS[name]
    load_kv("widgets")
    load_kv(module_name)
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, class_name)(name=name)
