"""What a routine's step asks for, in the app's language: "hold 30 s, each side"."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from stretchtimer.core.i18n import _, n_
from stretchtimer.core.routine.model import Breaths, Hold, Reps, Sides, Step
from stretchtimer.gui.widgets.numbers import number


def seconds_words(seconds: float, decimals: int | None = None) -> str:
    """ "12 s" or "2.5 s", with the locale's decimal sign (``decimals``: fixed places)."""
    if decimals is None:
        value = number(seconds)
    else:
        value = QLocale().toString(float(seconds), "f", decimals)
    # TRANSLATORS: a length in seconds, "12 s"; {seconds} is the number.
    return _("{seconds} s").format(seconds=value)


def work_words(step: Step) -> str:
    """ "hold 30 s", "5 breaths", "2 × 10 reps, 3 s each", and the sides."""
    work = step.work
    if isinstance(work, Hold):
        # TRANSLATORS: a step of the routine list, "hold 30 s"; {time} is "30 s".
        text = _("hold {time}").format(time=seconds_words(work.seconds))
    elif isinstance(work, Breaths):
        text = n_("{count} breath", "{count} breaths", work.count).format(count=number(work.count))
    else:
        assert isinstance(work, Reps)
        tempo = seconds_words(work.tempo)
        if work.sets > 1:
            # TRANSLATORS: "2 × 10 reps, 3 s each": sets × repetitions, and one's length.
            text = n_(
                "{sets} × {count} rep, {tempo} each",
                "{sets} × {count} reps, {tempo} each",
                work.count,
            ).format(sets=number(work.sets), count=number(work.count), tempo=tempo)
        else:
            text = n_("{count} rep, {tempo} each", "{count} reps, {tempo} each", work.count)
            text = text.format(count=number(work.count), tempo=tempo)
    if step.sides is Sides.BOTH:
        return _("{work}, each side").format(work=text)
    if step.sides is Sides.LEFT:
        return _("{work}, left side").format(work=text)
    if step.sides is Sides.RIGHT:
        return _("{work}, right side").format(work=text)
    return text
