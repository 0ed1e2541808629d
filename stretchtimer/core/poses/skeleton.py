"""The figure's body: segment lengths, drawn thickness and the range of every joint.

Lengths are fractions of standing height (Drillis & Contini, in Winter's *Biomechanics
and Motor Control of Human Movement*; see ``POSES.md``), so a figure is 1.0 tall.
The world has y up, x where the standing figure faces, and z to the figure's right.
"""

from __future__ import annotations

from dataclasses import dataclass

FLOOR_TO_ANKLE = 0.039
SHANK = 0.246
THIGH = 0.245
TRUNK = 0.288  # hip joints to shoulder joints, standing
LUMBAR = 0.11  # the part of the trunk below the waist
UPPER_ARM = 0.186
FOREARM = 0.146
HAND = 0.108
SHOULDER_WIDTH = 0.259
HIP_WIDTH = 0.191
FOOT_LENGTH = 0.152
HEAD = 0.130  # chin to the top of the head
NECK = 0.05  # shoulder line to the base of the skull

# How thick each part is drawn (radius, in heights): even, rounded limbs.
THICKNESS = {
    "thigh": 0.043,
    "shank": 0.034,
    "foot": 0.022,
    "upper_arm": 0.029,
    "forearm": 0.025,
    "neck": 0.026,
    "torso": 0.04,  # the rounding around the torso's outline
    "head": 0.066,
}

# Seated on a chair: the seat's top and how far the hip joints sit above it.
SEAT_HEIGHT = 0.235
HIP_ABOVE_SEAT = 0.05

SIDES = ("left", "right")


def side_sign(side: str) -> float:
    """+1 for the right (+z), -1 for the left."""
    return 1.0 if side == "right" else -1.0


@dataclass(frozen=True)
class JointRange:
    """How far a motion goes from neutral, in degrees; ``low`` is the opposite motion."""

    low: float
    high: float
    low_name: str
    high_name: str


# The American Academy of Orthopaedic Surgeons' normal adult values (POSES.md). Shoulder
# adduction is not in that table: 45 is the arm across the chest.
_LIMB_RANGES = {
    "hip.flexion": JointRange(-30, 120, "extension", "flexion"),
    "hip.abduction": JointRange(-30, 45, "adduction", "abduction"),
    "hip.rotation": JointRange(-45, 45, "internal rotation", "external rotation"),
    "knee.flexion": JointRange(0, 135, "extension", "flexion"),
    "ankle.flexion": JointRange(-50, 20, "plantarflexion", "dorsiflexion"),
    "shoulder.flexion": JointRange(-60, 180, "extension", "flexion"),
    "shoulder.abduction": JointRange(-45, 180, "adduction", "abduction"),
    "shoulder.rotation": JointRange(-70, 90, "internal rotation", "external rotation"),
    "elbow.flexion": JointRange(0, 150, "extension", "flexion"),
}

RANGES: dict[str, JointRange] = {
    "spine.flexion": JointRange(-25, 80, "extension", "flexion"),
    "spine.side_bend": JointRange(-35, 35, "side bend to the left", "side bend to the right"),
    "spine.rotation": JointRange(-45, 45, "rotation to the left", "rotation to the right"),
    "neck.flexion": JointRange(-45, 45, "extension", "flexion"),
    "neck.side_bend": JointRange(-45, 45, "side bend to the left", "side bend to the right"),
    "neck.rotation": JointRange(-70, 70, "rotation to the left", "rotation to the right"),
    **{f"{side}_{joint}": limits for side in SIDES for joint, limits in _LIMB_RANGES.items()},
}

# Where the whole body is turned; these have no range.
ROOT = ("pelvis.pitch", "pelvis.roll", "pelvis.yaw")

# Every angle a pose may set (unset angles are 0, the anatomical neutral).
ANGLES: tuple[str, ...] = ROOT + tuple(RANGES)

# The angles that change sign when a pose is mirrored (turns about x and y).
MIRROR_NEGATES = frozenset(
    {
        "pelvis.roll",
        "pelvis.yaw",
        "spine.side_bend",
        "spine.rotation",
        "neck.side_bend",
        "neck.rotation",
    }
)


def mirrored_name(angle: str) -> str:
    """``left_knee.flexion`` <-> ``right_knee.flexion``; the rest unchanged."""
    if angle.startswith("left_"):
        return "right_" + angle.removeprefix("left_")
    if angle.startswith("right_"):
        return "left_" + angle.removeprefix("right_")
    return angle
