"""The guidance check: what a person could not follow with eyes closed is named, with the fix."""

from __future__ import annotations

from stretchtimer.core.routine.guidance import check_guidance
from stretchtimer.core.routine.model import Breaths, Hold, Routine, Sides, Step
from stretchtimer.storage.routines.library import builtin_entries


def messages(routine: Routine) -> list[str]:
    return [str(advice) for advice in check_guidance(routine)]


def test_every_built_in_routine_passes_with_no_warning() -> None:
    for entry in builtin_entries():
        assert entry.routine is not None
        assert check_guidance(entry.routine) == [], entry.id


def test_a_sided_step_that_never_says_which_side_is_which() -> None:
    step = Step("Figure-four", Hold(30), Sides.BOTH, say="Cross one ankle over the other knee.")
    found = messages(Routine("T", (step,), format=2))
    assert any("never say which leg or arm that is; write {side}" in text for text in found)
    named = Step("Figure-four", Hold(30), Sides.BOTH, say="Cross your {side} ankle over.")
    assert messages(Routine("T", (named,), format=2)) == []


def test_a_cue_over_twelve_seconds_in_one_go() -> None:
    long = " ".join(["word"] * 60)
    found = messages(Routine("T", (Step("Long", Hold(30), say=long),), format=2))
    assert any("in one go for" in text and "at most 12 s" in text for text in found)


def test_too_little_quiet_before_a_timed_part_in_a_format_1_routine() -> None:
    found = messages(Routine("T", (Step("Reach", Hold(10), say="Reach up high, then hold."),)))
    assert found == [
        'step 1 ("Reach"): settle: starts 1.8 s after the last word before it; a person needs '
        "3 s to get into position (format 2 gives settle time)"
    ]


def test_a_floor_step_with_no_way_out() -> None:
    step = Step("Pigeon", Hold(30), say="Lower into pigeon and rest there.", pose="pigeon")
    assert messages(Routine("T", (step,), format=2)) == [
        'step 1 ("Pigeon"): release: is on the floor but never says how to come out of it'
    ]
    tagged = Step("Rest", Breaths(3), say="Lie still.")
    assert messages(Routine("T", (tagged,), tags=("floor",), format=2))


def test_a_caution_that_lives_only_in_the_description() -> None:
    step = Step("Reach", Hold(10), say="Reach up.")
    routine = Routine("T", (step,), description="Stop if you feel pain.", format=2)
    assert messages(routine) == [
        "description: has a caution only in the description, which is never spoken; say it "
        "with the steps it belongs to (caution = ...)"
    ]


def test_a_feel_too_long_for_its_hold() -> None:
    feel = "A long description of how the stretch should feel in the hip and the thigh."
    step = Step("Reach", Hold(4), say="Reach up.", feel=feel)
    assert messages(Routine("T", (step,), format=2)) == [
        'step 1 ("Reach"): feel: is too long to be said during the hold; shorten it'
    ]
