"""How times and routine facts are written for people, the same in every view."""

from __future__ import annotations

import math

from stretchtimer.core.i18n import _, n_
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
        return _("{seconds} s").format(seconds=round(seconds))
    return _("{minutes} min").format(minutes=round(seconds / 60))


def seconds_text(value: float) -> str:
    number = f"{int(value)}" if float(value).is_integer() else f"{value:g}"
    return _("{seconds} s").format(seconds=number)


def work_text(step: Step) -> str:
    """``"hold 30 s"``, ``"5 breaths"``, ``"2 × 10 reps, 3 s each"``."""
    work = step.work
    if isinstance(work, Hold):
        text = _("hold {time}").format(time=seconds_text(work.seconds))
    elif isinstance(work, Breaths):
        text = n_("{count} breath", "{count} breaths", work.count).format(count=work.count)
    else:
        assert isinstance(work, Reps)
        reps = n_("{count} rep", "{count} reps", work.count).format(count=work.count)
        tempo = seconds_text(work.tempo)
        text = (
            _("{sets} × {reps}, {time} each").format(sets=work.sets, reps=reps, time=tempo)
            if work.sets > 1
            else _("{reps}, {time} each").format(reps=reps, time=tempo)
        )
    if step.sides is Sides.BOTH:
        text = _("{work}, each side").format(work=text)
    elif step.sides is Sides.LEFT:
        text = _("{work}, left side").format(work=text)
    elif step.sides is Sides.RIGHT:
        text = _("{work}, right side").format(work=text)
    return text
