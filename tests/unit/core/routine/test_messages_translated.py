"""Every problem and warning about a routine file reaches the person in their language.

Under the pseudo-language every marked text reads ⟦...⟧; a word outside the marks (other
than the file's own names, keys and values) was never marked for translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.file import load_routine, parse_routine
from stretchtimer.core.routine.guidance import check_guidance
from stretchtimer.core.routine.problems import RoutineFileError
from tests.languages import unmarked

_INNERMOST = re.compile(r"⟦[^⟦⟧]*⟧")

BROKEN = """\
format = 2
title = ""
description = 5
tags = ["ok", 3, "%s"]
language = "klingon"
setup = "%s"
colour = "blue"

[pace]
prepare = "five"
settle = inf
rest = 1e999

[[step]]
name = "Figure four"
say = "Cross your {side} ankle over your {seite} knee."
feel = "Like {side:linke} this."
hold = 30.5
breaths = 4
pose = "Not A Pose"
rep_cues = "up"
sides = "bth"
tempo = 3

[step.translations.xx]
name = "X"

[step.translations.de]
holds = 3
say = "Leg den {other:a|b|c} Fuß ab."

[[step]]
name = "Bridge"
reps = 2.0
sets = 0
set_rest = 2000-01-01
tempo = []
rep_cues = ["up", ""]

[[step]]
say = "No name and no time."

[translations.en]
title = "Again in English"

[translations.fr]
title = "a\\nb"
step = 3
"""
# The file's own words that problems quote back (names, keys, values, tags, units)
ALLOWED = (
    "Figure four",
    "Bridge",
    "klingon",
    "Not A Pose",
    "blue",
    "colour",
    "five",
    "bth",
    "up",
    "Again in English",
    "seite",
    "linke",
    "side",
    "other",
    "translations",
    "rep_cues",
    "set_rest",
    "prepare",
    "settle",
    "description",
    "language",
    "title",
    "tags",
    "pace",
    "step",
    "name",
    "say",
    "feel",
    "hold",
    "breaths",
    "reps",
    "sets",
    "tempo",
    "pose",
    "sides",
    "holds",
    "inf",
    "nan",
    "setup",
    "rest",
    "xx",
    "fr",
    "de",
    "en",
    "MiB",
    "mine.toml",
    "de_DE",
    "format",
    "finish",
)


def outside_marks(text: str, allowed: tuple[str, ...] = ALLOWED) -> str:
    """Words of ``text`` no catalogue translated: composed messages nest their marks."""
    while True:
        inner = _INNERMOST.sub(" ", text)
        if inner == text:
            break
        text = inner
    return unmarked(text, tuple(sorted(allowed, key=len, reverse=True)))


def problems_of(data: bytes, source: str = "mine.toml") -> list[str]:
    with pytest.raises(RoutineFileError) as caught:
        parse_routine(data, source)
    return [str(problem) for problem in caught.value.problems]


def test_the_broken_file_has_many_kinds_of_problem() -> None:
    text = BROKEN.replace("%s", "x" * 600)
    assert len(problems_of(text.encode())) >= 25


def test_every_problem_in_a_broken_file_is_told_in_the_persons_language(
    language: Callable[[str], Language],
) -> None:
    language("qps")
    text = BROKEN.replace("%s", "x" * 600)
    for problem in problems_of(text.encode()):
        assert outside_marks(problem) == "", problem


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\x01",
        b"format = 2\ntitle = \xff\n",
        b"format = [\n",
        b'format = 3\ntitle = "T"\n',
        b'format = 2\ntitle = "T"\nstep = []\n',
        b'format = 2\ntitle = "T"\nstep = 5\n',
        b'format = 2\ntitle = "T"\npace = 5\n',
        b'format = 1\ntitle = "T"\nsetup = "x"\n[[step]]\nname = "A"\nhold = 3\n',
        b'title = "T"\n[[step]]\nname = "A"\nhold = 3\nreps = 3\n',
        b'format = 2\ntitle = "T"\ntranslations = 3\n[[step]]\nname = "A"\nhold = 3\n',
        b'format = 2\ntitle = "T"\n[[step]]\nname = "A"\nhold = 3\n[step.translations.de]\n'
        b'name = "A"\n[step.translations.de-DE]\nname = "B"\n[step.translations.de_DE]\nn = 1\n',
    ],
)
def test_problems_of_unreadable_files_are_told_in_the_persons_language(
    data: bytes, language: Callable[[str], Language]
) -> None:
    language("qps")
    for problem in problems_of(data):
        # (the TOML reader's own English words sit inside the marked sentence)
        assert outside_marks(problem) == "", problem


def test_files_that_cannot_be_opened_are_told_in_the_persons_language(
    tmp_path: Path, language: Callable[[str], Language]
) -> None:
    language("qps")
    for path in (tmp_path / "missing.toml", tmp_path):
        with pytest.raises(RoutineFileError) as caught:
            load_routine(path)
        assert outside_marks(str(caught.value), (*ALLOWED, str(path))) == ""


def test_guidance_warnings_are_told_in_the_persons_language(
    language: Callable[[str], Language],
) -> None:
    routine = parse_routine(
        b'format = 2\ntitle = "T"\ntags = ["floor"]\ndescription = "Stop if it hurts."\n'
        b'[[step]]\nname = "Pigeon"\npose = "pigeon"\nsay = "'
        + b"Breathe and hold. " * 30
        + b'"\nfeel = "'
        + b"Feel it deep. " * 40
        + b'"\nhold = 5\nsides = "both"\n'
        b'[step.translations.de]\nname = "Taube"\n'
    )
    language("qps")
    advice = [str(item) for item in check_guidance(routine)]
    assert len(advice) >= 5
    for item in advice:
        assert (
            outside_marks(
                item, (*ALLOWED, "Pigeon", "Breathe", "and", "Feel", "it", "deep", "release")
            )
            == ""
        ), item


def test_a_german_person_reads_the_problem_in_german(language: Callable[[str], Language]) -> None:
    language("de")
    data = b'format = 2\ntitle = "T"\n[[step]]\nname = "A"\nhold = "30"\n'
    assert problems_of(data) == [
        "mine.toml:5: Übung 1 („A“): hold: erwartet: eine Zahl von 1 bis 3600 Sekunden, "
        "gefunden: der Text „30“"
    ]
