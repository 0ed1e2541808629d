"""Movement: blending keyframes for reps, the breath, and easing from step to step."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from stretchtimer.core.poses import skeleton as sk

# How much a full breath in lifts and opens the chest, in degrees.
INHALE_LIFT = {"spine.flexion": -3.0, "neck.flexion": -2.0}


@dataclass(frozen=True)
class Moment:
    """Where in its movement a pose is drawn.

    ``blend``: 0 at the first keyframe, 1 at the second (reps). ``breath``: how full the
    lungs are, 0..1. ``deepen``: how far the breaths have deepened the stretch, 0..1.
    """

    blend: float = 0.0
    breath: float = 0.0
    deepen: float = 0.0


STILL = Moment()


def ease(t: float) -> float:
    """Slow out, slow in: 0 -> 0, 1 -> 1, flat at both ends."""
    t = min(max(t, 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


def rep_blend(elapsed: float, tempo: float) -> float:
    """Out and back once per rep: 0 at the start of each rep, 1 halfway, eased."""
    if tempo <= 0:
        return 0.0
    within = (elapsed % tempo) / tempo
    return (1.0 - math.cos(2.0 * math.pi * within)) / 2.0


def interpolate(a: Mapping[str, float], b: Mapping[str, float], t: float) -> dict[str, float]:
    """Angles ``t`` of the way from ``a`` to ``b`` (each angle straight across)."""
    names = set(a) | set(b)
    return {name: a.get(name, 0.0) + (b.get(name, 0.0) - a.get(name, 0.0)) * t for name in names}


def breathe(
    angles: Mapping[str, float], deepen_by: Mapping[str, float], moment: Moment
) -> dict[str, float]:
    """``angles`` with the chest lifted by the breath and the stretch deepened."""
    moved = dict(angles)
    for name, lift in INHALE_LIFT.items():
        moved[name] = moved.get(name, 0.0) + lift * moment.breath
    for name, extra in deepen_by.items():
        moved[name] = moved.get(name, 0.0) + extra * moment.deepen
    return moved


def mirrored(angles: Mapping[str, float]) -> dict[str, float]:
    """The same pose for the other side: left and right swapped, turns reversed."""
    return {
        sk.mirrored_name(name): (-value if name in sk.MIRROR_NEGATES else value)
        for name, value in angles.items()
    }


def mirrored_limbs(limbs: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sk.mirrored_name(limb) for limb in limbs)
