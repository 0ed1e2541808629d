"""Is a pose one a body can take? Joint ranges, the floor, the chair seat, contact.

Every problem names the pose, its side and keyframe, and the limit it breaks.
"""

from __future__ import annotations

from itertools import product

from stretchtimer.core.poses import skeleton as sk
from stretchtimer.core.poses.geometry import lerp
from stretchtimer.core.poses.kinematics import SEGMENTS, Body, surface_points
from stretchtimer.core.poses.library import PoseDef
from stretchtimer.core.poses.motion import Moment
from stretchtimer.core.poses.props import chair_box
from stretchtimer.core.poses.scene import Posed

FLOOR_TOLERANCE = 0.004  # heights: 7 mm for a 175 cm person
CONTACT_TOLERANCE = 0.025  # how close a resting part must be to what it rests on (4 cm)

# Where each resting joint's surface is: the part drawn around it.
_CONTACT_PART = {
    "heel": "foot",
    "toe": "foot",
    "ankle": "shank",
    "knee": "thigh",
    "hip": "thigh",
    "hand": "forearm",
    "elbow": "upper_arm",
    "wrist": "forearm",
}

_MOMENTS = [
    Moment(blend, breath, deepen) for blend, breath, deepen in product((0.0, 1.0), repeat=3)
]


def problems(pose: PoseDef) -> list[str]:
    """Every limit ``pose`` breaks, on each side, keyframe and moment of its breath."""
    found: list[str] = []
    sides = ("left", "right") if pose.sided else (None,)
    for side in sides:
        for frame in pose.frames:
            posed = Posed(pose, side, frame if pose.movement else None)
            where = ", ".join(part for part in (side, frame if pose.movement else "") if part)
            label = f"{pose.name} ({where})" if where else pose.name
            for moment in _MOMENTS:
                for problem in _problems_at(posed, moment):
                    message = f"{label}: {problem}"
                    if message not in found:
                        found.append(message)
    return found


def _problems_at(posed: Posed, moment: Moment) -> list[str]:
    angles = posed.angles(moment)
    found = [
        _range_problem(name, value)
        for name, value in sorted(angles.items())
        if name in sk.RANGES
        and _outside(name, value)
        and sk.mirrored_name(name) not in posed.pose.beyond
        and name not in posed.pose.beyond
    ]
    body = posed.body(moment)
    found += _floor_problems(body)
    if posed.pose.support == "chair":
        found += _seat_problems(body, posed.seat_shift)
    if moment == Moment(moment.blend):  # the breath may lift a resting part a little
        found += _contact_problems(posed, body)
    return found


def _outside(name: str, value: float) -> bool:
    limits = sk.RANGES[name]
    return not limits.low - 0.5 <= value <= limits.high + 0.5


def _range_problem(name: str, value: float) -> str:
    limits = sk.RANGES[name]
    joint = name.split(".", maxsplit=1)[0].replace("_", " ")
    if value > limits.high:
        return (
            f"{name} is {value:.0f}°, past the {joint}'s {limits.high_name} of {limits.high:.0f}°"
        )
    return f"{name} is {value:.0f}°, past the {joint}'s {limits.low_name} of {-limits.low:.0f}°"


def _floor_problems(body: Body) -> list[str]:
    low = min(surface_points(body), key=lambda point: point[1])
    if low[1] < -FLOOR_TOLERANCE:
        return [f"a part of the body is {-low[1]:.3f} heights below the floor"]
    return []


def _seat_problems(body: Body, shift: float) -> list[str]:
    (x0, y0, z0), (x1, y1, z1) = chair_box(body, shift)
    found = []
    for segment in SEGMENTS:
        radius = sk.THICKNESS[segment.thickness]
        start, end = body.joints[segment.start], body.joints[segment.end]
        for i in range(11):
            x, y, z = lerp(start, end, i / 10)
            if x0 < x < x1 and z0 < z < z1 and y0 - radius < y < y1 + radius * 0.5:
                found.append(f"the {segment.name.replace('_', ' ')} goes through the chair seat")
                break
    return found


def _contact_problems(posed: Posed, body: Body) -> list[str]:
    found = []
    for joint in posed.pose.rests:
        name = sk.mirrored_name(joint) if posed.is_mirrored else joint
        surface, support = _surface(body, name), 0.0
        if name == "pelvis" and posed.pose.support == "chair":
            surface, support = body.joints[name][1] - sk.HIP_ABOVE_SEAT, sk.SEAT_HEIGHT
        if abs(surface - support) > CONTACT_TOLERANCE:
            found.append(
                f"the {name.replace('_', ' ')} should rest on the floor but is "
                f"{surface - support:+.3f} heights from it"
            )
    return found


def _surface(body: Body, joint: str) -> float:
    """The height of the underside of the part at ``joint``."""
    if joint in ("pelvis", "chest"):
        outline = body.torso_lower if joint == "pelvis" else body.torso_upper
        return min(point[1] for point in outline) - sk.THICKNESS["torso"]
    if joint == "head":
        return body.joints[joint][1] - sk.THICKNESS["head"]
    part = _CONTACT_PART[joint.partition("_")[2]]
    return body.joints[joint][1] - sk.THICKNESS[part]
