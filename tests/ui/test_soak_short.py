"""The short soak: citizens one after another through the real app (real drivers against the
virtual reader, printer and platform), faults switched on and off, sessions left to the idle
timeout (kiosk/testing/soak.py). Asserts only what must always hold; the figures (memory, file
descriptors, rate) are for `python -m benchmarks soak`, not for a test.

Fifty sessions: each citizen who uses the card waits for the identify screen to show the card
for its moment, as in the hall, so fifty keep the test near a minute and a half on two cores.
"""
from __future__ import annotations

import logging

from kiosk.logs import personal_values
from kiosk.testing.soak import broken_promises, open_soak

SESSIONS = 50
FAULT_CHANCE = 0.25     # more than a hall's day: in fifty sessions every kind of fault gets its turn


def test_short_soak_keeps_every_promise(default_config, tmp_path):
    kiosk, driver, handler = open_soak(default_config, tmp_path / "soak", seed=467, fault_chance=FAULT_CHANCE)
    try:
        tally = driver.run(SESSIONS)
        problems = broken_promises(kiosk, tally, kiosk.services.config.logging.dir)
        # The soak did what a day does: faults, prints, ratings, an idle timeout, people on the reader.
        assert tally.sessions == SESSIONS
        assert sum(tally.faults_injected.values()) > 0, tally.faults_injected
        assert tally.prints > 0 and tally.ratings_submitted > 0 and tally.idle_timeouts > 0, tally
        assert kiosk.simulated.platform.ratings, "no rating reached the platform"
        assert not problems, "\n".join(problems + tally.unhandled[:3] + tally.stuck[:10])
        assert kiosk.services.session.is_empty and not personal_values.snapshot()
    finally:
        kiosk.close()
        logging.getLogger().removeHandler(handler)
        handler.close()
