"""The built-in routines say what the issue promised people they would."""

from __future__ import annotations

from stretchtimer.core.routine.model import Breaths, Hold, Reps, Routine, Sides
from stretchtimer.core.session.plan import build_plan
from stretchtimer.storage.routines.library import builtin_entries

ROUTINES: dict[str, Routine] = {
    entry.id: entry.routine for entry in builtin_entries() if entry.routine is not None
}


def step(routine_id: str, name: str):  # type: ignore[no-untyped-def]
    return next(step for step in ROUTINES[routine_id].steps if step.name == name)


def test_there_are_at_least_five_and_every_step_can_be_followed_with_eyes_closed() -> None:
    assert len(ROUTINES) >= 5
    for routine in ROUTINES.values():
        for item in routine.steps:
            assert len(item.say.split()) >= 8, f"{routine.title}: {item.name} needs words"


def test_hip_openers_pigeon_from_a_lunge_straddle_breaths_and_figure_four() -> None:
    pigeon = step("hip-openers", "Pigeon pose")
    assert isinstance(pigeon.work, Hold) and pigeon.work.seconds >= 30
    assert pigeon.sides is Sides.BOTH and "lunge" in pigeon.say
    assert pigeon.easier.startswith("Thread the needle")
    assert step("hip-openers", "Straddle fold").work == Breaths(5)
    assert step("hip-openers", "Lying figure-four").sides is Sides.BOTH


def test_desk_hips_is_a_three_to_six_minute_chair_routine() -> None:
    routine = ROUTINES["desk-hips"]
    assert 180 <= build_plan(routine).duration <= 360
    assert step("desk-hips", "Seated figure-four").sides is Sides.BOTH
    assert "chair" in routine.description


def test_sciatica_relief_says_when_to_stop_and_see_a_clinician() -> None:
    routine = ROUTINES["sciatica-relief"]
    for text in (routine.description, routine.steps[0].say):
        assert "numbness" in text and "weak" in text and "leg" in text
    assert routine.pace.inhale and routine.pace.inhale >= 5  # slow


def test_hip_strength_is_reps_in_two_or_three_sets_with_a_tempo() -> None:
    names = [item.name for item in ROUTINES["hip-strength"].steps]
    assert {"Lateral band walk", "Hip hinge", "Glute bridge"} <= set(names)
    for item in ROUTINES["hip-strength"].steps:
        assert isinstance(item.work, Reps) and 2 <= item.work.sets <= 3 and item.work.tempo > 0


def test_two_minute_reset_is_about_two_minutes() -> None:
    assert 105 <= build_plan(ROUTINES["two-minute-reset"]).duration <= 140
