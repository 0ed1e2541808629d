"""Text for the terminal player: one line per segment, and a live status line."""

from __future__ import annotations

import textwrap

from stretchtimer.core.formatting import clock_text, seconds_text
from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import Plan, Segment, SegmentKind
from stretchtimer.core.session.snapshot import Snapshot

BAR_WIDTH = 20


def progress_bar(fraction: float, width: int = BAR_WIDTH, *, unicode: bool = True) -> str:
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    full, empty = ("█", "░") if unicode else ("#", "-")
    return full * filled + empty * (width - filled)


def segment_lines(plan: Plan, segment: Segment, *, width: int = 88) -> list[str]:
    """What is printed, once, when ``segment`` starts."""
    step = plan.step(segment)
    steps = len(plan.routine.steps)
    side = f", {segment.side.value} side" if segment.side else ""
    if segment.kind is SegmentKind.PREPARE and step is not None:
        assert segment.step_index is not None
        lines = ["", f"{segment.step_index + 1}/{steps}  {step.name}"]
        if step.say:
            lines += textwrap.wrap(
                step.say, width=width, initial_indent="      ", subsequent_indent="      "
            )
        return lines
    if segment.kind is SegmentKind.HOLD:
        return [f"      hold {seconds_text(segment.duration)}{side}"]
    if segment.kind is SegmentKind.BREATHS:
        return [f"      {segment.breaths} slow breaths{side}"]
    if segment.kind is SegmentKind.REPS:
        sets = f", set {segment.set_number} of {segment.sets}" if segment.sets > 1 else ""
        return [f"      {segment.reps} reps{sets}{side}"]
    if segment.kind is SegmentKind.SWITCH:
        return [f"      switch sides: {segment.side.value if segment.side else ''}"]
    if segment.kind is SegmentKind.SET_REST:
        return [f"      rest {clock_text(segment.duration)} before set {segment.set_number}"]
    if segment.kind is SegmentKind.REST and segment.step_index is not None:
        upcoming = plan.routine.steps[segment.step_index + 1].name
        return [f"      rest {clock_text(segment.duration)}, next: {upcoming}"]
    return []


def activity(snapshot: Snapshot) -> str:
    """A few words for what is happening now."""
    segment = snapshot.segment
    side = f" {snapshot.side.value}" if snapshot.side else ""
    if snapshot.breath is not None:
        phase = "breathe in" if snapshot.breath.inhaling else "breathe out"
        return f"{phase} ({snapshot.breath.breaths_left} left){side}"
    if snapshot.rep is not None:
        sets = f" · set {segment.set_number}/{segment.sets}" if segment.sets > 1 else ""
        return f"rep {snapshot.rep}/{segment.reps}{sets}{side}"
    names = {
        SegmentKind.PREPARE: "get ready",
        SegmentKind.HOLD: "hold",
        SegmentKind.SWITCH: "switch sides",
        SegmentKind.SET_REST: "rest",
        SegmentKind.REST: "rest",
        SegmentKind.DONE: "done",
    }
    return names[segment.kind] + side


def status_line(snapshot: Snapshot, *, unicode: bool = True) -> str:
    """The live line: what, how long is left, and how far through the routine."""
    paused = "paused · " if snapshot.state is State.PAUSED else ""
    step = snapshot.step.name if snapshot.step else "Complete"
    number = f"{snapshot.step_number}/{snapshot.step_count} " if snapshot.step_number else ""
    bar = progress_bar(snapshot.session_progress, unicode=unicode)
    percent = round(snapshot.session_progress * 100)
    return (
        f"{paused}{number}{step} · {activity(snapshot)} · {clock_text(snapshot.remaining)}"
        f"  {bar} {percent:>3}% · {clock_text(snapshot.session_remaining)} left"
    )
