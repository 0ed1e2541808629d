"""Format 2 in routine files: the new keys load, and every mistake in them is named in one line."""

from __future__ import annotations

import pytest

from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.routine.model import Reps, Sides
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.core.routine.writer import routine_to_toml

FORMAT_2 = """\
format = 2
title = "Floor hips"
setup = "You need a mat. Clear a space the length of your body."
finish = "Roll onto your side and come up to sitting slowly."

[pace]
settle = 3

[[step]]
name = "Reclined figure-four"
pose = "reclined-figure-four"
setup = "Lie on your back, knees bent, feet flat."
say = "Cross your {side} ankle over your {other} knee and draw the {other} thigh towards you."
feel = "A deep stretch in the {side} buttock."
release = "Let go and put the {other} foot back down."
caution = "Stop if you feel tingling or numbness down the leg."
easier = "Keep the {other} foot on the floor and let the {side} knee fall open."
hold = 30
sides = "both"
settle = 5

[[step]]
name = "Glute bridge"
say = "Press through your heels and lift your hips, then lower."
reps = 8
tempo = 4
rep_cues = ["up", "and down"]
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(RoutineFileError) as caught:
        parse_routine(text.encode(), "mine.toml")
    return [str(problem) for problem in caught.value.problems]


def test_the_format_2_example_from_the_documentation_loads() -> None:
    routine = parse_routine(FORMAT_2.encode())
    assert routine.format == 2 and routine.guided
    assert routine.setup.startswith("You need a mat.")
    assert routine.finish.startswith("Roll onto your side")
    assert routine.pace.settle == 3
    four, bridge = routine.steps
    assert four.sides is Sides.BOTH and four.settle == 5 and four.pose == "reclined-figure-four"
    assert four.feel == "A deep stretch in the {side} buttock."
    assert four.release and four.caution and four.setup
    assert isinstance(bridge.work, Reps) and bridge.rep_cues == ("up", "and down")


def test_format_2_writes_and_reads_back_the_same() -> None:
    routine = parse_routine(FORMAT_2.encode())
    written = routine_to_toml(routine)
    assert written.startswith("format = 2\n")
    assert parse_routine(written.encode()) == routine


def test_a_format_1_file_keeps_loading_and_says_when_a_key_needs_format_2() -> None:
    old = 'format = 1\ntitle = "Old"\n[[step]]\nname = "A"\nsay = "Lean."\nhold = 3\n'
    assert parse_routine(old.encode()).format == 1
    assert problems_of(old + 'feel = "A stretch."\n') == [
        'mine.toml:7: step 1 ("A"): feel: is a format 2 key; write format = 2 at the top of the '
        "file to use it"
    ]
    assert problems_of(old.replace('title = "Old"', 'title = "Old"\nfinish = "Bye."')) == [
        "mine.toml:3: finish: is a format 2 key; write format = 2 at the top of the file to use it"
    ]


def test_side_placeholders_need_a_sided_step_and_only_two_exist() -> None:
    text = (
        'format = 2\ntitle = "T"\n[[step]]\nname = "A"\nsay = "Lift your {side} leg."\nhold = 3\n'
    )
    assert problems_of(text) == [
        'mine.toml:5: step 1 ("A"): say: has {side} but the step has no sides; add sides = "both" '
        '(or "left", "right") or write the side out'
    ]
    sided = text.replace("{side}", "{sde}") + 'sides = "both"\n'
    assert problems_of(sided) == [
        'mine.toml:5: step 1 ("A"): say: has {sde}; the words that change per side are {side} '
        "and {other} (or {side:form for left|form for right})"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            'rep_cues = ["up", "and down", "and up", "and down", "again"]',
            'rep_cues: expected a list of 1 to 4 short texts (each 1 to 30 characters, like ["up", '
            '"and down"]), found a list of 5',
        ),
        ('pose = "Pigeon Pose"', "pose: expected a pose name of lowercase letters"),
        ("settle = 31", "settle: expected a number of seconds from 0 to 30, found 31"),
        ("caution = 3", "caution: expected text, found 3"),
    ],
)
def test_format_2_keys_are_checked(line: str, message: str) -> None:
    text = f'format = 2\ntitle = "T"\n[[step]]\nname = "A"\nreps = 3\n{line}\n'
    found = problems_of(text)
    assert len(found) == 1 and message in found[0], found


def test_rep_cues_belong_to_reps() -> None:
    text = 'format = 2\ntitle = "T"\n[[step]]\nname = "A"\nhold = 3\nrep_cues = ["up"]\n'
    assert problems_of(text) == [
        'mine.toml:6: step 1 ("A"): rep_cues: only applies to steps with reps'
    ]


def test_a_pose_is_checked_against_the_pose_library_when_there_is_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys
    import types

    library = types.ModuleType("stretchtimer.core.poses")  # until core/poses is merged here
    library.pose_names = lambda: ("pigeon", "seated-twist")  # type: ignore[attr-defined]
    library.suggest = lambda name: "pigeon" if "pig" in name else None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "stretchtimer.core.poses", library)
    text = 'format = 2\ntitle = "T"\n[[step]]\nname = "A"\nhold = 3\npose = "{pose}"\n'
    assert parse_routine(text.replace("{pose}", "pigeon").encode()).steps[0].pose == "pigeon"
    assert problems_of(text.replace("{pose}", "pigeon-pose")) == [
        'mine.toml:6: step 1 ("A"): pose: unknown pose; did you mean pigeon?'
    ]
    assert problems_of(text.replace("{pose}", "cobra")) == [
        'mine.toml:6: step 1 ("A"): pose: unknown pose; see `stretchtimer pose list`'
    ]
