"""Format-2 guidance in the plan: sides in the words, time to move, a way in and a way out."""

from __future__ import annotations

import itertools

from hypothesis import given, settings

from stretchtimer.core.routine.model import (
    Breaths,
    Hold,
    Pace,
    Reps,
    ResolvedPace,
    Routine,
    Sides,
    Step,
)
from stretchtimer.core.session.cues import CueRole, SpeechLength
from stretchtimer.core.session.plan import (
    Plan,
    Segment,
    SegmentKind,
    Wording,
    build_plan,
    estimate_speech_seconds,
)
from tests.strategies import guided_routines

K = SegmentKind

FIGURE_FOUR = Step(
    "Reclined figure-four",
    Hold(30),
    Sides.BOTH,
    setup="Lie on your back, knees bent, feet flat.",
    say="Cross your {side} ankle over your {other} knee and draw the {other} thigh towards you.",
    feel="A deep stretch in the {side} buttock.",
    release="Let go and put the {other} foot back down.",
    caution="Stop if you feel tingling or numbness down the leg.",
    easier="Keep the {other} foot on the floor and let the {side} knee fall open.",
)


def guided(*steps: Step, pace: Pace | None = None, **texts: str) -> Routine:
    return Routine("Floor hips", steps, pace=pace or Pace(), format=2, **texts)


def said(segment: Segment) -> list[str]:
    return [cue.text for cue in segment.cues if cue.spoken and cue.text]


def of_kind(plan: Plan, kind: SegmentKind) -> list[Segment]:
    return [segment for segment in plan.segments if segment.kind is kind]


def last_word(segment: Segment, length: SpeechLength = estimate_speech_seconds) -> float:
    return max(
        (cue.offset + length(cue.text) for cue in segment.cues if cue.spoken and cue.text),
        default=0.0,
    )


def test_side_and_other_are_said_for_each_side_from_the_persons_body() -> None:
    plan = build_plan(guided(FIGURE_FOUR))
    prepare, left_hold, switch, right_hold = plan.segments[:4]
    assert "Cross your left ankle over your right knee and draw the right thigh towards you." in (
        said(prepare)
    )
    assert "A deep stretch in the left buttock." in said(left_hold)
    assert said(switch)[0] == "Let go and put the right foot back down."  # out of the left side
    assert "Cross your right ankle over your left knee and draw the left thigh towards you." in (
        said(switch)
    )
    assert "A deep stretch in the right buttock." in said(right_hold)
    assert not any("{" in text for text in plan.spoken_texts)


def test_a_sided_step_without_placeholders_says_the_side_first_not_last() -> None:
    step = Step("Side bend", Hold(10), Sides.BOTH, say="Lean your upper body to one side.")
    prepare = build_plan(guided(step)).segments[0]
    assert said(prepare)[:3] == [
        "Side bend.",
        "Left side first.",
        "Lean your upper body to one side.",
    ]
    with_words = build_plan(guided(FIGURE_FOUR)).segments[0]
    assert "Left side first." not in said(with_words)  # the words already say it


def test_the_way_in_comes_in_order_what_you_need_name_caution_setup_action_easier() -> None:
    routine = guided(FIGURE_FOUR, setup="You need a mat.")
    roles = [cue.role for cue in build_plan(routine).segments[0].cues if cue.spoken and cue.text]
    assert roles == [
        CueRole.SETUP,
        CueRole.INTRO,
        CueRole.CAUTION,
        CueRole.SETUP,
        CueRole.ACTION,
        CueRole.EASIER,
    ]


def test_a_caution_is_said_every_time_the_step_comes_up() -> None:
    plan = build_plan(guided(FIGURE_FOUR, FIGURE_FOUR))
    prepares = of_kind(plan, K.PREPARE)
    assert all(FIGURE_FOUR.caution in said(prepare) for prepare in prepares)


def test_settle_time_follows_every_preparation_switch_and_set_rest() -> None:
    bridge = Step("Band walk", Reps(5, tempo=2, sets=2, set_rest=4), Sides.BOTH, say="Step wide.")
    routine = guided(FIGURE_FOUR, bridge, pace=Pace(settle=4))
    plan = build_plan(routine)
    segments = plan.segments
    checked = 0
    for before, segment in itertools.pairwise(segments):
        if segment.kind.is_work:
            assert before.duration - last_word(before) >= 4 - 1e-9, before
            checked += 1
    assert checked == 2 + 4  # two holds; two sets of reps on two sides


def test_a_step_may_ask_for_longer_settle_time_and_the_person_sets_the_default() -> None:
    slow = Step("Pigeon", Hold(30), Sides.LEFT, say="Lower into pigeon.", settle=8)
    plan = build_plan(guided(slow), pace_defaults=ResolvedPace(settle=3, prepare=0))
    prepare = plan.segments[0]
    assert prepare.duration - last_word(prepare) >= 8
    quick = Step("Reach", Hold(10), say="Reach up.")
    plan = build_plan(guided(quick), pace_defaults=ResolvedPace(settle=5, prepare=0))
    assert plan.segments[0].duration - last_word(plan.segments[0]) == 5


def test_every_timed_part_begins_with_begin() -> None:
    routine = guided(
        FIGURE_FOUR,
        Step("Fold", Breaths(3), say="Fold forward."),
        Step("Bridge", Reps(3), say="Lift your hips."),
    )
    for segment in build_plan(routine).segments:
        if segment.kind.is_work:
            first = segment.cues[0]
            assert first.offset == 0 and first.text.startswith("Begin."), first


def test_long_texts_are_spoken_a_sentence_at_a_time() -> None:
    long = " ".join(f"Sentence number {n} says a few more words about the pose." for n in range(6))
    step = Step("Long", Hold(20), say=long)
    prepare = build_plan(guided(step)).segments[0]
    action = [cue.text for cue in prepare.cues if cue.role is CueRole.ACTION]
    assert (
        len(action) == 6 and action[0] == "Sentence number 0 says a few more words about the pose."
    )
    assert estimate_speech_seconds(long) > 12
    assert all(estimate_speech_seconds(text) <= 12 for text in action)


def test_the_last_rep_of_every_set_is_last_one_and_rep_cues_fall_within_the_rep() -> None:
    bridge = Step("Glute bridge", Reps(4, tempo=4, sets=2), rep_cues=("up", "and down"))
    plan = build_plan(guided(bridge))
    for reps in of_kind(plan, K.REPS):
        cues = [(cue.offset, cue.text) for cue in reps.cues]
        assert cues == [
            (0.0, "Begin. One. Up."),
            (2.0, "And down."),
            (4.0, "Two. Up."),
            (6.0, "And down."),
            (8.0, "Three. Up."),
            (10.0, "And down."),
            (12.0, "Last one. Up."),
            (14.0, "And down."),
        ]


def test_reps_too_quick_for_words_are_marked_by_a_tone_and_never_overlap() -> None:
    quick = Step("Pulses", Reps(6, tempo=0.5), say="Small pulses.")
    reps = of_kind(build_plan(guided(quick)), K.REPS)[0]
    assert len(reps.cues) == 6
    assert all(cue.offset == n * 0.5 for n, cue in enumerate(reps.cues))
    assert all(
        not cue.spoken or cue.offset + estimate_speech_seconds(cue.text) <= 3 for cue in reps.cues
    )


def test_the_easier_way_is_offered_aloud_unless_the_person_turned_it_off() -> None:
    on = said(build_plan(guided(FIGURE_FOUR)).segments[0])
    offer = "If that is too much, keep the right foot on the floor and let the left knee fall open."
    assert offer in on
    off = said(build_plan(guided(FIGURE_FOUR), wording=Wording(speak_easier=False)).segments[0])
    assert offer not in off and len(off) == len(on) - 1


def test_pressing_e_says_the_easier_way_for_the_side_being_done() -> None:
    plan = build_plan(guided(FIGURE_FOUR))
    assert "Easier: Keep the left foot on the floor and let the right knee fall open." in (
        plan.spoken_texts
    )


def test_the_way_out_is_said_as_the_timed_part_ends_then_the_finish_and_closing_words() -> None:
    routine = guided(
        FIGURE_FOUR, Step("Rest", Breaths(2), release="Roll to one side."), finish="Come up slowly."
    )
    plan = build_plan(routine)
    rest = of_kind(plan, K.REST)[0]
    assert said(rest)[0] == "Let go and put the left foot back down."  # out of the right side
    assert said(plan.segments[-1]) == [
        "Roll to one side.",
        "Come up slowly.",
        "Session complete. Well done.",
    ]


def test_feel_is_said_once_the_hold_has_begun_and_only_if_it_fits() -> None:
    short = Step("Short", Hold(4), feel="A long description of a feeling that cannot fit in four.")
    hold = of_kind(build_plan(guided(short)), K.HOLD)[0]
    assert said(hold)[0] == "Begin." and short.feel not in said(hold)
    hold = of_kind(build_plan(guided(FIGURE_FOUR)), K.HOLD)[0]
    assert [cue.role for cue in hold.cues[:2]] == [CueRole.BEGIN, CueRole.FEEL]


def test_a_format_1_routine_plays_exactly_as_before() -> None:
    step = Step("Side bend", Hold(10), Sides.BOTH, say="Lean to one side.", easier="Less.")
    plan = build_plan(Routine("Old", (step,)))
    assert said(plan.segments[0]) == ["Side bend. Lean to one side.", "Left side first."]
    assert said(plan.segments[1])[0] == "Hold for ten seconds."


def speech_lengths(wpm: float) -> SpeechLength:
    return lambda text: estimate_speech_seconds(text, wpm)


@settings(max_examples=150, deadline=None)
@given(guided_routines())
def test_any_format_2_script_never_talks_over_itself_and_always_gives_time_to_move(
    routine: Routine,
) -> None:
    for wpm in (90.0, 175.0, 300.0):
        length = speech_lengths(wpm)
        plan = build_plan(routine, speech_length=length)
        heard: list[tuple[float, float]] = []
        start = 0.0
        for before, segment in zip((None, *plan.segments), plan.segments, strict=False):
            for cue in segment.cues:
                if cue.spoken and cue.text:
                    heard.append((start + cue.offset, start + cue.offset + length(cue.text)))
            if segment.kind.is_work:
                assert before is not None and segment.step_index is not None
                step = routine.steps[segment.step_index]
                settle = plan.pace.settle if step.settle is None else step.settle
                assert before.duration - last_word(before, length) >= settle - 1e-9
            start += segment.duration
        heard.sort()
        for (_, end), (next_start, _) in itertools.pairwise(heard):
            assert next_start >= end - 1e-9


def test_breaths_begin_count_down_and_fall_back_to_tones_where_no_word_fits() -> None:
    fold = Step("Fold", Breaths(3), say="Fold forward.")
    breaths = of_kind(build_plan(guided(fold)), K.BREATHS)[0]
    assert [cue.text for cue in breaths.cues if cue.role is CueRole.INHALE] == [
        "Begin. Breathe in.",
        "Two more. Breathe in.",
        "Last breath. Breathe in.",
    ]
    slow_voice = speech_lengths(40.0)  # even "In." takes longer than a one-second breath
    quick = build_plan(guided(fold, pace=Pace(inhale=1, exhale=1)), speech_length=slow_voice)
    cues = of_kind(quick, K.BREATHS)[0].cues
    assert len(cues) == 6 and all(not cue.spoken and cue.sound is not None for cue in cues)
