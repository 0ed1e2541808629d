"""What the figure uses and rests on: floor, soft shadow, mat, chair, band.

Props are placed from the body (a mat under it, a chair under the pelvis) so a pose
names only which props it has.
"""

from __future__ import annotations

from itertools import product

from stretchtimer.core.poses import skeleton as sk
from stretchtimer.core.poses.camera import Camera
from stretchtimer.core.poses.geometry import Vec
from stretchtimer.core.poses.kinematics import Body, surface_points
from stretchtimer.core.poses.shapes import (
    Blob,
    Capsule,
    Line,
    Oval,
    Point,
    Role,
    Shape,
    convex_hull,
)

PROPS = ("mat", "chair", "band")

MAT_WIDTH = 0.35  # a 61 cm mat for a 175 cm person
MAT_THICKNESS = 0.008
SEAT_DEPTH = 0.25
SEAT_WIDTH = 0.26
SEAT_THICKNESS = 0.03
CHAIR_BACK = 0.28  # how far the backrest rises above the seat


def footprint(body: Body, margin: float) -> tuple[float, float, float, float]:
    """``(x0, z0, x1, z1)`` the body covers seen from above, ``margin`` wider all round."""
    points = surface_points(body) + list(body.joints.values())
    xs = [point[0] for point in points]
    zs = [point[2] for point in points]
    return (min(xs) - margin, min(zs) - margin, max(xs) + margin, max(zs) + margin)


def chair_box(body: Body, shift: float = 0.0) -> tuple[Vec, Vec]:
    """The seat's two opposite corners: under the pelvis (``shift`` to its right),
    reaching back behind it."""
    x, _, z = body.joints["pelvis"]
    z += shift
    top = sk.SEAT_HEIGHT
    return (
        (x - SEAT_DEPTH + 0.1, top - SEAT_THICKNESS, z - SEAT_WIDTH / 2),
        (x + 0.1, top, z + SEAT_WIDTH / 2),
    )


def _box(cam: Camera, low: Vec, high: Vec, role: Role, radius: float = 0.004) -> Blob:
    corners = [
        cam.project((x, y, z))
        for x, y, z in product((low[0], high[0]), (low[1], high[1]), (low[2], high[2]))
    ]
    outline: list[Point] = [(px, py) for px, py, _ in corners]
    depth = sum(corner[2] for corner in corners) / len(corners)
    return Blob(points=convex_hull(outline), radius=radius, role=role, depth=depth)


def _chair(body: Body, cam: Camera, shift: float) -> list[Shape]:
    (x0, y0, z0), (x1, y1, z1) = chair_box(body, shift)
    shapes: list[Shape] = [_box(cam, (x0, y0, z0), (x1, y1, z1), Role.PROP)]
    leg = 0.012
    for x, z in product((x0 + leg, x1 - leg), (z0 + leg, z1 - leg)):
        foot = cam.project((x, leg, z))
        seat = cam.project((x, y0, z))
        shapes.append(Capsule(foot[:2], seat[:2], leg, Role.PROP, (foot[2] + seat[2]) / 2))
    for z in (z0 + leg, z1 - leg):
        low = cam.project((x0 + leg, y1, z))
        high = cam.project((x0 - 0.02, y1 + CHAIR_BACK, z))
        shapes.append(Capsule(low[:2], high[:2], leg, Role.PROP, (low[2] + high[2]) / 2))
    shapes.append(
        _box(cam, (x0 - 0.035, y1 + 0.14, z0), (x0 - 0.005, y1 + CHAIR_BACK, z1), Role.PROP, 0.01)
    )
    return shapes


def _mat(body: Body, cam: Camera) -> Shape:
    x0, z0, x1, z1 = footprint(body, 0.06)
    if x1 - x0 >= z1 - z0:  # lengthwise along x
        middle = (z0 + z1) / 2
        z0, z1 = min(z0, middle - MAT_WIDTH / 2), max(z1, middle + MAT_WIDTH / 2)
    else:
        middle = (x0 + x1) / 2
        x0, x1 = min(x0, middle - MAT_WIDTH / 2), max(x1, middle + MAT_WIDTH / 2)
    return _box(cam, (x0, 0.0, z0), (x1, MAT_THICKNESS, z1), Role.MAT, 0.006)


def _band(body: Body, cam: Camera) -> Shape:
    left, right = body.joints["left_ankle"], body.joints["right_ankle"]
    a = cam.project((left[0], left[1] + 0.03, left[2]))
    b = cam.project((right[0], right[1] + 0.03, right[2]))
    # In front of the legs it loops around: drawn just nearer than the nearer shank.
    return Capsule(a[:2], b[:2], 0.011, Role.BAND, min(a[2], b[2]) - 0.05)


def _shadow(body: Body, cam: Camera) -> Shape:
    x0, z0, x1, z1 = footprint(body, 0.04)
    corners = [cam.project((x, 0.0, z)) for x, z in product((x0, x1), (z0, z1))]
    xs = [corner[0] for corner in corners]
    ys = [corner[1] for corner in corners]
    center = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return Oval(
        center, (max(xs) - min(xs)) / 2, max((max(ys) - min(ys)) / 2, 0.025), Role.SHADOW, 0.0
    )


def _floor(body: Body, cam: Camera) -> Shape:
    x0, z0, x1, z1 = footprint(body, 0.0)
    corners = [cam.project((x, 0.0, z)) for x, z in product((x0, x1), (z0, z1))]
    xs = [corner[0] for corner in corners]
    y = min(corner[1] for corner in corners)
    return Line((min(xs) - 0.2, y), (max(xs) + 0.2, y), 0.006, Role.FLOOR, 0.0)


def ground_shapes(
    body: Body, cam: Camera, props: tuple[str, ...], seat_shift: float = 0.0
) -> list[Shape]:
    """What stays put while the figure moves: shadow, floor, mat, chair (placed from
    ``body``, the pose at rest)."""
    shapes: list[Shape] = [_shadow(body, cam)]
    if cam.view.value != "above":
        shapes.append(_floor(body, cam))
    if "mat" in props:
        shapes.append(_mat(body, cam))
    if "chair" in props:
        shapes.extend(_chair(body, cam, seat_shift))
    return shapes


def moving_prop_shapes(body: Body, cam: Camera, props: tuple[str, ...]) -> list[Shape]:
    """Props that move with the body: the band around the ankles."""
    return [_band(body, cam)] if "band" in props else []
