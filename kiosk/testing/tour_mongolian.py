"""The tour's Mongolian walk: the screens in the pseudo-locale x-mn-pseudo (kiosk/i18n/pseudo.py),
so the columns, the horizontal fallback and the bilingual home are proved before any translation
exists. Its texts are CLDR's Mongolian words in brackets, never a translation, and the
pseudo-locale is never offered to citizens: the walk puts a `ProofCatalogue` in the app's
services for its own states and takes it out again.

States (files mn-pseudo-*.png): the home, the bilingual home (Mongolian beside Chinese, with the
hall's Mongolian name and address from configuration, here CLDR words), a tile's flow screen, the
status list, the rating levels and the idle countdown.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ..i18n import Catalogue
from ..i18n.locale_data import cldr_words
from ..i18n.pseudo import PSEUDO_LANGUAGE, pseudo_text

PREFIX = "mn-pseudo-"


class ProofCatalogue:
    """A catalogue that answers in the pseudo-locale while its language is x-mn-pseudo and is
    the real one otherwise. Stands in for the app's catalogue during a proof only."""

    def __init__(self, real: Catalogue):
        self._real = real
        self._source = Catalogue("zh_CN")
        self._pseudo = False
        self._texts: dict[str, str] = {}

    @property
    def language(self) -> str:
        return PSEUDO_LANGUAGE if self._pseudo else self._real.language

    @language.setter
    def language(self, language: str) -> None:
        self._pseudo = language == PSEUDO_LANGUAGE
        if not self._pseudo:
            self._real.language = language

    def text(self, key: str, **values: object) -> str:
        if not self._pseudo:
            return self._real.text(key, **values)
        template = self._texts.get(key)
        if template is None:
            template = self._texts[key] = pseudo_text(key, self._source.text(key))
        return template.format(**values) if values else template

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def hall_in_cldr_words() -> tuple[str, str]:
    """A stand-in for the hall's Mongolian name and address the bureau supplies: CLDR's words."""
    words = cldr_words("mn")
    return " ".join(words[1:4]), " ".join(words[13:17])


def mongolian_walk(tour) -> None:
    """The pseudo-locale states; the app's real catalogue and configuration are put back after."""
    app, services = tour.app, tour.kiosk.services
    home = tour.screens.get_screen("home")
    real_catalogue, real_config = services.catalogue, services.config
    name_mn, address_mn = hall_in_cldr_words()
    services.catalogue = ProofCatalogue(real_catalogue)
    services.config = dataclasses.replace(
        real_config, hall=dataclasses.replace(real_config.hall, name_mn=name_mn, address_mn=address_mn))

    def in_pseudo() -> None:
        app.set_language(PSEUDO_LANGUAGE)
        home.refresh_texts()
        tour.kiosk.settle()

    try:
        in_pseudo()
        app.go_home()
        tour.shot(f"{PREFIX}home")
        # a tile's flow (the status flow: identify, then the list of applications)
        tour.tile("status")
        tour.shot(f"{PREFIX}identify")
        tour.place("bateer")
        tour.identified()
        tour.wait_for_screen("status_list")
        rows = tour.screens.get_screen("status_list").ids.rows
        tour.wait(lambda: len(rows.children) > 0, "the applications")
        tour.shot(f"{PREFIX}status-list")
        tour.end()
        # the rating levels (the platform's level names stay the platform's Chinese)
        in_pseudo()
        tour.tile("rating")
        tour.place("bateer")
        tour.wait_for_screen("rating_pick")
        rows = tour.screen.ids.rows
        tour.wait(lambda: len(rows.children) > 0, "the applications to rate")
        tour.tap(rows.children[-1])
        tour.shot(f"{PREFIX}rating-levels")
        tour.end()
        # the idle countdown
        in_pseudo()
        tour.tile("help")
        tour.countdown()
        tour.shot(f"{PREFIX}idle-countdown")
        tour.end()
        # the bilingual home: a citizen arriving sees Mongolian and Chinese together
        services.config = dataclasses.replace(
            services.config, ui=dataclasses.replace(services.config.ui, bilingual_home=True))
        in_pseudo()
        app.go_home()
        tour.shot(f"{PREFIX}bilingual-home")
    finally:
        services.config = real_config
        services.catalogue = real_catalogue
        app.set_language(real_config.ui.language)
        home.refresh_texts()
        tour.kiosk.settle()
