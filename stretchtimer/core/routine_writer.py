"""Write a :class:`Routine` as a format-1 routine file that reads back to the same routine."""

from __future__ import annotations

from typing import Any

import tomli_w

from stretchtimer.core.routine import FORMAT_VERSION, Breaths, Hold, Routine, Sides, Step

PACE_FIELDS = ("prepare", "rest", "switch", "inhale", "exhale")


def routine_to_toml(routine: Routine) -> str:
    """The routine as TOML text, keys in the order people read them."""
    document: dict[str, Any] = {"format": FORMAT_VERSION, "title": routine.title}
    if routine.description:
        document["description"] = routine.description
    if routine.tags:
        document["tags"] = list(routine.tags)
    pace = {
        key: _number(getattr(routine.pace, key))
        for key in PACE_FIELDS
        if getattr(routine.pace, key) is not None
    }
    if pace:
        document["pace"] = pace
    document["step"] = [_step_table(step) for step in routine.steps]
    return tomli_w.dumps(document, multiline_strings=True)


def _step_table(step: Step) -> dict[str, Any]:
    table: dict[str, Any] = {"name": step.name}
    if step.say:
        table["say"] = step.say
    work = step.work
    if isinstance(work, Hold):
        table["hold"] = _number(work.seconds)
    elif isinstance(work, Breaths):
        table["breaths"] = work.count
    else:
        table["reps"] = work.count
        table["tempo"] = _number(work.tempo)
        table["sets"] = work.sets
        if work.set_rest is not None:
            table["set_rest"] = _number(work.set_rest)
    if step.sides is not Sides.NONE:
        table["sides"] = step.sides.value
    if step.easier:
        table["easier"] = step.easier
    if step.rest is not None:
        table["rest"] = _number(step.rest)
    return table


def _number(value: float | None) -> int | float:
    assert value is not None
    return int(value) if float(value).is_integer() else float(value)
