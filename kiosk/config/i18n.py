"""[i18n]: when a language is offered to citizens on the home screen."""
from dataclasses import dataclass

from .schema import setting


@dataclass(frozen=True)
class I18nSettings:
    offer_at: float = setting(1.0, min=0.5, max=1.0,
                              help="share of the citizen-facing messages a language's catalogue must translate "
                                   "before the home screen offers it (1.0: every one; below, the missing ones "
                                   "show in Chinese on that language's screens)")
