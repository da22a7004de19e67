"""好差评: the parts of the flow that need the app (going to a screen, a translated text). What
the flow decides is kiosk/flows/rating.py."""
from __future__ import annotations

from ..flows import rating


def begin_rating(app, application=None) -> None:
    """Starts rating `application` (or the session's rating_target): the levels screen, after the
    ID card when nobody is identified yet."""
    session = app.services.session
    rating.begin(session, application)
    if rating.needs_identity(session):
        app.identify("flow.rating.title", "rating_levels")
    else:
        app.go("rating_levels")


def previous_text(app, previous) -> str:
    """"该办件您已于2026-11-25 10:07评价" or, when only the platform knows, without the time."""
    if previous.rated_at is None:
        return app.t("rating.already_rated_platform")
    return app.t("rating.already_rated", time=rating.format_time(previous.rated_at))
