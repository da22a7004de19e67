"""Builds the platform client from configuration, starting the built-in simulator when
[platform] kind = "simulator" (the embedded default), so the composition root has one call:

    platform = open_platform(config.platform, config.terminal.terminal_id, status=PlatformStatus(deliver))
    platform.client.applications_of(...)
    ...
    platform.close()          # at exit: closes the session and stops the simulator if it started one
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config.platform import PlatformSettings
from .client import PlatformClient
from .status import PlatformStatus

if TYPE_CHECKING:
    from ..sim.platform_sim import PlatformSimulator


@dataclass
class PlatformConnection:
    client: PlatformClient
    status: PlatformStatus
    simulator: "PlatformSimulator | None" = None

    def close(self) -> None:
        self.client.close()
        if self.simulator is not None:
            self.simulator.stop()
            self.simulator = None


def open_platform(settings: PlatformSettings, terminal_id: str, *,
                  status: PlatformStatus | None = None) -> PlatformConnection:
    status = status or PlatformStatus()
    simulator = None
    base_url = None
    if settings.kind == "simulator":
        from ..sim.platform_sim import start_platform_simulator
        simulator = start_platform_simulator(settings.secret, settings.simulator_port,
                                             satisfaction_codes=settings.satisfaction_codes)
        base_url = simulator.base_url
    try:
        client = PlatformClient(settings, terminal_id, base_url=base_url, status=status)
    except ValueError:
        if simulator is not None:
            simulator.stop()
        raise
    return PlatformConnection(client=client, status=status, simulator=simulator)
