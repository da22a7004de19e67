"""At the end of a flow: offer to rate the application just handled. A reminder, never forced:
不用了 ends the flow as it would have ended."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from .rating_flow import begin_rating
from .widgets import KioskScreen


class RatingOfferScreen(KioskScreen):
    item_name = StringProperty("")

    def on_pre_enter(self, *_args) -> None:
        application = App.get_running_app().services.session.application
        self.item_name = application.item_name if application is not None else ""

    def rate(self) -> None:
        app = App.get_running_app()
        application = app.services.session.application
        if application is None:
            app.finish_flow()
            return
        begin_rating(app, application)

    def decline(self) -> None:
        app = App.get_running_app()
        app.services.session.rating_declined = True
        app.finish_flow()

    def reset(self) -> None:
        self.item_name = ""
