"""How times and routine facts are written for people, the same in every view."""

from __future__ import annotations

import math

from stretchtimer.core.routine.model import Breaths, Hold, Reps, Sides, Step


def clock_text(seconds: float) -> str:
    """``75.2`` → ``"1:16"``: whole seconds rounded up, so 0:00 means done."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def minutes_text(seconds: float) -> str:
    """``290`` → ``"5 min"``; under a minute → ``"45 s"``."""
    if seconds < 60:
        return f"{round(seconds)} s"
    return f"{round(seconds / 60)} min"


def seconds_text(value: float) -> str:
    return f"{int(value)} s" if float(value).is_integer() else f"{value:g} s"


def work_text(step: Step) -> str:
    """``"hold 30 s"``, ``"5 breaths"``, ``"2 × 10 reps, 3 s each"``."""
    work = step.work
    if isinstance(work, Hold):
        text = f"hold {seconds_text(work.seconds)}"
    elif isinstance(work, Breaths):
        text = f"{work.count} breath{'s' if work.count != 1 else ''}"
    else:
        assert isinstance(work, Reps)
        reps = f"{work.count} rep{'s' if work.count != 1 else ''}"
        sets = f"{work.sets} × " if work.sets > 1 else ""
        text = f"{sets}{reps}, {seconds_text(work.tempo)} each"
    if step.sides is Sides.BOTH:
        text += ", each side"
    elif step.sides in (Sides.LEFT, Sides.RIGHT):
        text += f", {step.sides.value} side"
    return text
