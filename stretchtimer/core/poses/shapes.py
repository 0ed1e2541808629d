"""Drawable shapes in page coordinates, in the order to draw them, with colour roles.

Nothing here knows pixels or colours: a painter (Qt, SVG) maps each :class:`Role` to a
colour of its theme and the page (heights, y up) to its own canvas.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass

Point = tuple[float, float]


class Role(enum.Enum):
    """What a shape is, for choosing its colour."""

    BODY = "body"  # torso, neck and head
    LEFT = "left"  # the left arm and leg
    RIGHT = "right"  # the right arm and leg
    WORKED = "worked"  # the limbs the step works (the app's accent)
    PROP = "prop"  # chair
    MAT = "mat"
    BAND = "band"
    SHADOW = "shadow"
    FLOOR = "floor"


@dataclass(frozen=True)
class Capsule:
    """A limb: a stroke of even thickness with round ends."""

    start: Point
    end: Point
    radius: float
    role: Role
    depth: float


@dataclass(frozen=True)
class Disc:
    """The head."""

    center: Point
    radius: float
    role: Role
    depth: float


@dataclass(frozen=True)
class Blob:
    """A convex outline with rounded corners (``radius`` wider all round): torso, props."""

    points: tuple[Point, ...]
    radius: float
    role: Role
    depth: float


@dataclass(frozen=True)
class Oval:
    """An ellipse: the soft shadow on the floor."""

    center: Point
    rx: float
    ry: float
    role: Role
    depth: float


@dataclass(frozen=True)
class Line:
    """The floor: a thin line."""

    start: Point
    end: Point
    width: float
    role: Role
    depth: float


Shape = Capsule | Disc | Blob | Oval | Line


@dataclass(frozen=True)
class Bounds:
    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def union(self, other: Bounds) -> Bounds:
        return Bounds(
            min(self.left, other.left),
            min(self.bottom, other.bottom),
            max(self.right, other.right),
            max(self.top, other.top),
        )

    def padded(self, margin: float) -> Bounds:
        return Bounds(
            self.left - margin, self.bottom - margin, self.right + margin, self.top + margin
        )


@dataclass(frozen=True)
class Drawing:
    """Shapes back to front; ``bounds`` is the page area they cover (worked out when
    first asked for: a painter with its own frame never needs it)."""

    shapes: tuple[Shape, ...]

    @functools.cached_property
    def bounds(self) -> Bounds:
        bounds = shape_bounds(self.shapes[0])
        for shape in self.shapes[1:]:
            bounds = bounds.union(shape_bounds(shape))
        return bounds


def shape_bounds(shape: Shape) -> Bounds:
    if isinstance(shape, Capsule | Line):
        grow = shape.radius if isinstance(shape, Capsule) else shape.width / 2
        xs, ys = (shape.start[0], shape.end[0]), (shape.start[1], shape.end[1])
        return Bounds(min(xs) - grow, min(ys) - grow, max(xs) + grow, max(ys) + grow)
    if isinstance(shape, Disc):
        (x, y), r = shape.center, shape.radius
        return Bounds(x - r, y - r, x + r, y + r)
    if isinstance(shape, Oval):
        x, y = shape.center
        return Bounds(x - shape.rx, y - shape.ry, x + shape.rx, y + shape.ry)
    px = [point[0] for point in shape.points]
    py = [point[1] for point in shape.points]
    r = shape.radius
    return Bounds(min(px) - r, min(py) - r, max(px) + r, max(py) + r)


def drawing_of(shapes: list[Shape]) -> Drawing:
    """Shapes in drawing order: floor, shadow and mat first, then deepest first."""
    under = [shape for shape in shapes if shape.role in _UNDER]
    rest = [shape for shape in shapes if shape.role not in _UNDER]
    under.sort(key=lambda shape: _UNDER.index(shape.role))
    rest.sort(key=lambda shape: -shape.depth)
    return Drawing(shapes=tuple(under + rest))


_UNDER = [Role.FLOOR, Role.SHADOW, Role.MAT]


def convex_hull(points: list[Point]) -> tuple[Point, ...]:
    """The convex outline of ``points``, counter-clockwise (Andrew's monotone chain)."""
    unique = sorted(set(points))
    if len(unique) <= 2:
        return tuple(unique)

    def turn(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for point in unique:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    upper: list[Point] = []
    for point in reversed(unique):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return tuple(lower[:-1] + upper[:-1])
