"""The end of a flow that read a card: "请取走您的身份证" until the card is lifted."""
from kivy.app import App

from ..devices.idcard.events import ReaderListener
from .widgets import KioskScreen


class TakeCardScreen(ReaderListener, KioskScreen):
    def on_enter(self, *_args) -> None:
        if not App.get_running_app().card_on_reader:
            App.get_running_app().end_session()

    def on_card_removed(self) -> None:
        App.get_running_app().end_session()
