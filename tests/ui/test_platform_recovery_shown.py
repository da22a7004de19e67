"""The home screen shows the platform's return within seconds, not at the next health round."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui


def test_the_tiles_and_banner_come_back_soon_after_the_platform_does(live_kiosk):
    kiosk, app = live_kiosk, live_kiosk.app
    sim, health = kiosk.simulated.platform, kiosk.services.health
    assert health.interval_s == 60            # the embedded default's heartbeat: what recovery waited for before
    sim.set_fault("error500")
    health.check_now()                        # a health round finds the platform out, as one would unasked
    assert kiosk.wait_until(lambda: "platform" in (health.out_of_order or ())
                            and "platform" in kiosk.services.out_of_order, timeout=15)
    assert kiosk.screen.tile_for("status") is None and "网络查询" in app.banner
    sim.clear_faults()
    # Nothing else asks the platform now: no citizen can (its tiles are hidden), and the next
    # heartbeat is a minute away. The recovery probe asks within 2-4 s, then a health round runs.
    assert kiosk.wait_until(lambda: "platform" not in kiosk.services.out_of_order, timeout=20), app.banner
    assert health.out_of_order is not None and "platform" not in health.out_of_order
    assert kiosk.screen.tile_for("status") is not None and app.banner == ""
