"""The player's pose figure: which pose a snapshot shows, on which side, and how it moves.

A step names its pose with ``pose = "NAME"`` (routine format 2). Until every routine file
can, a step without one shows its name in the figure's place.
"""

from __future__ import annotations

from stretchtimer.core.routine.model import Step
from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.gui.widgets.pose_figure import PoseFigure
from stretchtimer.gui.widgets.pose_motion import Motion
from stretchtimer.gui.widgets.pose_thumbnail import step_pose


def pose_name(step: Step) -> str | None:
    """The pose a step names, if any."""
    return step_pose(step)


def figure_motion(snapshot: Snapshot) -> Motion:
    """Reps move at the step's tempo, breath-counted holds breathe at the pace and deepen,
    timed holds breathe slowly (a glance shows the session is alive); the rest is still."""
    segment = snapshot.segment
    running = snapshot.state is State.RUNNING
    if segment.kind is SegmentKind.REPS:
        return Motion("reps", snapshot.elapsed, running, tempo=segment.tempo)
    if segment.kind is SegmentKind.BREATHS:
        return Motion(
            "breaths",
            snapshot.elapsed,
            running,
            inhale=segment.inhale,
            exhale=segment.exhale,
            duration=segment.duration,
        )
    if segment.kind is SegmentKind.HOLD:
        return Motion("hold", snapshot.elapsed, running)
    return Motion()


def show_snapshot(figure: PoseFigure, snapshot: Snapshot) -> None:
    """Show the snapshot's step on its side, moving as the segment does."""
    step = snapshot.step
    if step is None or snapshot.segment.kind is SegmentKind.DONE:
        figure.show_pose(None)
        return
    side = snapshot.side.value if snapshot.side is not None else None
    figure.show_pose(pose_name(step), side, fallback=step.name)
    figure.set_motion(figure_motion(snapshot))
