"""How a flow asks the platform: on a worker of the platform's own lane (a slow platform never
takes the workers the devices and storage need), with the client's worst-case wait as the job's
timeout, the answer (or the failure) delivered on the UI thread. A platform that has not started
is answered at once, as a failed call, so the screen says what to do next."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ..threads import PLATFORM

if TYPE_CHECKING:
    from ..platform.client import PlatformClient
    from .context import Services


class PlatformNotStarted(RuntimeError):
    """The platform client is not there: the parts are still starting, or it failed to start."""
    message_key = "platform.unavailable"

    def __init__(self) -> None:
        super().__init__("platform not started")


def ask_platform(services: Services, call: Callable[[PlatformClient], Any], *, name: str,
                 on_result: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:
    """Runs call(client) in the background, in the citizen's session (a wipe drops the answer)."""
    client = services.platform
    if client is None:
        on_error(PlatformNotStarted())
        return
    services.work.submit(lambda job: call(client), name=name, timeout=client.worst_case_s() + 1,
                         on_result=on_result, on_error=on_error, lane=PLATFORM)
