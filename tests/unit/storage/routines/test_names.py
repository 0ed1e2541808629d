"""What routines and their files are called: file names anyone's system can hold, titles
compared as a person reads them, and copies that stay within the title's length."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from stretchtimer.core.routine.model import Hold, Routine, Step
from stretchtimer.storage.routines.names import (
    MAX_STEM,
    TITLE_LIMIT,
    builtin_ids,
    builtin_titles,
    copy_title,
    numbered_title,
    slug,
    title_key,
    titled,
)


def test_a_file_name_from_a_title_keeps_its_words_in_plain_letters() -> None:
    assert slug("Desk hips (copy)") == "desk-hips-copy"
    assert slug("Hüftöffner am Schreibtisch") == "huftoffner-am-schreibtisch"
    assert slug("¡Caderas!") == "caderas"
    assert slug("🧘 …") == "routine"  # nothing to keep: still a name


@given(st.text(max_size=200))
def test_every_title_gives_a_short_safe_file_name(title: str) -> None:
    stem = slug(title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem)
    assert len(stem) <= MAX_STEM


def test_titles_differing_in_letter_case_or_outer_spaces_are_the_same() -> None:
    assert title_key("  Hip Openers ") == title_key("hip openers")
    assert title_key("Hip openers") != title_key("Hip  openers")


def test_a_copy_and_a_numbered_title_stay_within_the_length_limit() -> None:
    assert copy_title("Hip openers") == "Hip openers (copy)"
    assert numbered_title("Desk hips", 2) == "Desk hips (2)"
    long = "x" * TITLE_LIMIT
    assert len(copy_title(long)) == TITLE_LIMIT and copy_title(long).endswith(" (copy)")
    assert len(numbered_title(long, 12)) == TITLE_LIMIT
    assert numbered_title(long, 12).endswith(" (12)")


def test_a_new_title_is_trimmed_to_the_limit() -> None:
    routine = Routine("Old", (Step("Pigeon", Hold(30)),))
    assert titled(routine, "  New title  ").title == "New title"
    assert len(titled(routine, "y" * 200).title) == TITLE_LIMIT


def test_the_built_in_routines_keep_their_names_and_titles_in_every_language() -> None:
    assert "hip-openers" in builtin_ids()
    titles = builtin_titles()
    assert {"Hip openers", "Hüftöffner"} <= titles
