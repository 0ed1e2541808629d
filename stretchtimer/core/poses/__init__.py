"""Pose figures: a skeleton posed by joint angles, seen by a camera, as drawable shapes.

Pure Python and no pixels: ``gui/widgets/pose_figure.py`` paints the shapes with Qt,
``svg.py`` writes them as SVG. The pose names are those of ``library.toml``; a
movement's keyframes are ``NAME:FRAME``.
"""

from __future__ import annotations

from stretchtimer.core.poses.library import (
    UnknownPoseError,
    frame_names,
    pose_names,
    resolve,
    suggest,
)
from stretchtimer.core.poses.motion import STILL, Moment
from stretchtimer.core.poses.scene import Posed, posed

__all__ = [
    "STILL",
    "Moment",
    "Posed",
    "UnknownPoseError",
    "frame_names",
    "pose_names",
    "posed",
    "resolve",
    "suggest",
]
