"""How a pose figure moves: the motion a session gives it (reps, a breath-counted hold, a
timed hold breathing slowly, or still), and where in that movement the figure is at a
moment. Plain values and arithmetic: the figure (:mod:`pose_figure`) paints them.

A breath moves the figure by a few pixels, so a breath in (or out) is shown as
``BREATH_STEPS`` pictures (``HOLD_STEPS`` in a timed hold): the figure is repainted only
when the next one is due, and the pictures repeat from breath to breath.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from stretchtimer.core.poses import STILL, Moment
from stretchtimer.core.poses.motion import ease, rep_blend

BREATH_STEPS = 8  # pictures of a breath in, and of a breath out (a pixel or two apart)
DEEPEN_STEPS = 4  # how far the breaths have deepened a hold, in steps (each new step
# paints the breath's pictures again)
HOLD_INHALE, HOLD_EXHALE = 3.0, 3.0  # a timed hold breathes slowly: 6 s a breath
HOLD_STEPS = 3  # ... in pictures a second apart, drawn with the count's own: no wake-ups
HOLD_FOLD = 0.5  # a breath out in a timed hold deepens the fold by half a hold's deepening
BREATHING = ("breaths", "hold")  # motions whose pictures repeat with every breath


@dataclass(frozen=True)
class Motion:
    """How the pose moves: ``kind`` is "still", "reps", "breaths" (a breath-counted hold)
    or "hold" (a timed hold, breathing slowly); ``elapsed`` is how far into its timed
    part the session is, at the moment this was made; ``running`` is False while the
    session is paused (the figure holds where it is)."""

    kind: str = "still"
    elapsed: float = 0.0
    running: bool = False
    tempo: float = 3.0  # seconds per rep
    inhale: float = 4.0
    exhale: float = 6.0
    duration: float = 0.0  # of the timed part: breaths deepen the stretch across it

    @property
    def moves(self) -> bool:
        return self.running and self.kind in ("reps", *BREATHING)

    @property
    def breath(self) -> tuple[float, float]:
        """Seconds of a breath in and of a breath out."""
        if self.kind == "hold":
            return HOLD_INHALE, HOLD_EXHALE
        return self.inhale, self.exhale

    @property
    def steps(self) -> int:
        """Pictures of a breath in (and of a breath out)."""
        return HOLD_STEPS if self.kind == "hold" else BREATH_STEPS


STILL_MOTION = Motion()


def how_it_moves(motion: Motion) -> tuple[object, ...]:
    """A motion without its moment: what changes the figure's movement."""
    return (
        motion.kind,
        motion.running,
        motion.tempo,
        motion.inhale,
        motion.exhale,
        motion.duration,
    )


def breath_step(
    elapsed: float, inhale: float, exhale: float, steps: int = BREATH_STEPS
) -> tuple[int, float]:
    """Which of ``steps`` pictures of the breath shows ``elapsed`` seconds in (0: lungs
    empty, ``steps - 1``: full) and the seconds until the next one. The first picture of
    a breath out is the last of the breath in, and the other way round: the lungs rest
    full and empty for a moment, as they do."""
    cycle = inhale + exhale
    if inhale <= 0 or exhale <= 0:
        return 0, math.inf
    within = elapsed % cycle
    if within < inhale:
        start, length = 0.0, inhale / steps
        index = min(int(within / length), steps - 1)
        step = index
    else:
        start, length = inhale, exhale / steps
        index = min(int((within - inhale) / length), steps - 1)
        step = steps - 1 - index
    return step, max(start + (index + 1) * length - within, 0.0)


def moment_at(motion: Motion, elapsed: float) -> Moment:
    """Where in its movement a pose is, ``elapsed`` seconds into its timed part (a breath
    in steps: see :func:`breath_step`)."""
    if motion.kind == "reps":
        return Moment(blend=rep_blend(elapsed, motion.tempo))
    if motion.kind in BREATHING:
        step, _ = breath_step(elapsed, *motion.breath, motion.steps)
        fullness = ease(step / (motion.steps - 1))
        if motion.kind == "hold":  # breathing in lifts the chest, out deepens the fold
            return Moment(breath=fullness, deepen=HOLD_FOLD * (1.0 - fullness))
        deepen = min(elapsed / motion.duration, 1.0) if motion.duration > 0 else 0.0
        return Moment(breath=fullness, deepen=round(ease(deepen) * DEEPEN_STEPS) / DEEPEN_STEPS)
    return STILL
