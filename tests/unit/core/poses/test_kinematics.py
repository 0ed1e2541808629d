"""Forward kinematics: known joint angles put joints where anatomy says."""

from __future__ import annotations

import pytest

from stretchtimer.core.poses import skeleton as sk
from stretchtimer.core.poses.kinematics import pose_body

ABS = 1e-6


def test_standing_neutral_matches_the_body_proportions() -> None:
    joints = pose_body({}).joints
    assert joints["left_ankle"][1] == pytest.approx(sk.FLOOR_TO_ANKLE, abs=ABS)
    assert joints["left_knee"][1] == pytest.approx(sk.FLOOR_TO_ANKLE + sk.SHANK, abs=ABS)
    hip = sk.FLOOR_TO_ANKLE + sk.SHANK + sk.THIGH
    assert joints["right_hip"][1] == pytest.approx(hip, abs=ABS)
    assert joints["chest"][1] == pytest.approx(hip + sk.TRUNK, abs=ABS)
    assert joints["right_hip"][2] - joints["left_hip"][2] == pytest.approx(sk.HIP_WIDTH)
    assert joints["right_shoulder"][2] - joints["left_shoulder"][2] == pytest.approx(
        sk.SHOULDER_WIDTH
    )
    top_of_head = joints["head"][1] + sk.THICKNESS["head"]
    assert top_of_head == pytest.approx(1.0, abs=0.02)


def test_hip_flexed_ninety_puts_the_knee_straight_ahead_at_hip_height() -> None:
    joints = pose_body({"left_hip.flexion": 90}).joints
    hip, knee = joints["left_hip"], joints["left_knee"]
    assert knee[0] - hip[0] == pytest.approx(sk.THIGH, abs=ABS)
    assert knee[1] == pytest.approx(hip[1], abs=ABS)
    assert knee[2] == pytest.approx(hip[2], abs=ABS)


def test_seated_knee_at_ninety_hangs_the_shank_straight_down() -> None:
    angles = {"right_hip.flexion": 90, "right_knee.flexion": 90}
    joints = pose_body(angles, "chair").joints
    knee, ankle = joints["right_knee"], joints["right_ankle"]
    assert ankle[0] == pytest.approx(knee[0], abs=ABS)
    assert knee[1] - ankle[1] == pytest.approx(sk.SHANK, abs=ABS)
    # sat on the chair, the feet reach the floor
    assert ankle[1] == pytest.approx(sk.FLOOR_TO_ANKLE, abs=0.002)


def test_an_arm_raised_forwards_to_180_points_straight_up() -> None:
    joints = pose_body({"left_shoulder.flexion": 180}).joints
    shoulder, wrist = joints["left_shoulder"], joints["left_wrist"]
    assert wrist[1] - shoulder[1] == pytest.approx(sk.UPPER_ARM + sk.FOREARM, abs=ABS)
    assert wrist[0] == pytest.approx(shoulder[0], abs=ABS)


@pytest.mark.parametrize("side", ["left", "right"])
def test_abduction_moves_each_leg_away_from_the_middle(side: str) -> None:
    still = pose_body({}).joints[f"{side}_knee"][2]
    spread = pose_body({f"{side}_hip.abduction": 30}).joints[f"{side}_knee"][2]
    assert abs(spread) > abs(still) + 0.1


def test_turning_a_seated_hip_outwards_swings_the_foot_across_the_body() -> None:
    # What a figure-four needs: with hip and knee bent, external rotation brings the
    # right foot towards the middle (and the other knee).
    seated = {"right_hip.flexion": 90, "right_knee.flexion": 90}
    before = pose_body(seated).joints["right_ankle"][2]
    after = pose_body(seated | {"right_hip.rotation": 45}).joints["right_ankle"][2]
    assert after < before - 0.1


def test_forward_bend_of_the_spine_moves_the_shoulders_forward_and_down() -> None:
    upright = pose_body({}).joints["chest"]
    bent = pose_body({"spine.flexion": 60}).joints["chest"]
    assert bent[0] > upright[0] + 0.1
    assert bent[1] < upright[1] - 0.05


def test_lying_on_the_back_puts_head_and_feet_at_the_ends_of_the_body() -> None:
    joints = pose_body({"pelvis.pitch": -90}).joints
    assert joints["head"][0] < joints["pelvis"][0] < joints["left_ankle"][0]
    assert joints["chest"][1] == pytest.approx(joints["pelvis"][1], abs=ABS)
    assert joints["chest"][0] - joints["pelvis"][0] == pytest.approx(-sk.TRUNK, abs=ABS)


@pytest.mark.parametrize(
    "angles", [{}, {"pelvis.pitch": -90}, {"pelvis.pitch": 60, "spine.flexion": 50}]
)
def test_a_floor_pose_rests_on_the_floor(angles: dict[str, float]) -> None:
    assert pose_body(angles).lowest() == pytest.approx(0.0, abs=ABS)
