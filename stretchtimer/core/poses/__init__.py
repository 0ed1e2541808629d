"""Pose figures: a skeleton posed by joint angles, seen by a camera, as drawable shapes.

Pure Python and no pixels: ``gui/widgets/pose_figure.py`` paints the shapes with Qt,
``svg.py`` writes them as SVG. The pose names are those of ``library.toml``; a
movement's keyframes are ``NAME:FRAME``.

Checking a routine file's pose names needs only the library: the figure's kinematics
and shapes (``posed``, ``Posed``, ``Moment``, ``STILL``) load with their first use, so
reading the built-in routines at start-up does not load them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from stretchtimer.core.poses.library import (
    UnknownPoseError,
    frame_names,
    pose_names,
    resolve,
    suggest,
)

if TYPE_CHECKING:
    from stretchtimer.core.poses.motion import STILL, Moment
    from stretchtimer.core.poses.scene import Posed, posed

_LATER = {
    "STILL": "stretchtimer.core.poses.motion",
    "Moment": "stretchtimer.core.poses.motion",
    "Posed": "stretchtimer.core.poses.scene",
    "posed": "stretchtimer.core.poses.scene",
}


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


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
