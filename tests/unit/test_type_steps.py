"""Font sizes on one ladder (kiosk/screens/type_steps.py): few distinct sizes, each near the one asked."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.screens.type_steps import LADDER, STEP, on_ladder


def test_the_ladder_climbs_in_steps_of_about_six_percent():
    assert list(LADDER) == sorted(set(LADDER))
    for below, above in zip(LADDER, LADDER[1:]):
        assert above / below <= STEP * 1.16 or above - below == 1   # whole pixels round small steps


@given(st.floats(min_value=LADDER[0], max_value=LADDER[-1]))
def test_a_size_moves_little_and_lands_on_the_ladder(px):
    stepped = on_ladder(px)
    assert stepped in LADDER
    assert abs(stepped - px) / px <= (STEP - 1) / 2 + 0.09
    assert on_ladder(stepped) == stepped


def test_every_size_from_12_to_80_pixels_is_one_of_a_few_dozen():
    # 681 sizes a tenth of a pixel apart (what sp x 1.4 x a fitting scale makes): 34 fonts opened.
    assert len({on_ladder(s / 10) for s in range(120, 800)}) <= 34
