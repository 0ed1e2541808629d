"""Write a :class:`Routine` as a routine file (format 1 or 2, as the routine is) that reads
back to the same routine, or give a routine file another title."""

from __future__ import annotations

import dataclasses
from typing import Any

from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.routine.languages import translation_tables
from stretchtimer.core.routine.model import (
    SOURCE_LANGUAGE,
    Breaths,
    Hold,
    Reps,
    Routine,
    Sides,
    Step,
)
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.core.routine.source_map import SourceMap

PACE_FIELDS = ("prepare", "rest", "switch", "inhale", "exhale", "settle")


def routine_to_toml(routine: Routine) -> str:
    """The routine as TOML text, keys in the order people read them."""
    document: dict[str, Any] = {"format": routine.format, "title": routine.title}
    if routine.language != SOURCE_LANGUAGE:
        document["language"] = routine.language
    if routine.description:
        document["description"] = routine.description
    if routine.setup:
        document["setup"] = routine.setup
    if routine.finish:
        document["finish"] = routine.finish
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
    if routine.translations:  # after the steps, so a file reads in its own language first
        document["translations"] = translation_tables(routine.translations)
    import tomli_w  # loaded when first needed (1 MB), not at start

    return tomli_w.dumps(document, multiline_strings=True)


def _step_table(step: Step) -> dict[str, Any]:
    table: dict[str, Any] = {"name": step.name}
    if step.pose:
        table["pose"] = step.pose
    for key in ("setup", "caution", "say", "feel", "release"):
        if getattr(step, key):
            table[key] = getattr(step, key)
    work = step.work
    if isinstance(work, Hold):
        table["hold"] = _number(work.seconds)
    elif isinstance(work, Breaths):
        table["breaths"] = work.count
    else:
        table.update(_reps_table(step, work))
    if step.sides is not Sides.NONE:
        table["sides"] = step.sides.value
    if step.easier:
        table["easier"] = step.easier
    if step.rest is not None:
        table["rest"] = _number(step.rest)
    if step.settle is not None:
        table["settle"] = _number(step.settle)
    if step.translations:
        table["translations"] = translation_tables(step.translations)
    return table


def _reps_table(step: Step, work: Reps) -> dict[str, Any]:
    table: dict[str, Any] = {"reps": work.count, "tempo": _number(work.tempo), "sets": work.sets}
    if work.set_rest is not None:
        table["set_rest"] = _number(work.set_rest)
    if step.rep_cues:
        table["rep_cues"] = list(step.rep_cues)
    return table


def _number(value: float | None) -> int | float:
    assert value is not None
    return int(value) if float(value).is_integer() else float(value)


def retitled(data: bytes, title: str, source: str = "FILE") -> bytes:
    """The routine file ``data`` with ``title`` as its title, the rest as it was written.

    Only the ``title = ...`` line changes, so comments and layout stay. A file whose
    title line cannot be found or safely swapped is written anew instead.
    """
    routine = dataclasses.replace(parse_routine(data, source), title=title)
    text = data.decode("utf-8-sig")
    line = SourceMap(text).top("title")
    if line is not None:
        lines = text.splitlines(keepends=True)
        old = lines[line - 1]
        ending = old[len(old.rstrip("\r\n")) :]
        import tomli_w  # loaded when first needed (1 MB), not at start

        lines[line - 1] = tomli_w.dumps({"title": title}).rstrip("\n") + ending
        swapped = "".join(lines).encode("utf-8")
        try:
            if parse_routine(swapped, source) == routine:
                return swapped
        except RoutineFileError:
            pass
    return routine_to_toml(routine).encode("utf-8")
