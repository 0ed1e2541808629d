"""How the figure moves: a breath in a few pictures, each shown until the next is due; a
timed hold folds deeper on the breath out; breaths deepen the stretch across the hold."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchtimer.core.poses import STILL
from stretchtimer.gui.widgets.pose_motion import (
    BREATH_STEPS,
    DEEPEN_STEPS,
    HOLD_FOLD,
    HOLD_INHALE,
    HOLD_STEPS,
    STILL_MOTION,
    Motion,
    breath_step,
    how_it_moves,
    moment_at,
)


def test_a_breath_in_fills_the_lungs_picture_by_picture_and_the_breath_out_empties_them() -> None:
    inhale, exhale = 4.0, 6.0
    times = [i * 0.05 for i in range(int((inhale + exhale) / 0.05))]
    steps = [breath_step(t, inhale, exhale)[0] for t in times]
    breathing_in = [s for t, s in zip(times, steps, strict=True) if t < inhale]
    breathing_out = [s for t, s in zip(times, steps, strict=True) if t >= inhale]
    assert breathing_in == sorted(breathing_in)
    assert breathing_out == sorted(breathing_out, reverse=True)
    assert set(steps) == set(range(BREATH_STEPS))  # every picture, none skipped
    again = breath_step(inhale + exhale + 0.1, inhale, exhale)  # the next breath, the same
    first = breath_step(0.1, inhale, exhale)
    assert again[0] == first[0] and again[1] == pytest.approx(first[1])


@given(
    elapsed=st.floats(min_value=0.0, max_value=600.0),
    inhale=st.floats(min_value=0.5, max_value=10.0),
    exhale=st.floats(min_value=0.5, max_value=10.0),
)
def test_each_picture_is_shown_until_the_next_is_due(
    elapsed: float, inhale: float, exhale: float
) -> None:
    step, wait = breath_step(elapsed, inhale, exhale)
    assert 0 <= step < BREATH_STEPS
    longest = max(inhale, exhale) / BREATH_STEPS
    assert 0.0 <= wait <= longest + 1e-9
    if wait > 1e-6:  # just before it is due, the picture is still the same
        assert breath_step(elapsed + wait * 0.5, inhale, exhale)[0] == step


def test_a_breath_of_no_length_holds_still() -> None:
    assert breath_step(3.0, 0.0, 4.0) == (0, math.inf)


def test_a_timed_hold_lifts_the_chest_breathing_in_and_folds_deeper_breathing_out() -> None:
    hold = Motion(kind="hold", running=True, duration=40.0)
    assert hold.breath == (3.0, 3.0) and hold.steps == HOLD_STEPS  # slow, in few pictures
    empty = moment_at(hold, 0.0)
    full = moment_at(hold, HOLD_INHALE - 0.01)
    assert (empty.breath, empty.deepen) == (0.0, HOLD_FOLD)
    assert (full.breath, full.deepen) == (1.0, 0.0)


def test_counted_breaths_deepen_the_stretch_in_steps_across_the_hold() -> None:
    breaths = Motion(kind="breaths", running=True, inhale=4.0, exhale=6.0, duration=60.0)
    deepening = [moment_at(breaths, t).deepen for t in range(0, 61, 5)]
    assert deepening[0] == 0.0 and deepening[-1] == 1.0
    assert deepening == sorted(deepening)
    assert {round(d * DEEPEN_STEPS, 9) % 1 for d in deepening} == {0.0}  # whole steps only


def test_reps_blend_between_keyframes_and_a_still_pose_stays_put() -> None:
    reps = Motion(kind="reps", running=True, tempo=3.0)
    assert len({moment_at(reps, t / 2).blend for t in range(6)}) > 2
    assert moment_at(STILL_MOTION, 12.0) == STILL
    assert not STILL_MOTION.moves and reps.moves
    assert not Motion(kind="reps", running=False).moves  # paused: held where it is


def test_only_a_change_of_movement_is_a_new_motion_not_time_passing() -> None:
    a = Motion(kind="breaths", running=True, elapsed=1.0)
    assert how_it_moves(a) == how_it_moves(Motion(kind="breaths", running=True, elapsed=9.0))
    assert how_it_moves(a) != how_it_moves(Motion(kind="breaths", running=False, elapsed=1.0))
