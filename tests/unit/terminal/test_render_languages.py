"""The terminal player's screen in the person's language: the line printed as each part
starts, the live status line (running and paused) and the keys line."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.routine.wording import fill_sides
from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import Plan, SegmentKind, build_plan
from stretchtimer.core.session.snapshot import snapshot_of
from stretchtimer.storage.routines.library import builtin_entries
from stretchtimer.terminal.keys import keys_help
from stretchtimer.terminal.render import segment_lines, status_line
from tests.languages import unmarked


def routines() -> list[Routine]:
    found = [entry.routine for entry in builtin_entries()]
    return [routine for routine in found if routine is not None]


def screen(plan: Plan) -> list[str]:
    """Everything the player shows for ``plan``: each part's lines and its live line,
    running and paused, at its start and half-way."""
    shown: list[str] = []
    for segment in plan.segments:
        shown.append(" ".join(segment_lines(plan, segment)))  # wrapped lines, joined
        for state in (State.RUNNING, State.PAUSED):
            for elapsed in (0.0, segment.duration / 2):
                shown.append(status_line(snapshot_of(plan, segment, state, False, elapsed)))
    return shown


def routine_words(routine: Routine) -> tuple[str, ...]:
    words = [routine.title]
    for step in routine.steps:
        words.append(step.name)
        for side in (*step.sides.order(), None):
            words += [fill_sides(text, side) for text in step.texts() if text]
    return tuple(sorted(set(words), key=len, reverse=True))


def outside_marks(text: str, allowed: tuple[str, ...]) -> str:
    text = " ".join(text.split())
    for part in allowed:
        text = text.replace(" ".join(part.split()), " ")
    while (inner := re.sub(r"⟦[^⟦⟧]*⟧", " ", text)) != text:
        text = inner
    return unmarked(text)


@pytest.mark.parametrize("routine", routines(), ids=lambda routine: routine.title)
def test_every_line_of_the_player_is_marked(
    routine: Routine, language: Callable[[str], Language]
) -> None:
    language("qps")
    plan = build_plan(routine)
    allowed = routine_words(routine)
    for line in screen(plan):
        assert outside_marks(line, allowed) == "", line
    assert outside_marks(keys_help(), ()) == ""


def test_the_player_speaks_german(language: Callable[[str], Language]) -> None:
    language("de")
    hips = next(r for r in routines() if any(step.sides.order()[1:] for step in r.steps))
    plan = build_plan(hips)
    text = "\n".join(screen(plan))
    assert "Seite wechseln: rechts" in text or "Seite wechseln: links" in text
    assert re.search(r"\d+ s halten, (links|rechts)", text)
    assert "pausiert · " in text and "noch " in text
    assert keys_help().startswith("Tasten: Leertaste Pause/weiter")
    breathing = [
        r for r in routines() if any(s.kind is SegmentKind.BREATHS for s in build_plan(r).segments)
    ]
    assert breathing
    breaths = "\n".join(screen(build_plan(breathing[0])))
    assert "langsame Atemzüge" in breaths
    assert re.search(r"(einatmen|ausatmen) \(noch \d+\)", breaths)


def test_counts_are_grammatical(language: Callable[[str], Language]) -> None:
    from stretchtimer.core.i18n import n_

    language("fr")
    assert n_("{count} rep", "{count} reps", 1).format(count=1) == "1 répétition"
    assert n_("{count} rep", "{count} reps", 0).format(count=0) == "0 répétition"  # French
    assert n_("{count} rep", "{count} reps", 2).format(count=2) == "2 répétitions"
    language("de")
    assert n_("{count} step", "{count} steps", 1).format(count=1) == "1 Übung"
    assert n_("{count} step", "{count} steps", 0).format(count=0) == "0 Übungen"


@pytest.mark.parametrize("routine", routines(), ids=lambda routine: routine.title)
def test_the_player_names_the_side_instead_of_a_placeholder(routine: Routine) -> None:
    text = "\n".join(screen(build_plan(routine)))
    assert "{side" not in text and "{other" not in text
