"""The editor's model of a routine being typed: numbers as text, checked by the loader."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchtimer.core.routine.draft import (
    Kind,
    RoutineDraft,
    StepDraft,
    check_draft,
    draft_from_routine,
    number_text,
    problem_field,
    problem_text,
    title_problem,
    typed_number,
)
from stretchtimer.core.routine.file import load_routine, parse_routine
from stretchtimer.core.routine.model import Breaths, Hold, Reps, Routine, Sides, Step
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.storage.routines.store import RoutineStore
from tests.strategies import routines


@settings(max_examples=300)
@given(routines())
def test_round_trip_routine_to_editor_draft_and_back_is_the_same_routine(routine: Routine) -> None:
    check = check_draft(draft_from_routine(routine), "gen.toml")
    assert check.problems == ()
    assert check.routine == routine


@settings(max_examples=60)
@given(routine=routines(max_steps=4))
def test_round_trip_editor_draft_saved_by_the_store_loads_back_the_same(
    routine: Routine, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("routines")
    check = check_draft(draft_from_routine(routine))
    assert check.routine is not None
    saved = RoutineStore(folder, reserved=set()).create(check.routine)
    assert load_routine(saved.path) == routine


@settings(max_examples=300)
@given(st.floats(0, 3600, allow_nan=False) | st.integers(0, 3600))
def test_round_trip_of_a_number_through_its_text(value: float) -> None:
    assert typed_number(number_text(value)) == value


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("30", 30),
        (" 30 ", 30),
        ("2.5", 2.5),
        ("2,5", 2.5),  # a decimal comma, as many people write it
        (".5", 0.5),
        ("", None),
        ("  ", None),
        ("3o", "3o"),
        ("nan", "nan"),
        ("inf", "inf"),
        ("1e999", "1e999"),
        ("1,000,000", "1,000,000"),
    ],
)
def test_editor_reads_typed_numbers_as_a_routine_file_would_hold_them(
    typed: str, meant: object
) -> None:
    assert typed_number(typed) == meant
    assert type(typed_number(typed)) is type(meant)


def problems_of(draft: RoutineDraft) -> list[str]:
    return [problem_text(problem) for problem in check_draft(draft, "mine.toml").problems]


def test_editor_draft_problems_are_the_loaders_words_for_the_same_file() -> None:
    draft = RoutineDraft(
        title="Evening",
        steps=(
            StepDraft(name="Pigeon", hold="0"),
            StepDraft(name="Bridge", kind=Kind.REPS, reps="ten", sets="2.0"),
            StepDraft(name="", kind=Kind.BREATHS, breaths=""),
        ),
    )
    text = (
        'format = 1\ntitle = "Evening"\n'
        '[[step]]\nname = "Pigeon"\nhold = 0\n'
        '[[step]]\nname = "Bridge"\nreps = "ten"\ntempo = 3\nsets = 2.0\n'
        '[[step]]\nname = ""\nbreaths = ""\n'
    )
    with pytest.raises(RoutineFileError) as loaded:
        parse_routine(text.encode(), "mine.toml")
    from_file = [problem_text(problem) for problem in loaded.value.problems]
    assert problems_of(draft) == from_file
    assert problems_of(draft) == [
        'step 1 ("Pigeon"): hold: expected a number of seconds from 1 to 3600, found 0',
        'step 2 ("Bridge"): reps: expected a whole number of reps from 1 to 500, '
        'found the text "ten"',
        'step 2 ("Bridge"): sets: expected a whole number of sets from 1 to 20, found 2.0 '
        "(write it without a decimal point)",
        "step 3: name: expected text of 1 to 80 characters, found an empty text",
        "step 3: breaths: expected a whole number of breaths from 1 to 100, found an empty text",
    ]


def test_editor_draft_without_title_or_steps_names_both() -> None:
    assert problems_of(RoutineDraft()) == [
        "title: expected text of 1 to 80 characters, found an empty text",
        "step: missing; a routine needs at least one [[step]]",
    ]


def test_editor_problems_belong_to_the_field_they_are_about() -> None:
    draft = RoutineDraft(
        title="x" * 81,
        tags=("ok", "y" * 31),
        rest="700",
        steps=(StepDraft(name="Bridge", kind=Kind.REPS, reps="0", tempo="99", rest="-1"),),
    )
    found = {(problem.step, problem_field(problem)) for problem in check_draft(draft).problems}
    assert found == {
        (None, "title"),
        (None, "tags"),
        (None, "rest"),
        (1, "amount"),
        (1, "tempo"),
        (1, "rest"),
    }


def test_editor_switching_kind_keeps_the_other_amounts_and_writes_only_the_chosen_one() -> None:
    step = StepDraft(name="Fold", kind=Kind.REPS, hold="45", breaths="6", reps="8", sets="3")
    draft = RoutineDraft(title="T", steps=(step,))
    assert check_draft(draft).routine == Routine("T", (Step("Fold", Reps(8, 3, 3)),), format=2)
    as_breaths = dataclasses.replace(draft, steps=(dataclasses.replace(step, kind=Kind.BREATHS),))
    assert check_draft(as_breaths).routine == Routine("T", (Step("Fold", Breaths(6)),), format=2)
    as_hold = dataclasses.replace(draft, steps=(dataclasses.replace(step, kind=Kind.HOLD),))
    assert check_draft(as_hold).routine == Routine("T", (Step("Fold", Hold(45)),), format=2)


def test_editor_empty_optional_numbers_mean_the_defaults() -> None:
    step = StepDraft(name="Bridge", kind=Kind.REPS, reps="10", tempo="", sets="", set_rest="")
    routine = check_draft(RoutineDraft(title="T", steps=(step,))).routine
    assert routine is not None
    assert routine.steps[0] == Step("Bridge", Reps(10, tempo=3.0, sets=1, set_rest=None))
    assert routine.pace.rest is None
    assert routine.steps[0].sides is Sides.NONE


def test_editor_title_check_uses_the_loaders_words() -> None:
    assert title_problem("Morning hips") is None
    problem = title_problem("")
    assert problem is not None
    assert problem.message == "expected text of 1 to 80 characters, found an empty text"
    long = title_problem("x" * 81)
    assert long is not None and long.message == "expected at most 80 characters, found 81"


def test_editor_file_names_from_titles(tmp_path: Path) -> None:
    from stretchtimer.storage.routines.names import slug

    assert slug("Desk hips (copy)") == "desk-hips-copy"
    assert slug("Étirements du matin") == "etirements-du-matin"
    assert slug("★★★") == "routine"
