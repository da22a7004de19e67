"""The density: [ui] density when set, else the window's shorter side over the 540 dp the screens
are designed on, so a 1080×1920 panel and a 1920×1080 one show the 540×960 layout at twice the size."""
from __future__ import annotations

import pytest

from kiosk.ui.boot import density_for


@pytest.mark.parametrize("size, density", [
    ((540, 960), 1.0), ((1080, 1920), 2.0), ((1920, 1080), 2.0), ((768, 1366), 1.422), ((2160, 3840), 4.0),
])
def test_derived_from_the_shorter_side(size, density):
    assert density_for(0, size) == pytest.approx(density, abs=0.001)


def test_the_setting_wins():
    assert density_for(1.5, (1080, 1920)) == 1.5


def test_a_tiny_window_keeps_a_usable_density():
    assert density_for(0, (200, 300)) == 0.5
