"""The short soak: citizens one after another through the real app (real drivers against the
virtual reader, printer and platform), faults switched on and off, sessions left to the idle
timeout (kiosk/testing/soak.py). Asserts only what must always hold; the figures (memory, file
descriptors, rate) are for `python -m benchmarks soak`, not for a test.

Three hundred sessions, as `make test` can afford (under three minutes on two cores; the card
is shown for 0.2 s instead of 1.5 s, as the soak drives time forward). The 10,000-session run
and its figures are docs/benchmarks-soak.md.
"""
from __future__ import annotations

import logging

from kiosk.logs import personal_values
from kiosk.testing.soak import broken_promises, open_soak

SESSIONS = 300
FAULT_CHANCE = 0.25     # more than a hall's day: every kind of fault gets its turns


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
