"""The starter routine `routines new` writes: valid, commented, in the person's language."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.routine.guidance import check_guidance
from stretchtimer.core.routine.model import Breaths, Hold, Reps
from stretchtimer.core.routine.starter import starter_toml
from tests.languages import unmarked

COMMENT = re.compile(r"#\s*(.*)$", re.MULTILINE)


def test_the_english_starter_is_valid_has_each_kind_of_step_and_needs_no_advice() -> None:
    text = starter_toml("Morning hips", "morning-hips.toml")
    routine = parse_routine(text.encode())
    assert routine.title == "Morning hips" and routine.language == "en"
    assert "language =" not in text  # English is the default: the key is not needed
    assert {type(step.work) for step in routine.steps} == {Hold, Breaths, Reps}
    assert "stretchtimer routines validate morning-hips.toml" in text
    assert "hold = 30                    # seconds" in text
    assert check_guidance(routine) == []


@pytest.mark.parametrize(
    ("tag", "name", "say"),
    [
        ("de", "Vierer-Dehnung im Sitzen", "Leg deinen {side:linken|rechten} Knöchel"),
        ("es", "Figura de cuatro en la silla", "Cruza el tobillo {side:izquierdo|derecho}"),
        ("fr", "Figure quatre sur la chaise", "Croisez la cheville {side:gauche|droite}"),
    ],
)
def test_a_starter_in_another_language_says_so_and_is_written_in_it(
    tag: str, name: str, say: str, language: Callable[[str], Language]
) -> None:
    english = starter_toml("Morning hips")
    language(tag)
    text = starter_toml("Morning hips")
    routine = parse_routine(text.encode())
    assert routine.language == tag
    assert routine.title == "Morning hips"  # the person's own title, as typed
    assert routine.steps[0].name == name and routine.steps[0].say.startswith(say)
    same = set(COMMENT.findall(text)) & set(COMMENT.findall(english))
    assert {note for note in same if "routines validate" not in note} == set()  # all translated
    assert routine.steps[2].rep_cues != ("up", "and down")


def test_every_note_and_example_of_the_starter_is_marked_for_translation(
    language: Callable[[str], Language],
) -> None:
    language("qps")
    text = starter_toml("Morning hips", "mine.toml")
    parse_routine(text.encode())  # the pseudo-language still makes a valid file
    notes = "\n".join(COMMENT.findall(text)).replace("routines validate mine.toml", "")
    assert unmarked(notes, ("stretchtimer", "step", "none", "both", "left", "right")) == ""
    values = "\n".join(
        line.split("=", 1)[1].split("  #")[0] for line in text.splitlines() if '= "' in line
    )
    assert unmarked(values, ("Morning hips", "both")) == ""


def test_a_language_without_a_catalogue_gets_the_english_starter_as_english(
    language: Callable[[str], Language],
) -> None:
    language("ar")  # right to left, but no Arabic words ship
    routine = parse_routine(starter_toml("Morning hips").encode())
    assert routine.language == "en"
    assert routine.steps[0].name == "Seated figure-four"
