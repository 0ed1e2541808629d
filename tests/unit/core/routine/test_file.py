"""Routine files: what people write by hand loads, and every mistake is named in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchtimer.core.routine.file import load_routine, parse_routine
from stretchtimer.core.routine.model import Breaths, Hold, Reps, Sides
from stretchtimer.core.routine.problems import RoutineFileError

FORMAT_EXAMPLE = """\
format = 1                         # required; the only version there is
title = "Desk hip release"         # required, 1..80 characters
description = "Five minutes in your chair for tight hips."
tags = ["desk", "seated", "hips"]

[pace]
prepare = 5
rest = 10
switch = 5
inhale = 4
exhale = 6

[[step]]
name = "Seated figure-four"
say = "Cross one ankle over the opposite knee and lean forward from the hips."
hold = 30
sides = "both"
easier = "Keep your back upright and only cross the ankle."
rest = 15

[[step]]
name = "Straddle fold"
breaths = 5

[[step]]
name = "Glute bridge"
reps = 10
tempo = 3
sets = 2
set_rest = 20
"""


def problems_of(text: str | bytes, name: str = "mine.toml") -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(RoutineFileError) as caught:
        parse_routine(data, name)
    return [str(problem) for problem in caught.value.problems]


def one_step(line: str, *, name: str = "Pigeon") -> str:
    return f'format = 1\ntitle = "T"\n\n[[step]]\nname = "{name}"\n{line}\n'


def test_the_example_in_the_format_document_loads() -> None:
    routine = parse_routine(FORMAT_EXAMPLE.encode(), "example.toml")
    assert routine.title == "Desk hip release"
    assert routine.tags == ("desk", "seated", "hips")
    first, second, third = routine.steps
    assert first.work == Hold(30) and first.sides is Sides.BOTH and first.rest == 15
    assert first.easier.startswith("Keep your back upright")
    assert second.work == Breaths(5)
    assert third.work == Reps(count=10, tempo=3, sets=2, set_rest=20)


def test_byte_order_mark_and_windows_line_ends_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + FORMAT_EXAMPLE.replace("\n", "\r\n").encode()
    assert parse_routine(data, "windows.toml") == parse_routine(FORMAT_EXAMPLE.encode(), "x")


def test_defaults_apply_when_optional_keys_are_left_out() -> None:
    routine = parse_routine(one_step("reps = 4").encode(), "r.toml")
    step = routine.steps[0]
    assert step.work == Reps(count=4, tempo=3.0, sets=1, set_rest=None)
    assert step.sides is Sides.NONE and step.say == "" and step.rest is None
    assert routine.pace.prepare is None  # filled from the person's defaults when planned


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "hold = true",
            'mine.toml:6: step 1 ("Pigeon"): hold: expected a number of seconds '
            "from 1 to 3600, found true",
        ),
        (
            "hold = nan",
            'mine.toml:6: step 1 ("Pigeon"): hold: expected a number of seconds '
            "from 1 to 3600, found nan (not a number)",
        ),
        (
            "hold = inf",
            'mine.toml:6: step 1 ("Pigeon"): hold: expected a number of seconds '
            "from 1 to 3600, found inf (infinity)",
        ),
        (
            "hold = 1e400",
            'mine.toml:6: step 1 ("Pigeon"): hold: expected a number of seconds '
            "from 1 to 3600, found 1e400 (too large to be a number of seconds)",
        ),
        (
            "hold = 2024-05-01",
            'mine.toml:6: step 1 ("Pigeon"): hold: expected a number of '
            "seconds from 1 to 3600, found a date (2024-05-01)",
        ),
        (
            'hold = "30"',
            'mine.toml:6: step 1 ("Pigeon"): hold: expected a number of seconds '
            'from 1 to 3600, found the text "30"',
        ),
        (
            "hold = 0",
            'mine.toml:6: step 1 ("Pigeon"): hold: expected a number of seconds '
            "from 1 to 3600, found 0",
        ),
        (
            "breaths = 2.5",
            'mine.toml:6: step 1 ("Pigeon"): breaths: expected a whole number '
            "of breaths from 1 to 100, found 2.5",
        ),
        (
            "breaths = 5.0",
            'mine.toml:6: step 1 ("Pigeon"): breaths: expected a whole number '
            "of breaths from 1 to 100, found 5.0 (write it without a decimal "
            "point)",
        ),
        ("holds = 30", 'mine.toml:6: step 1 ("Pigeon"): holds: unknown key; did you mean hold?'),
    ],
)
def test_each_mistake_is_one_line_naming_file_line_step_and_key(line: str, expected: str) -> None:
    problems = problems_of(one_step(line))
    assert expected in problems
    assert all("\n" not in problem for problem in problems)


def test_a_misspelt_key_suggests_the_right_one_and_is_not_silently_ignored() -> None:
    problems = problems_of(one_step('hold = 30\nsidse = "both"'))
    assert problems == ['mine.toml:7: step 1 ("Pigeon"): sidse: unknown key; did you mean sides?']


def test_every_problem_in_a_file_is_reported_not_just_the_first() -> None:
    text = """\
format = 1
title = ""
tittle = "oops"

[pace]
rest = -1
inhale = 30

[[step]]
name = "A"
hold = true

[[step]]
name = "B"
breaths = 3
reps = 2

[[step]]
hold = 10
tempo = 2
"""
    problems = problems_of(text)
    assert problems == [
        "mine.toml:3: tittle: unknown key; did you mean title?",
        "mine.toml:2: title: expected text of 1 to 80 characters, found an empty text",
        "mine.toml:6: pace.rest: expected a number of seconds from 0 to 600, found -1",
        "mine.toml:7: pace.inhale: expected a number of seconds from 1 to 20, found 30",
        'mine.toml:11: step 1 ("A"): hold: expected a number of seconds from 1 to 3600, found true',
        'mine.toml:16: step 2 ("B"): reps: has breaths and reps; a step takes exactly one of them',
        "mine.toml:18: step 3: name: missing; expected text of 1 to 80 characters",
        "mine.toml:20: step 3: tempo: only applies to steps with reps, not hold",
    ]


def test_a_step_without_hold_breaths_or_reps_points_at_its_header() -> None:
    problems = problems_of(one_step('say = "just words"'))
    assert problems == [
        'mine.toml:4: step 1 ("Pigeon"): needs one of hold (seconds), breaths or reps'
    ]


def test_wrong_sides_value_suggests_a_valid_one() -> None:
    problems = problems_of(one_step('hold = 5\nsides = "bothh"'))
    assert problems == [
        'mine.toml:7: step 1 ("Pigeon"): sides: expected one of "none", '
        '"both", "left", "right", found the text "bothh"; did you mean "both"?'
    ]


def test_missing_format_and_title_and_steps_are_each_named() -> None:
    problems = problems_of('description = "no more"\n')
    assert problems == [
        "mine.toml: format: missing; put format = 2 at the top of the file",
        "mine.toml: title: missing; expected text of 1 to 80 characters",
        "mine.toml: step: missing; a routine needs at least one [[step]]",
    ]


def test_a_file_from_a_newer_format_says_so() -> None:
    problems = problems_of('format = 3\ntitle = "T"\n[[step]]\nname = "A"\nhold = 3\n')
    assert problems == [
        "mine.toml:1: format: is 3, which a newer stretchtimer writes; this version reads formats "
        "1 and 2"
    ]


def test_out_of_range_texts_and_tags() -> None:
    long_tag = "x" * 31
    text = (
        f'format = 1\ntitle = "{"t" * 81}"\ntags = ["ok", "{long_tag}", 3]\n'
        '[[step]]\nname = "A"\nhold = 3\n'
    )
    assert problems_of(text) == [
        "mine.toml:2: title: expected at most 80 characters, found 81",
        "mine.toml:3: tags[2]: expected text of 1 to 30 characters, found 31 characters",
        "mine.toml:3: tags[3]: expected text of 1 to 30 characters, found 3",
    ]


def test_too_many_steps() -> None:
    steps = "".join(f'[[step]]\nname = "S{n}"\nhold = 1\n' for n in range(201))
    assert problems_of(f'format = 1\ntitle = "T"\n{steps}') == [
        "mine.toml: step: expected at most 200 steps, found 201"
    ]


def test_broken_toml_names_the_line() -> None:
    problems = problems_of('format = 1\ntitle = "Unclosed\n[[step]]\n')
    assert len(problems) == 1
    assert problems[0].startswith("mine.toml:2: is not valid TOML: ")


def test_an_empty_file_is_refused_clearly(tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_bytes(b"")
    with pytest.raises(RoutineFileError) as caught:
        load_routine(empty)
    assert str(caught.value) == (
        f"{empty}: is empty; a routine needs at least format, title and a step"
    )


def test_a_two_mebibyte_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"# padding\n" * (2 * 1024 * 1024 // 10))
    with pytest.raises(RoutineFileError) as caught:
        load_routine(big)
    assert str(caught.value) == (
        f"{big}: is 2.0 MiB; a routine file may be at most 1 MiB (is this the right file?)"
    )


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "photo.toml"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(RoutineFileError) as caught:
        load_routine(garbage)
    assert str(caught.value) == (
        f"{garbage}: is a binary file, not a routine (a routine is TOML text)"
    )


def test_text_in_another_encoding_is_refused_with_the_line(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('format = 1\ntitle = "Étirements"\n'.encode("latin-1"))
    with pytest.raises(RoutineFileError) as caught:
        load_routine(latin1)
    assert str(caught.value) == (
        f"{latin1}:2: is not UTF-8 text (byte 0xc9 at column 10); save the file with UTF-8 encoding"
    )


def test_missing_file_and_folder_are_problems_not_crashes(tmp_path: Path) -> None:
    for path, message in (
        (tmp_path / "nope.toml", "no such file"),
        (tmp_path, "is a folder, not a routine file"),
    ):
        with pytest.raises(RoutineFileError) as caught:
            load_routine(path)
        assert str(caught.value) == f"{path}: {message}"


def test_multiline_strings_do_not_confuse_line_numbers() -> None:
    text = '''format = 1
title = "T"

[[step]]
name = "A"
say = """
hold = 99
"""
hold = -4
'''
    assert problems_of(text) == [
        'mine.toml:9: step 1 ("A"): hold: expected a number of seconds from 1 to 3600, found -4'
    ]


def test_a_routine_file_nested_a_thousand_deep_is_one_problem_not_a_crash() -> None:
    data = b'format = 1\ntitle = "Deep"\nextra = ' + b"[" * 1000 + b"]" * 1000 + b"\n"
    with pytest.raises(RoutineFileError) as caught:
        parse_routine(data, "deep.toml")
    assert len(caught.value.problems) == 1
    assert str(caught.value).startswith("deep.toml:3: ")


def test_a_fifo_or_a_device_named_like_a_routine_is_refused_without_waiting(
    tmp_path: Path,
) -> None:
    import os

    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        with pytest.raises(RoutineFileError, match="not an ordinary file"):
            load_routine(path)


ESCAPES = "\\u001b]0;PWNED\\u0007\\u001b[2J"  # TOML escapes: raw ones are not TOML


@pytest.mark.parametrize("key", ["title", "description"])
def test_control_characters_in_a_routine_text_are_refused(key: str) -> None:
    text = f'format = 1\n{key} = "Hips{ESCAPES}"\n[[step]]\nname = "A"\nhold = 20\n'
    if key != "title":
        text = 'title = "T"\n' + text
    with pytest.raises(RoutineFileError, match=r"holds a control character \(U\+001B\)"):
        parse_routine(text.encode())


@pytest.mark.parametrize("key", ["name", "say", "easier"])
def test_control_characters_in_a_step_text_are_refused(key: str) -> None:
    value = "\u009b2J tight hips" if key != "name" else f"Pigeon{ESCAPES}"
    text = f'format = 1\ntitle = "T"\n[[step]]\nname = "A"\nhold = 20\n{key} = "{value}"\n'
    text = text.replace('name = "A"\n', "") if key == "name" else text
    with pytest.raises(RoutineFileError, match="holds a control character") as caught:
        parse_routine(text.encode())
    assert caught.value.problems[0].key == key


def test_a_tag_with_an_escape_is_refused_and_say_keeps_its_line_ends() -> None:
    text = 'format = 1\ntitle = "T"\ntags = ["a\\u001b[2J"]\n[[step]]\nname = "A"\nhold = 20\n'
    with pytest.raises(RoutineFileError, match=r"tags\[1\]"):
        parse_routine(text.encode())
    fine = 'format = 1\ntitle = "T"\n[[step]]\nname = "A"\nhold = 20\nsay = "in\\n\\tout"\n'
    assert parse_routine(fine.encode()).steps[0].say == "in\n\tout"
