"""The poses that were hard to read show what the seeds describe (POSES.md), measured on
the posed body (x forwards, y up, z towards the figure's right; heights as the unit)."""

from __future__ import annotations

import math

import pytest

from stretchtimer.core.poses import posed
from stretchtimer.core.poses.camera import View
from stretchtimer.core.poses.geometry import Vec


def _distance(a: Vec, b: Vec) -> float:
    return math.dist(a, b)


def _to_segment(point: Vec, start: Vec, end: Vec) -> float:
    """How far ``point`` is from the segment ``start``-``end``."""
    along = [e - s for s, e in zip(start, end, strict=True)]
    length2 = sum(v * v for v in along)
    t = sum((p - s) * v for p, s, v in zip(point, start, along, strict=True)) / length2
    t = min(max(t, 0.0), 1.0)
    return _distance(point, tuple(s + v * t for s, v in zip(start, along, strict=True)))  # type: ignore[arg-type]


@pytest.mark.parametrize("side", ["left", "right"])
def test_pigeon_front_shin_lies_across_the_body_and_the_back_leg_long_behind(side: str) -> None:
    front, back = (side, "right" if side == "left" else "left")
    joints = posed("pigeon", side).body().joints
    knee, ankle = joints[f"{front}_knee"], joints[f"{front}_ankle"]
    across, forwards = abs(ankle[2] - knee[2]), abs(ankle[0] - knee[0])
    # The front shin runs across the mat, near-parallel to its front edge, flat on it.
    assert across > 2.5 * forwards
    assert abs(ankle[1] - knee[1]) < 0.05
    assert (knee[2] < 0 < ankle[2]) if front == "left" else (ankle[2] < 0 < knee[2])
    # The back leg lies long behind its own hip (not out to the side), knee straight.
    hip, back_knee, back_ankle = (
        joints[f"{back}_hip"],
        joints[f"{back}_knee"],
        joints[f"{back}_ankle"],
    )
    assert back_ankle[0] - hip[0] < -0.4
    assert abs(back_ankle[2] - hip[2]) < 0.06
    straight = _distance(hip, back_knee) + _distance(back_knee, back_ankle)
    assert _distance(hip, back_ankle) > 0.98 * straight
    # Hips square to the front of the mat; the chest above them, not folded down.
    assert joints["left_hip"][0] == pytest.approx(joints["right_hip"][0], abs=1e-9)
    assert joints["chest"][1] > joints["pelvis"][1] + 0.2


def test_pigeon_is_seen_from_three_quarters() -> None:
    # From the side the shin across the body is seen end on, and the pose reads as a lunge.
    assert posed("pigeon", "left").pose.view is View.THREE_QUARTER


def test_thread_the_needle_hands_hold_the_bottom_thigh_seen_from_the_side() -> None:
    pose = posed("thread-the-needle", "left")
    joints = pose.body().joints
    thigh = joints["right_hip"], joints["right_knee"]  # the bottom leg; left ankle over it
    for hand in ("left_hand", "right_hand"):
        # Both hands draw that leg in: behind the thigh, near the knee (not at the hips).
        assert _to_segment(joints[hand], *thigh) < 0.13
        assert _distance(joints[hand], joints["right_knee"]) < 0.15
    assert _distance(joints["left_ankle"], joints["right_knee"]) < 0.2  # the ankle over it
    # From three quarters the arms, shins and thighs crossed one another in a tangle.
    assert pose.pose.view is View.SIDE
