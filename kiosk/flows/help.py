"""求助/帮您办: ask the hall for a member of staff through the platform, at most once a session.

The request is made the first time and kept in the session; sending it again (after a failure)
sends the same request_id, so the hall never gets two calls for one citizen.
"""
from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Callable

from ..platform.models import HelpRequest
from .platform_calls import ask_platform

if TYPE_CHECKING:
    from ..config.terminal import TerminalSettings
    from ..platform.models import HelpAck
    from ..session import CitizenSession
    from .context import Services

CALL_STAFF = "call_staff"


def help_request(session: CitizenSession, terminal: TerminalSettings) -> HelpRequest:
    """The session's one call for staff: made the first time, the same one afterwards."""
    if session.help_request is None:
        session.help_request = HelpRequest(request_id=str(uuid.uuid4()), kind=CALL_STAFF,
                                           region_code=terminal.region_code)
    return session.help_request


def call_staff(services: Services, on_sent: Callable[[HelpAck], None],
               on_error: Callable[[BaseException], None]) -> bool:
    """Sends the session's call for staff in the background. False when the platform is not
    there (the screen hides the button then, and names the window and the hotline)."""
    if services.platform is None:
        return False
    request = help_request(services.session, services.config.terminal)
    ask_platform(services, lambda client: client.send_help_request(request), name="help request",
                 on_result=on_sent, on_error=on_error)
    return True
