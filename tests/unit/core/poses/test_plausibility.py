"""Every library pose is one a body can take; a broken one says which limit it breaks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stretchtimer.core.poses import pose_names, resolve
from stretchtimer.core.poses.library import PoseDef
from stretchtimer.core.poses.plausibility import problems


def with_angles(name: str, changes: dict[str, float], **fields: object) -> PoseDef:
    pose = resolve(name).pose
    angles = {frame: values | changes for frame, values in pose.angles.items()}
    return replace(pose, angles=angles, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", pose_names())
def test_every_library_pose_is_plausible(name: str) -> None:
    assert problems(resolve(name).pose) == []


@pytest.mark.parametrize("name", pose_names())
def test_every_angle_past_its_range_gives_a_reason(name: str) -> None:
    for reason in resolve(name).pose.beyond.values():
        assert len(reason) > 40


def test_a_joint_past_its_range_is_named_with_the_limit() -> None:
    pose = with_angles("seated-breathing", {"left_knee.flexion": 160})
    assert problems(pose)[0] == (
        "seated-breathing: left_knee.flexion is 160°, past the left knee's flexion of 135°"
    )


def test_a_sided_pose_is_checked_on_both_sides() -> None:
    pose = with_angles("pigeon", {"left_elbow.flexion": -20})
    found = problems(pose)
    assert (
        "pigeon (left): left_elbow.flexion is -20°, past the left elbow's extension of 0°" in found
    )
    assert (
        "pigeon (right): right_elbow.flexion is -20°, past the right elbow's extension of 0°"
        in found
    )


def test_a_reason_lets_a_pose_pass_its_range() -> None:
    bent = with_angles("seated-breathing", {"spine.flexion": 90})
    assert any("spine.flexion is 90°" in problem for problem in problems(bent))
    excused = replace(bent, beyond={"spine.flexion": "A reason, written for the test."})
    assert not any("spine.flexion" in problem for problem in problems(excused))


def test_a_foot_pushed_through_the_floor_is_found() -> None:
    # Sat on a chair, straightening the knees down would put the feet under the floor.
    pose = with_angles("seated-breathing", {"left_hip.flexion": 20, "left_knee.flexion": 0})
    assert "a part of the body is" in problems(pose)[0]
    assert "below the floor" in problems(pose)[0]


def test_a_leg_through_the_chair_seat_is_found() -> None:
    pose = with_angles("seated-breathing", {"right_hip.flexion": -20, "right_knee.flexion": 90})
    assert "seated-breathing: the right thigh goes through the chair seat" in problems(pose)


def test_a_part_that_should_rest_on_the_floor_but_floats_is_found() -> None:
    pose = with_angles("lying-rest", {"left_hip.flexion": 90, "left_knee.flexion": 30})
    assert any(
        problem.startswith("lying-rest: the left heel should rest on the floor but is +")
        for problem in problems(pose)
    )
