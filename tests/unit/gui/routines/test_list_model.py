"""Search ranks a routine by where the words are: title, then step names, then description."""

from __future__ import annotations

from stretchtimer.core.routine.model import Hold, Routine, Step
from stretchtimer.gui.routines.list_model import RoutineRow
from stretchtimer.storage.routines.library import RoutineEntry


def row(title: str, description: str, steps: list[str]) -> RoutineRow:
    routine = Routine(
        title=title,
        description=description,
        steps=tuple(Step(name=name, work=Hold(20)) for name in steps),
    )
    entry = RoutineEntry(id=title.lower(), source="test", builtin=True, routine=routine)
    return RoutineRow(entry, 60.0)


def test_words_in_the_title_rank_above_step_names_above_the_description() -> None:
    titled = row("Two-minute reset", "Short.", ["Reach"])
    stepped = row("Morning", "Calm.", ["Two-sided twist"])
    described = row("Hip strength", "Two or three times a week.", ["Bridge"])
    assert titled.match_rank(["two"]) == 0
    assert stepped.match_rank(["two"]) == 1
    assert described.match_rank(["two"]) == 2
    assert described.match_rank(["two", "bridge"]) == 2  # every word, wherever it is
    assert described.match_rank(["hip", "bridge"]) == 1
    assert titled.match_rank(["pigeon"]) is None
