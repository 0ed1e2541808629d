"""Movement: reps at their tempo, the breath, easing between steps."""

from __future__ import annotations

import pytest

from stretchtimer.core.poses import Moment, posed
from stretchtimer.core.poses.motion import ease, interpolate, mirrored, rep_blend


@pytest.mark.parametrize(
    ("elapsed", "blend"), [(0.0, 0.0), (1.0, 0.5), (2.0, 1.0), (3.0, 0.5), (4.0, 0.0), (6.0, 1.0)]
)
def test_a_rep_goes_out_and_back_once_per_tempo(elapsed: float, blend: float) -> None:
    assert rep_blend(elapsed, tempo=4.0) == pytest.approx(blend, abs=1e-9)


def test_easing_starts_and_ends_slowly() -> None:
    assert ease(0.0) == 0.0
    assert ease(1.0) == 1.0
    assert ease(0.5) == pytest.approx(0.5)
    assert ease(0.1) < 0.1
    assert ease(0.9) > 0.9
    assert ease(-1.0) == 0.0
    assert ease(2.0) == 1.0


def test_interpolation_goes_straight_between_keyframes() -> None:
    assert interpolate({"a": 0.0, "b": 10.0}, {"a": 20.0}, 0.25) == {"a": 5.0, "b": 7.5}


def test_mirroring_swaps_sides_and_reverses_turns() -> None:
    assert mirrored({"left_hip.flexion": 30, "spine.rotation": -20, "pelvis.pitch": 5}) == {
        "right_hip.flexion": 30,
        "spine.rotation": 20,
        "pelvis.pitch": 5,
    }


def test_a_rep_moves_between_the_two_keyframes() -> None:
    bridge = posed("glute-bridge")
    assert bridge.angles(Moment(blend=0.0))["pelvis.pitch"] == -90
    assert bridge.angles(Moment(blend=1.0))["pelvis.pitch"] == -126
    assert bridge.angles(Moment(blend=0.5))["pelvis.pitch"] == -108


def test_breathing_in_lifts_the_chest_and_the_breaths_deepen_the_fold() -> None:
    fold = posed("forward-hang")
    still = fold.angles()["spine.flexion"]
    assert fold.angles(Moment(breath=1.0))["spine.flexion"] < still
    assert fold.angles(Moment(deepen=1.0))["spine.flexion"] > still + 3


def test_a_keyframe_held_on_its_own_does_not_move_with_reps() -> None:
    top = posed("hip-hinge:top")
    assert top.angles(Moment(blend=0.0)) == top.angles(Moment(blend=1.0))
