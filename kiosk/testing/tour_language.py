"""The proof of a language: the citizen's walks of the tour (kiosk/testing/tour.py) in one language,
at normal and elder sizes, one PNG per state, and which translated messages each state shows,
so a translator can check every text in place on paper (`kiosk i18n proof`).

The texts are the installed catalogue's, or given ones (a translator's file before it is
installed, the pseudo-locale): `Catalogue.proof_texts` carries them for this run only."""
from __future__ import annotations

from pathlib import Path

from .tour import Tour
from .tour_spaces import SpaceRecorder


class LanguageTour(Tour):
    def __init__(self, kiosk, out: Path, language: str, texts: dict[str, str] | None = None):
        # The layout check only (text cut, covered, overflowing): what a translation can break.
        super().__init__(kiosk, out, check=False)
        self.language = language
        self.texts = texts
        if texts is not None:
            self.app.services.catalogue.proof_texts[language] = texts
        self.recorder = SpaceRecorder([])
        self.shown: dict[str, list[str]] = {}     # key -> states showing it
        self.failed: list[str] = []

    def shot(self, name: str) -> None:
        from .layout_check import check_layout

        super().shot(name)
        found = check_layout(self.kiosk.window)
        if found:
            self.result.problems[name] = found
        for root in list(self.kiosk.window.children):
            for widget in root.walk(restrict=True):
                text = getattr(widget, "text", None)
                if isinstance(text, str) and text.strip():
                    for key in self.recorder.keys_for(text):
                        states = self.shown.setdefault(key, [])
                        if name not in states:
                            states.append(name)

    def prepare(self, texts: dict[str, str]) -> None:
        """Messages are recognised on screen by their text in this language."""
        self.recorder = SpaceRecorder([texts])

    def run_language(self, kiosk_clock) -> None:
        self.kiosk_clock = kiosk_clock
        walks = ("home_and_tiles", "status_by_card", "guide", "rating", "idle")
        for elder in (False, True):
            prefix = ("elder-" if elder else "") + f"{self.language}-"
            for name in walks:
                if self.app.elder != elder:
                    self.app.toggle_elder()
                self.app.set_language(self.language)
                try:
                    if name == "rating":
                        self.rating(prefix, "aoyun" if elder else "wang")   # 一次一评: one person each
                    else:
                        getattr(self, name)(prefix)
                except Exception as exc:      # noqa: BLE001 - one walk failing leaves the others to proof
                    self.failed.append(f"{prefix}{name}: {type(exc).__name__}: {exc}")
                    self.end()
