"""Forward kinematics: joint angles in, the position of every joint out.

Each body part has a frame (three axes) and a joint turns it relative to its parent's
frame, in this order: flexion (about the sideways axis), abduction or side bend (about
the forward axis), then rotation about the part's own long axis. Angles are degrees from
the anatomical neutral (standing, arms at the sides, feet forward), as ``POSES.md`` uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stretchtimer.core.poses import skeleton as sk
from stretchtimer.core.poses.geometry import Mat, Vec, add, apply, compose, rot_x, rot_y, rot_z

Angles = Mapping[str, float]


@dataclass(frozen=True)
class Segment:
    """A drawn piece of a limb: a capsule from joint ``start`` to joint ``end``."""

    name: str
    start: str
    end: str
    thickness: str  # a key of skeleton.THICKNESS
    side: str | None  # "left", "right" or None for the middle of the body


def _limb_segments(side: str) -> tuple[Segment, ...]:
    return (
        Segment(f"{side}_thigh", f"{side}_hip", f"{side}_knee", "thigh", side),
        Segment(f"{side}_shank", f"{side}_knee", f"{side}_ankle", "shank", side),
        Segment(f"{side}_foot", f"{side}_heel", f"{side}_toe", "foot", side),
        Segment(f"{side}_upper_arm", f"{side}_shoulder", f"{side}_elbow", "upper_arm", side),
        Segment(f"{side}_forearm", f"{side}_elbow", f"{side}_hand", "forearm", side),
    )


SEGMENTS: tuple[Segment, ...] = (
    Segment("neck", "chest", "neck_top", "neck", None),
    *_limb_segments("left"),
    *_limb_segments("right"),
)

LEGS = ("thigh", "shank", "foot")
ARMS = ("upper_arm", "forearm")


@dataclass(frozen=True)
class Body:
    """Where everything is, in heights, before any camera looks at it."""

    joints: dict[str, Vec]
    torso_lower: tuple[Vec, ...]  # outline points around the pelvis and the waist
    torso_upper: tuple[Vec, ...]  # around the waist and the chest

    def lowest(self) -> float:
        """The lowest point of the drawn body (limb surfaces included)."""
        return min(surface_points(self), key=lambda point: point[1])[1]


def angle(angles: Angles, name: str) -> float:
    return float(angles.get(name, 0.0))


def _joint(angles: Angles, prefix: str, side: float) -> Mat:
    """A ball joint: flexion, then abduction (away from the middle), then rotation
    (outwards); ``side`` is +1 on the right and -1 on the left."""
    return compose(
        compose(
            rot_z(angle(angles, f"{prefix}.flexion")),
            rot_x(-side * angle(angles, f"{prefix}.abduction")),
        ),
        rot_y(-side * angle(angles, f"{prefix}.rotation")),
    )


def _spine(angles: Angles, prefix: str, share: float, twist_share: float) -> Mat:
    """A share of the spine's (or neck's) bend: flexion forwards, side bend to the right,
    rotation to the right are positive."""
    return compose(
        compose(
            rot_z(-share * angle(angles, f"{prefix}.flexion")),
            rot_x(share * angle(angles, f"{prefix}.side_bend")),
        ),
        rot_y(-twist_share * angle(angles, f"{prefix}.rotation")),
    )


def root_frame(angles: Angles) -> Mat:
    """The pelvis's turn in the world: yaw, then roll (towards the right), then pitch
    (forwards); pitch -90 lies on the back, head towards -x."""
    return compose(
        compose(rot_y(angle(angles, "pelvis.yaw")), rot_x(angle(angles, "pelvis.roll"))),
        rot_z(-angle(angles, "pelvis.pitch")),
    )


def _at(origin: Vec, frame: Mat, offset: Vec) -> Vec:
    return add(origin, apply(frame, offset))


def pose_body(angles: Angles, support: str = "floor") -> Body:
    """The body for ``angles``, resting on the floor (its lowest point at y = 0) or sat
    on a chair (hip joints at seat height, the pelvis at x = z = 0)."""
    body = _body_at_origin(angles)
    lift = sk.SEAT_HEIGHT + sk.HIP_ABOVE_SEAT if support == "chair" else -body.lowest()
    return moved(body, (0.0, lift, 0.0))


def moved(body: Body, offset: Vec) -> Body:
    return Body(
        joints={name: add(point, offset) for name, point in body.joints.items()},
        torso_lower=tuple(add(point, offset) for point in body.torso_lower),
        torso_upper=tuple(add(point, offset) for point in body.torso_upper),
    )


def _body_at_origin(angles: Angles) -> Body:
    joints: dict[str, Vec] = {}
    origin: Vec = (0.0, 0.0, 0.0)
    pelvis = root_frame(angles)
    joints["pelvis"] = origin
    waist_frame = compose(pelvis, _spine(angles, "spine", 0.5, 0.3))
    waist = _at(origin, waist_frame, (0.0, sk.LUMBAR, 0.0))
    chest_frame = compose(waist_frame, _spine(angles, "spine", 0.5, 0.7))
    chest = _at(waist, chest_frame, (0.0, sk.TRUNK - sk.LUMBAR, 0.0))
    joints["waist"], joints["chest"] = waist, chest
    neck_frame = compose(chest_frame, _spine(angles, "neck", 1.0, 1.0))
    neck_top = _at(chest, neck_frame, (0.0, sk.NECK, 0.0))
    joints["neck_top"] = neck_top
    joints["head"] = _at(neck_top, neck_frame, (0.012, 0.055, 0.0))
    for side in sk.SIDES:
        sign = sk.side_sign(side)
        hip = _at(origin, pelvis, (0.0, 0.0, sign * sk.HIP_WIDTH / 2))
        _leg(joints, angles, side, hip=hip, pelvis=pelvis)
        shoulder = _at(chest, chest_frame, (0.0, -0.01, sign * sk.SHOULDER_WIDTH / 2))
        _arm(joints, angles, side, shoulder=shoulder, chest=chest_frame)
    lower = _outline(pelvis, origin, ((0.05, -0.03, 0.085), (-0.045, -0.03, 0.085)))
    lower += _outline(waist_frame, waist, ((0.04, 0.0, 0.07), (-0.04, 0.0, 0.07)))
    upper = _outline(waist_frame, waist, ((0.04, 0.0, 0.07), (-0.04, 0.0, 0.07)))
    upper += _outline(chest_frame, chest, ((0.045, -0.07, 0.095), (-0.045, -0.05, 0.095)))
    upper += _outline(chest_frame, chest, ((0.02, 0.0, 0.07), (-0.02, 0.0, 0.07)))
    return Body(joints=joints, torso_lower=lower, torso_upper=upper)


def _outline(frame: Mat, origin: Vec, points: tuple[Vec, ...]) -> tuple[Vec, ...]:
    """``points`` and their mirror images across the body's middle."""
    both = [*points, *((x, y, -z) for x, y, z in points)]
    return tuple(_at(origin, frame, point) for point in both)


def _leg(joints: dict[str, Vec], angles: Angles, side: str, *, hip: Vec, pelvis: Mat) -> None:
    sign = sk.side_sign(side)
    thigh = compose(pelvis, _joint(angles, f"{side}_hip", sign))
    knee = _at(hip, thigh, (0.0, -sk.THIGH, 0.0))
    shank = compose(thigh, rot_z(-angle(angles, f"{side}_knee.flexion")))
    ankle = _at(knee, shank, (0.0, -sk.SHANK, 0.0))
    foot = compose(shank, rot_z(angle(angles, f"{side}_ankle.flexion")))
    joints[f"{side}_hip"], joints[f"{side}_knee"], joints[f"{side}_ankle"] = hip, knee, ankle
    joints[f"{side}_heel"] = _at(ankle, foot, (-0.03, -0.017, 0.0))
    joints[f"{side}_toe"] = _at(ankle, foot, (0.095, -0.017, 0.0))


def _arm(joints: dict[str, Vec], angles: Angles, side: str, *, shoulder: Vec, chest: Mat) -> None:
    sign = sk.side_sign(side)
    upper = compose(chest, _joint(angles, f"{side}_shoulder", sign))
    elbow = _at(shoulder, upper, (0.0, -sk.UPPER_ARM, 0.0))
    fore = compose(upper, rot_z(angle(angles, f"{side}_elbow.flexion")))
    joints[f"{side}_shoulder"], joints[f"{side}_elbow"] = shoulder, elbow
    joints[f"{side}_wrist"] = _at(elbow, fore, (0.0, -sk.FOREARM, 0.0))
    joints[f"{side}_hand"] = _at(elbow, fore, (0.0, -sk.FOREARM - 0.45 * sk.HAND, 0.0))


def surface_points(body: Body) -> list[Vec]:
    """The lowest point of each drawn part's ends and of the torso and head: what rests on
    a floor."""
    points: list[Vec] = []
    for segment in SEGMENTS:
        radius = sk.THICKNESS[segment.thickness]
        for joint in (segment.start, segment.end):
            x, y, z = body.joints[joint]
            points.append((x, y - radius, z))
    torso = sk.THICKNESS["torso"]
    points.extend((x, y - torso, z) for x, y, z in body.torso_lower + body.torso_upper)
    x, y, z = body.joints["head"]
    points.append((x, y - sk.THICKNESS["head"], z))
    return points
