"""A posed body seen by a camera, as drawable shapes: limbs, torso, head."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from stretchtimer.core.poses import skeleton as sk
from stretchtimer.core.poses.camera import Camera
from stretchtimer.core.poses.kinematics import LEGS, SEGMENTS, Body
from stretchtimer.core.poses.shapes import Blob, Capsule, Disc, Point, Role, Shape, convex_hull

LIMBS = ("left_leg", "right_leg", "left_arm", "right_arm")


def limb_of(segment_name: str) -> str:
    """``left_shank`` -> ``left_leg``, ``right_forearm`` -> ``right_arm``."""
    side, _, part = segment_name.partition("_")
    return f"{side}_{'leg' if part in LEGS else 'arm'}"


def body_shapes(body: Body, cam: Camera, worked: Collection[str] = ()) -> list[Shape]:
    """The body's shapes, unsorted; limbs named in ``worked`` get :attr:`Role.WORKED`."""
    shapes: list[Shape] = []
    for segment in SEGMENTS:
        start = cam.project(body.joints[segment.start])
        end = cam.project(body.joints[segment.end])
        if segment.side is None:
            role = Role.BODY
        elif limb_of(segment.name) in worked:
            role = Role.WORKED
        else:
            role = Role.LEFT if segment.side == "left" else Role.RIGHT
        shapes.append(
            Capsule(
                start=start[:2],
                end=end[:2],
                radius=sk.THICKNESS[segment.thickness],
                role=role,
                depth=(start[2] + end[2]) / 2,
            )
        )
    for part in (body.torso_lower, body.torso_upper):
        projected = [cam.project(point) for point in part]
        outline: list[Point] = [(x, y) for x, y, _ in projected]
        shapes.append(
            Blob(
                points=convex_hull(outline),
                radius=sk.THICKNESS["torso"],
                role=Role.BODY,
                depth=sum(point[2] for point in projected) / len(projected),
            )
        )
    # The neck tucks under the torso and head whatever the view.
    deepest = max(shape.depth for shape in shapes if isinstance(shape, Blob))
    shapes[0] = replace(shapes[0], depth=deepest + 0.01)
    head = cam.project(body.joints["head"])
    shapes.append(Disc(center=head[:2], radius=sk.THICKNESS["head"], role=Role.BODY, depth=head[2]))
    return shapes
