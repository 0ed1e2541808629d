"""Where the figure is seen from: four views and a parallel projection onto the page.

A projected point is ``(x, y, depth)``: x to the right of the page, y up, and depth
away from the viewer (what is drawn first is deepest).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from stretchtimer.core.poses.geometry import Vec, cross, dot, normalized


class View(enum.Enum):
    SIDE = "side"
    FRONT = "front"
    THREE_QUARTER = "three-quarter"
    ABOVE = "above"


# (azimuth, elevation) in degrees: azimuth 0 looks at the figure's front, 90 at its left.
_PLACES = {
    View.SIDE: (90.0, 0.0),
    View.FRONT: (0.0, 0.0),
    View.THREE_QUARTER: (62.0, 18.0),
    View.ABOVE: (90.0, 89.0),
}


@dataclass(frozen=True)
class Camera:
    view: View
    right: Vec
    up: Vec
    ahead: Vec  # the direction the camera looks in
    mirrored: bool

    def project(self, point: Vec) -> Vec:
        return (dot(point, self.right), dot(point, self.up), dot(point, self.ahead))

    @property
    def level(self) -> bool:
        """Whether the camera looks along the floor (a floor line reads as the floor)."""
        return abs(self.up[1]) > 0.999


def camera(view: View, *, mirrored: bool = False) -> Camera:
    """The camera for ``view``; ``mirrored`` is the view of a mirrored pose (seen from the
    other side, so the two pictures are mirror images of each other)."""
    azimuth, elevation = _PLACES[view]
    if mirrored:
        azimuth = -azimuth
    a, e = math.radians(azimuth), math.radians(elevation)
    towards_camera = (math.cos(e) * math.cos(a), math.sin(e), -math.cos(e) * math.sin(a))
    ahead = normalized((-towards_camera[0], -towards_camera[1], -towards_camera[2]))
    right = normalized(cross(ahead, (0.0, 1.0, 0.0)))
    up = cross(right, ahead)
    return Camera(view=view, right=right, up=up, ahead=ahead, mirrored=mirrored)
