"""Property tests: the loader never crashes and what the writer writes reads back the same."""

from __future__ import annotations

import dataclasses

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchtimer.core.routine.file import STEP_KEYS, TOP_KEYS, parse_routine
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.core.routine.writer import retitled, routine_to_toml
from tests.strategies import routines, texts


@settings(max_examples=300)
@given(routines())
def test_round_trip_writer_then_loader_gives_the_same_routine(routine: Routine) -> None:
    assert parse_routine(routine_to_toml(routine).encode("utf-8"), "gen.toml") == routine


@settings(max_examples=300)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_routine_or_named_problems_never_a_crash(data: bytes) -> None:
    try:
        parse_routine(data, "any.toml")
    except RoutineFileError as error:
        assert error.problems
        assert all(str(problem).startswith("any.toml") for problem in error.problems)
        assert all("\n" not in str(problem) for problem in error.problems)


toml_values = st.recursive(
    st.none().map(lambda _: "")  # TOML has no null; stand in with a string
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats()
    | st.text(max_size=20)
    | st.dates()
    | st.datetimes(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=300)
@given(routines(max_steps=3), st.data())
def test_a_valid_routine_with_any_key_changed_to_any_value_never_crashes(
    routine: Routine, data: st.DataObject
) -> None:
    document = __import__("tomllib").loads(routine_to_toml(routine))
    if data.draw(st.booleans()):
        key = data.draw(st.sampled_from(TOP_KEYS) | st.text(min_size=1, max_size=8))
        document[key] = data.draw(toml_values)
    else:
        step = data.draw(st.sampled_from(document["step"]))
        key = data.draw(st.sampled_from(STEP_KEYS) | st.text(min_size=1, max_size=8))
        step[key] = data.draw(toml_values)
    text = tomli_w.dumps(document)
    try:
        parse_routine(text.encode("utf-8"), "changed.toml")
    except RoutineFileError as error:
        assert all(str(problem).startswith("changed.toml") for problem in error.problems)


@given(routines(max_steps=3), texts(80, single_line=True, min_size=1))
def test_retitling_a_file_changes_its_title_and_nothing_else(routine: Routine, title: str) -> None:
    data = routine_to_toml(routine).encode("utf-8")
    assert parse_routine(retitled(data, title), "gen.toml") == dataclasses.replace(
        routine, title=title
    )


def test_retitling_a_hand_written_file_keeps_its_comments_and_line_ends() -> None:
    data = (
        b'\xef\xbb\xbf# from the clinic\r\nformat = 1\r\ntitle = "Desk hips"  # theirs\r\n'
        b'\r\n[[step]]\r\nname = "Clamshell"   # on the side\r\nreps = 12\r\n'
    )
    assert retitled(data, "Desk hips (2)") == (
        b'# from the clinic\r\nformat = 1\r\ntitle = "Desk hips (2)"\r\n'
        b'\r\n[[step]]\r\nname = "Clamshell"   # on the side\r\nreps = 12\r\n'
    )
