"""The built-in routines say what the issue promised people they would."""

from __future__ import annotations

import re

from stretchtimer.core.routine.guidance import FLOOR_POSES, check_guidance
from stretchtimer.core.routine.languages import in_language, languages, translation_gaps
from stretchtimer.core.routine.model import (
    ROUTINE_TEXT_KEYS,
    STEP_TEXT_KEYS,
    Breaths,
    Hold,
    Reps,
    Routine,
    Sides,
)
from stretchtimer.core.routine.wording import uses_sides
from stretchtimer.core.session.plan import build_plan
from stretchtimer.storage.languages import shipped_languages
from stretchtimer.storage.routines.library import builtin_entries

ROUTINES: dict[str, Routine] = {
    entry.id: entry.routine for entry in builtin_entries() if entry.routine is not None
}


def step(routine_id: str, name: str):  # type: ignore[no-untyped-def]
    return next(step for step in ROUTINES[routine_id].steps if step.name == name)


def test_there_are_at_least_five_and_every_step_can_be_followed_with_eyes_closed() -> None:
    assert len(ROUTINES) >= 5
    for routine in ROUTINES.values():
        assert routine.guided and routine.setup and routine.finish, routine.title
        for item in routine.steps:
            assert len(item.say.split()) >= 8, f"{routine.title}: {item.name} needs words"
            assert item.pose, f"{routine.title}: {item.name} needs a pose"
            if item.sides is not Sides.NONE:
                assert uses_sides(item), f"{routine.title}: {item.name} must name the side"


def test_every_built_in_passes_the_guidance_check() -> None:
    for routine in ROUTINES.values():
        assert check_guidance(routine) == [], routine.title


def test_floor_routines_finish_by_rolling_to_one_side_and_coming_up_slowly() -> None:
    for routine in ROUTINES.values():
        if any(item.pose in FLOOR_POSES for item in routine.steps) and "floor" in routine.tags:
            assert "side" in routine.finish and "slowly" in routine.finish, routine.title
        for item in routine.steps:
            if item.pose in FLOOR_POSES:
                assert item.release, f"{routine.title}: {item.name} needs a way out"


def test_hip_openers_pigeon_from_a_lunge_straddle_breaths_and_figure_four() -> None:
    pigeon = step("hip-openers", "Pigeon pose")
    assert isinstance(pigeon.work, Hold) and pigeon.work.seconds >= 30
    assert pigeon.sides is Sides.BOTH and "lunge" in pigeon.setup
    assert "{side} knee in line with your {side} hip" in pigeon.say
    assert "outside of your {side} thigh" in pigeon.feel  # the seed: the outside of the thigh
    assert pigeon.easier.startswith("Thread the needle")
    assert step("hip-openers", "Straddle fold").work == Breaths(5)
    assert step("hip-openers", "Lying figure-four").sides is Sides.BOTH


def test_desk_hips_is_a_three_to_six_minute_chair_routine() -> None:
    routine = ROUTINES["desk-hips"]
    assert 180 <= build_plan(routine).duration <= 360
    assert step("desk-hips", "Seated figure-four").sides is Sides.BOTH
    assert "chair" in routine.description


def test_sciatica_relief_says_when_to_stop_at_every_step_that_loads_the_low_back() -> None:
    routine = ROUTINES["sciatica-relief"]
    assert "doctor or physiotherapist" in routine.description
    loading = [item for item in routine.steps if item.name != "Rest and breathe"]
    for item in loading:
        text = item.caution
        assert "numbness" in text and "weak" in text and "down the leg" in text, item.name
    assert routine.pace.inhale and routine.pace.inhale >= 5  # slow


def test_hip_strength_is_reps_in_two_or_three_sets_with_a_tempo() -> None:
    names = [item.name for item in ROUTINES["hip-strength"].steps]
    assert {"Lateral band walk", "Hip hinge", "Glute bridge"} <= set(names)
    for item in ROUTINES["hip-strength"].steps:
        assert isinstance(item.work, Reps) and 2 <= item.work.sets <= 3 and item.work.tempo > 0


def test_the_quick_reset_no_longer_claims_two_minutes() -> None:
    # Said with time to move it takes about three minutes; its id stays for old reminders.
    routine = ROUTINES["two-minute-reset"]
    assert "minute" not in routine.title.lower()
    assert 120 <= build_plan(routine).duration <= 200


def test_hip_strength_says_three_times_a_week_as_the_seed_does() -> None:
    description = ROUTINES["hip-strength"].description
    assert "three times a week" in description and "two or three times" not in description
    for item in ROUTINES["hip-strength"].steps:
        assert isinstance(item.work, Reps) and 5 <= item.work.count <= 10
    assert step("hip-strength", "Glute bridge").rep_cues


# The pose library's names the built-ins may use (sided ones are mirrored for the other side).
POSE_NAMES = {
    "seated-figure-four", "seated-hip-flexor", "seated-twist", "seated-pelvic-tilt",
    "seated-breathing", "pigeon", "pigeon-folded", "thread-the-needle", "straddle-fold",
    "reclined-figure-four", "knee-to-chest", "knees-to-chest", "lying-rest",
    "lying-pelvic-tilt", "glute-bridge", "clamshell", "band-walk", "hip-hinge",
    "standing-reach-up", "standing-side-bend", "standing-hip-opener", "forward-hang",
}  # fmt: skip


def test_every_step_of_every_built_in_names_a_pose_from_the_library() -> None:
    for routine in ROUTINES.values():
        for item in routine.steps:
            assert item.pose in POSE_NAMES, f"{routine.title}: {item.name}: {item.pose}"


# -- in every language the app ships ---------------------------------------------------

TRANSLATED = [tag for tag in shipped_languages() if tag != "en"]
SIDE_FORM = re.compile(r"\{(side|other)(?::([^|{}]*)\|([^|{}]*))?\}")
# The two words a side form may hold, by language: left and right with the same ending.
SIDE_WORDS = {
    "de": re.compile(r"links\|rechts|link(e|en|er|es|em)\|recht\1"),
    "es": re.compile(r"izquierd([oa]s?)\|derech\1"),
    "fr": re.compile(r"gauche(s?)\|droite?\1"),
}


def translated_texts(routine: Routine, tag: str) -> list[tuple[str, str, str]]:
    """(where, original, translation) for every text of ``routine`` and its steps in ``tag``."""
    found = []
    [own] = [t for t in routine.translations if t.language == tag]
    for key in ROUTINE_TEXT_KEYS:
        found.append((key, getattr(routine, key), getattr(own, key)))
    for item in routine.steps:
        [text] = [t for t in item.translations if t.language == tag]
        for key in STEP_TEXT_KEYS:
            if key == "rep_cues":
                for cue, translated in zip(item.rep_cues, text.rep_cues, strict=False):
                    found.append((f"{item.name}: rep_cues", cue, translated))
            else:
                found.append((f"{item.name}: {key}", getattr(item, key), getattr(text, key)))
    return found


def test_the_app_ships_languages_and_every_built_in_speaks_each_of_them() -> None:
    assert {"de", "es", "fr"} <= set(TRANSLATED)
    for routine in ROUTINES.values():
        assert languages(routine) == ["en", *TRANSLATED], routine.title


def test_every_text_of_every_built_in_is_translated_into_every_shipped_language() -> None:
    for routine in ROUTINES.values():
        assert translation_gaps(routine) == [], routine.title
        for tag in TRANSLATED:
            for where, original, translated in translated_texts(routine, tag):
                if original:
                    assert translated and translated != original, f"{routine.title} {tag} {where}"
                else:
                    assert not translated, f"{routine.title} {tag} {where}: no original"
            for item in routine.steps:
                [text] = [t for t in item.translations if t.language == tag]
                assert len(text.rep_cues) == len(item.rep_cues), f"{item.name} {tag}"


def test_translations_name_the_same_sides_as_the_english_with_the_languages_own_words() -> None:
    for routine in ROUTINES.values():
        for tag in TRANSLATED:
            for where, original, translated in translated_texts(routine, tag):
                said = {match[0] for match in SIDE_FORM.findall(original)}
                assert {match[0] for match in SIDE_FORM.findall(translated)} == said, (
                    f"{routine.title} {tag} {where}: {translated}"
                )
                for match in SIDE_FORM.finditer(translated):
                    # the plain {side} reads "left"/"right" as an adverb; nouns need a form
                    assert match.group(2) is not None, f"{routine.title} {tag} {where}"
                    forms = f"{match.group(2)}|{match.group(3)}"
                    assert SIDE_WORDS[tag].fullmatch(forms), f"{tag} {where}: {forms}"


def test_german_says_left_and_right_with_the_ending_its_noun_needs() -> None:
    german = in_language(ROUTINES["desk-hips"], "de")
    figure_four = german.steps[0]
    assert figure_four.name == "Vierer-Dehnung im Sitzen"
    assert "deinen {side:linken|rechten} Knöchel auf dein {other:linkes|rechtes} Knie" in (
        figure_four.say
    )
    side_bend = in_language(ROUTINES["two-minute-reset"], "de").steps[1]
    assert side_bend.say.endswith("nach {side:links|rechts}.")
    assert in_language(ROUTINES["hip-openers"], "fr").title == "Ouverture des hanches"
    assert in_language(ROUTINES["sciatica-relief"], "es").steps[1].name == "Una rodilla al pecho"


def test_every_translated_built_in_can_be_followed_with_eyes_closed_too() -> None:
    # Longer words must not make a cue run on, nor eat the quiet before a hold. (Whether the
    # words name the side is the spoken words' check, which reads the side forms.)
    for routine in ROUTINES.values():
        for tag in TRANSLATED:
            advice = check_guidance(in_language(routine, tag))
            assert [str(item) for item in advice if "which leg" not in str(item)] == [], tag
