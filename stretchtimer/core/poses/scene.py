"""A library pose made concrete: a side, a view and a moment in, a drawing out."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from stretchtimer.core.i18n import _, p_
from stretchtimer.core.poses.camera import Camera, View, camera
from stretchtimer.core.poses.figure import body_shapes
from stretchtimer.core.poses.geometry import Vec
from stretchtimer.core.poses.kinematics import Body, moved, pose_body
from stretchtimer.core.poses.library import PoseDef, resolve
from stretchtimer.core.poses.motion import (
    STILL,
    Moment,
    breathe,
    interpolate,
    mirrored,
    mirrored_limbs,
)
from stretchtimer.core.poses.props import ground_shapes, moving_prop_shapes
from stretchtimer.core.poses.shapes import Bounds, Drawing, drawing_of
from stretchtimer.core.poses.skeleton import mirrored_name
from stretchtimer.core.routine.model import Side
from stretchtimer.core.routine.wording import fill_sides


@dataclass(frozen=True)
class Posed:
    """A pose on one side (``side`` is None for a pose without sides), maybe held at one
    keyframe (``frame``)."""

    pose: PoseDef
    side: str | None = None
    frame: str | None = None

    @property
    def is_mirrored(self) -> bool:
        return self.pose.sided and self.side == "right"

    @property
    def worked(self) -> tuple[str, ...]:
        return mirrored_limbs(self.pose.worked) if self.is_mirrored else self.pose.worked

    @property
    def seat_shift(self) -> float:
        return -self.pose.seat_shift if self.is_mirrored else self.pose.seat_shift

    def angles(self, moment: Moment = STILL) -> dict[str, float]:
        """The joint angles at ``moment``, on this pose's side."""
        frames = self.pose.frames
        if self.frame is not None:
            angles = dict(self.pose.angles[self.frame])
        elif len(frames) > 1:
            angles = interpolate(
                self.pose.angles[frames[0]], self.pose.angles[frames[1]], moment.blend
            )
        else:
            angles = dict(self.pose.angles[frames[0]])
        angles = breathe(angles, self.pose.breath, moment)
        return mirrored(angles) if self.is_mirrored else angles

    def camera(self, view: View | None = None) -> Camera:
        return camera(view or self.pose.view, mirrored=self.is_mirrored)

    def body(self, moment: Moment = STILL) -> Body:
        return self.body_for(self.angles(moment))

    def body_for(self, angles: Mapping[str, float]) -> Body:
        """The body with ``angles``, resting on this pose's support; a movement's anchor
        (a foot that stays planted) kept where it is in the first keyframe."""
        body = pose_body(angles, self.pose.support)
        anchor = self.anchor
        if anchor is None:
            return body
        x, _, z = _anchor_place(self.pose.name, self.side)
        here = body.joints[anchor]
        return moved(body, (x - here[0], 0.0, z - here[2]))

    @property
    def anchor(self) -> str | None:
        anchor = self.pose.anchor
        return mirrored_name(anchor) if anchor and self.is_mirrored else anchor

    def drawing(self, moment: Moment = STILL, view: View | None = None) -> Drawing:
        """Everything, back to front: what a still picture (SVG, PNG) shows."""
        return draw(self.angles(moment), self, self.camera(view))

    def ground(self, view: View | None = None) -> Drawing:
        """The shapes that stay put while the figure moves (shadow, floor, mat, chair),
        placed from the pose at rest: a painter may draw them once and keep them."""
        return drawing_of(ground_shapes(self.rest_body(), self.camera(view), *self._props()))

    def figure(self, angles: Mapping[str, float], view: View | None = None) -> Drawing:
        """The moving shapes for ``angles``: the body and a band, back to front."""
        cam = self.camera(view)
        body = self.body_for(angles)
        shapes = moving_prop_shapes(body, cam, self.pose.props)
        return drawing_of(shapes + body_shapes(body, cam, self.worked))

    def rest_body(self) -> Body:
        """The body at rest (the first keyframe, lungs empty): where props are placed."""
        if resolve(self.pose.name).pose is self.pose:  # a library pose: worth keeping
            return _rest_body(self.pose.name, self.side, self.frame)
        return self.body_for(Posed(self.pose, self.side, self.frame or None).angles())

    def _props(self) -> tuple[tuple[str, ...], float]:
        return self.pose.props, self.seat_shift

    def steady_bounds(self, view: View | None = None) -> Bounds:
        """The page area of every moment of the movement: a frame that never jumps."""
        moments = [
            Moment(blend, breath, deepen)
            for blend in (0.0, 0.5, 1.0)
            for breath in (0.0, 1.0)
            for deepen in (0.0, 1.0)
        ]
        bounds = [self.drawing(moment, view).bounds for moment in moments]
        steady = bounds[0]
        for other in bounds[1:]:
            steady = steady.union(other)
        return steady

    def what(self) -> str:
        """What the figure shows, in the language in use: "pigeon pose, left leg forward"."""
        title = p_("pose", self.pose.title)
        shows = p_("pose", self.pose.shows) if self.pose.shows else ""
        if self.pose.sided and shows:
            side = Side.RIGHT if self.side == "right" else Side.LEFT
            shows = fill_sides(shows, side, sentence=False)
        if self.frame is not None:
            position = p_("pose position", self.frame)
            shows = f"{shows}, {position}" if shows else position
        return f"{title}, {shows}" if shows else title

    def description(self) -> str:
        """What a screen reader says: "Figure: pigeon pose, left leg forward"."""
        # TRANSLATORS: what a screen reader says of the drawn figure of a pose.
        return _("Figure: {pose}").format(pose=self.what())


def posed(name: str, side: str | None = None) -> Posed:
    """The pose called ``name`` (or ``NAME:FRAME``) on ``side`` (left when a sided pose
    is given none); raises ``UnknownPoseError`` for a name not in the library."""
    ref = resolve(name)
    if ref.pose.sided:
        side = side or "left"
    return Posed(ref.pose, side, ref.frame)


@functools.cache
def _anchor_place(name: str, side: str | None) -> Vec:
    """Where a movement's anchor joint is in its first keyframe, on ``side``."""
    pose = resolve(name).pose
    first = Posed(pose, side, pose.frames[0])
    anchor = first.anchor
    assert anchor is not None
    return pose_body(first.angles(), pose.support).joints[anchor]


@functools.cache
def _rest_body(name: str, side: str | None, frame: str | None) -> Body:
    posed = Posed(resolve(name).pose, side, frame)
    return posed.body_for(posed.angles())


def draw(angles: Mapping[str, float], posed: Posed, cam: Camera) -> Drawing:
    """The shapes of a body with ``angles``, with ``posed``'s support, props and
    worked limbs, on the ground of the pose at rest."""
    body = posed.body_for(angles)
    ground = ground_shapes(posed.rest_body(), cam, posed.pose.props, posed.seat_shift)
    moving = moving_prop_shapes(body, cam, posed.pose.props)
    return drawing_of(ground + moving + body_shapes(body, cam, posed.worked))
