"""The pose library: named poses of joint angles, read from ``library.toml``.

A pose is defined once; a sided pose (``sided = true``) is written for the left side and
mirrored for the right. A movement has two keyframes (``frames``) that reps move between;
each keyframe is addressable on its own as ``NAME:FRAME`` (``glute-bridge:up``), which
shows that keyframe standing still.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from stretchtimer.core.poses import skeleton as sk
from stretchtimer.core.poses.camera import View
from stretchtimer.core.poses.props import PROPS

FRAME_SEPARATOR = ":"
SUPPORTS = ("floor", "chair")


class UnknownPoseError(ValueError):
    """A pose name the library does not have; the message suggests the closest."""


@dataclass(frozen=True)
class PoseDef:
    """One library pose, as written (for the left side when sided)."""

    name: str
    title: str  # "pigeon pose": how a screen reader names it
    shows: str  # "{side} leg forward": what a person should see, per side
    sided: bool
    view: View
    support: str  # "floor" or "chair"
    props: tuple[str, ...]
    worked: tuple[str, ...]  # limbs in the accent colour: "left_leg", "right_arm", ...
    rests: tuple[str, ...]  # joints that must touch what the body rests on
    frames: tuple[str, ...]  # keyframe names; one for a still pose
    angles: dict[str, dict[str, float]]  # per keyframe
    breath: dict[str, float] = field(default_factory=dict)  # how far breaths deepen it
    beyond: dict[str, str] = field(default_factory=dict)  # angle -> why past its range
    seat_shift: float = 0.0  # the chair moved towards the right (sitting at its edge)
    anchor: str | None = None  # a joint that stays put while a movement moves

    @property
    def movement(self) -> bool:
        return len(self.frames) > 1


@dataclass(frozen=True)
class PoseRef:
    """A name from a routine, resolved: the pose and, for ``NAME:FRAME``, one keyframe."""

    pose: PoseDef
    frame: str | None = None


def pose_names() -> list[str]:
    """Every pose name, sorted (keyframes not listed: see :func:`frame_names`)."""
    return sorted(library())


def frame_names() -> list[str]:
    """``NAME:FRAME`` for every keyframe of every movement."""
    return [
        f"{pose.name}{FRAME_SEPARATOR}{frame}"
        for pose in sorted(library().values(), key=lambda pose: pose.name)
        if pose.movement
        for frame in pose.frames
    ]


def suggest(name: str) -> str | None:
    """The closest pose name to a misspelt one, or None when none is close."""
    wanted = name.strip().lower().replace(" ", "-").replace("_", "-")
    if wanted in library():
        return wanted
    import difflib  # only for a misspelt name: not loaded with the cards' pictures

    close = difflib.get_close_matches(wanted, pose_names() + frame_names(), n=1, cutoff=0.6)
    return close[0] if close else None


def resolve(name: str) -> PoseRef:
    """The pose named ``name`` (or ``NAME:FRAME``); :class:`UnknownPoseError` otherwise."""
    base, _, frame = name.partition(FRAME_SEPARATOR)
    pose = library().get(base)
    if pose is not None and (not frame or frame in pose.frames):
        return PoseRef(pose, frame or None)
    if pose is not None:
        frames = ", ".join(pose.frames)
        raise UnknownPoseError(f"The pose {base!r} has no frame {frame!r}; it has {frames}.")
    close = suggest(name)
    hint = f" Did you mean {close!r}?" if close else ""
    raise UnknownPoseError(
        f"There is no pose called {name!r}.{hint} `stretchtimer pose list` shows them all."
    )


@functools.cache
def library() -> dict[str, PoseDef]:
    text = resources.files(__package__).joinpath("library.toml").read_text(encoding="utf-8")
    return {name: _pose(name, table) for name, table in tomllib.loads(text).items()}


def _pose(name: str, table: dict[str, Any]) -> PoseDef:
    frames = tuple(table.get("frames", ("still",)))
    base = _angles(name, table.get("angles", {}))
    per_frame = table.get("frame", {})
    if set(per_frame) - set(frames):
        raise ValueError(f"pose {name}: frames {sorted(set(per_frame) - set(frames))} not listed")
    support = table.get("support", "floor")
    props = tuple(table.get("props", ()))
    if support not in SUPPORTS or set(props) - set(PROPS):
        raise ValueError(f"pose {name}: unknown support {support!r} or props {props}")
    return PoseDef(
        name=name,
        title=table["title"],
        shows=table.get("shows", ""),
        sided=bool(table.get("sided", False)),
        view=View(table.get("view", "side")),
        support=support,
        props=props,
        worked=tuple(table.get("worked", ())),
        rests=tuple(table.get("rests", ())),
        frames=frames,
        angles={frame: base | _angles(name, per_frame.get(frame, {})) for frame in frames},
        breath=_angles(name, table.get("breath", {})),
        beyond=dict(table.get("beyond", {})),
        seat_shift=float(table.get("seat_shift", 0.0)),
        anchor=table.get("anchor"),
    )


def _angles(pose: str, table: dict[str, Any]) -> dict[str, float]:
    unknown = sorted(set(table) - set(sk.ANGLES))
    if unknown:
        raise ValueError(f"pose {pose}: unknown angles {unknown}")
    return {name: float(value) for name, value in table.items()}
