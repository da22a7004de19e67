"""A platform that does not answer cannot take the workers of the terminal's own work: with every
platform worker stuck in a call to a hanging simulator (over HTTP on 127.0.0.1), a technician's
PIN check, run exactly as the PIN pad runs it, still gets its answer."""
from __future__ import annotations

from datetime import date

from kiosk.config.platform import PlatformSettings
from kiosk.flows.context import Services
from kiosk.flows.platform_calls import ask_platform
from kiosk.platform.client import PlatformClient
from kiosk.services.diagnostics.pin import PinGate, hash_pin
from kiosk.services.idle import IdleTimer
from kiosk.services.parts import Parts
from kiosk.session import CitizenSession
from kiosk.sim.platform_sim import start_platform_simulator
from kiosk.threads import PLATFORM_WORKERS, BackgroundWork, ManualDelivery
from tests.conftest import wait_for
from tests.unit.flow_data import MESSAGES

SECRET = "workers-secret-1"
PIN = "739164"


def test_a_pin_check_is_answered_while_every_platform_call_hangs(default_config, tmp_path):
    sim = start_platform_simulator(SECRET, today=date(2026, 11, 25), hang_s=60)
    settings = PlatformSettings(secret=SECRET, connect_timeout_s=1.0, read_timeout_s=40.0, call_deadline_s=50.0,
                                retries=0)
    client = PlatformClient(settings, "WORKERS-T1", base_url=sim.base_url)
    delivery = ManualDelivery()
    services = Services(config=default_config, catalogue=MESSAGES, session=CitizenSession(),
                        work=BackgroundWork(delivery), idle=IdleTimer(60, 10), parts=Parts(platform=client))
    try:
        sim.set_fault("hang")
        failed: list[BaseException] = []
        for i in range(PLATFORM_WORKERS + 2):
            ask_platform(services, lambda c: c.catalogue(), name=f"catalogue {i}", on_result=failed.append,
                         on_error=failed.append)
        # Every platform worker is inside a call the simulator holds.
        assert wait_for(lambda: sim.request_count("catalogue.get") >= PLATFORM_WORKERS)

        gate = PinGate(hash_pin(PIN), tmp_path / "diag_lock.json")
        outcome: list = []
        job = services.work.submit(lambda job: gate.attempt(PIN), name="diagnostics PIN", timeout=10, scope="diag",
                                   on_result=outcome.append, on_error=outcome.append)
        assert job.wait(15)
        delivery.drain(wait=5)
        assert [getattr(o, "outcome", o) for o in outcome] == ["ok"]
        assert failed == []                      # the platform calls are still waiting
    finally:
        sim.stop()                               # releases the held requests
        services.work.shutdown()
        client.close()
