"""The plan: the timeline a person hears, built from a routine and the length of each clip."""

from __future__ import annotations

from hypothesis import given, settings

from stretchtimer.core.routine.model import Breaths, Hold, Pace, Reps, Routine, Side, Sides, Step
from stretchtimer.core.session import phrases
from stretchtimer.core.session.plan import (
    CUE_GAP,
    SOUND_LEAD,
    BreathGuidance,
    CueRole,
    Plan,
    SegmentKind,
    Sound,
    build_plan,
    estimate_speech_seconds,
)
from tests.strategies import routines

K = SegmentKind


def routine_of(*steps: Step, pace: Pace | None = None) -> Routine:
    return Routine(title="Test", steps=steps, pace=pace or Pace())


def kinds(plan: Plan) -> list[tuple[SegmentKind, Side | None]]:
    return [(segment.kind, segment.side) for segment in plan.segments]


def spoken(plan: Plan, index: int) -> list[tuple[float, str]]:
    return [(cue.offset, cue.text) for cue in plan.segments[index].cues if cue.spoken and cue.text]


def test_a_two_sided_hold_then_breaths_becomes_the_expected_timeline() -> None:
    plan = build_plan(
        routine_of(
            Step("Pigeon pose", Hold(45), Sides.BOTH, say="Lunge, then lower."),
            Step("Straddle fold", Breaths(5)),
        )
    )
    assert kinds(plan) == [
        (K.PREPARE, Side.LEFT),
        (K.HOLD, Side.LEFT),
        (K.SWITCH, Side.RIGHT),
        (K.HOLD, Side.RIGHT),
        (K.REST, None),
        (K.PREPARE, None),
        (K.BREATHS, None),
        (K.DONE, None),
    ]
    assert [segment.position for segment in plan.segments] == list(range(8))
    hold = plan.segments[1]
    assert hold.duration == 45
    assert plan.segments[6].duration == 5 * (4 + 6)  # five breaths at the default pace


def test_the_intro_says_name_instructions_and_which_side_comes_first() -> None:
    plan = build_plan(routine_of(Step("Pigeon pose", Hold(45), Sides.BOTH, say="Lunge.")))
    prepare = plan.segments[0]
    assert prepare.cues[0].sound is Sound.SESSION_START
    assert [text for _, text in spoken(plan, 0)] == ["Pigeon pose. Lunge.", "Left side first."]
    assert [text for _, text in spoken(plan, 2)] == ["Switch sides.", "Right side."]
    assert plan.segments[2].cues[0].sound is Sound.SWITCH


def test_one_sided_steps_say_which_side() -> None:
    plan = build_plan(routine_of(Step("Lunge", Hold(10), Sides.RIGHT)))
    assert kinds(plan)[:2] == [(K.PREPARE, Side.RIGHT), (K.HOLD, Side.RIGHT)]
    assert "Right side." in [text for _, text in spoken(plan, 0)]


def test_preparation_stretches_so_a_hold_never_starts_during_its_instructions() -> None:
    long_say = " ".join(["word"] * 60)
    step = Step("Pigeon pose", Hold(30), say=long_say)
    quick = build_plan(routine_of(step), speech_length=lambda text: 1.0)
    slow = build_plan(routine_of(step), speech_length=lambda text: len(text.split()) * 0.5)
    assert quick.segments[0].duration == 5  # the pace's preparation time is enough
    intro = phrases.intro("Pigeon pose", long_say)
    intro_end = SOUND_LEAD + len(intro.split()) * 0.5
    assert slow.segments[0].duration >= intro_end
    assert slow.segments[1].kind is K.HOLD


def test_unknown_lengths_are_estimated_from_the_word_count() -> None:
    assert estimate_speech_seconds("") == 0
    short, long = estimate_speech_seconds("Rest."), estimate_speech_seconds("word " * 35)
    assert 0.2 < short < 1.0
    assert 10 < long < 15  # 35 words at 175 words a minute is 12 seconds


def test_holds_get_halfway_from_twenty_seconds_and_a_three_two_one() -> None:
    plan = build_plan(routine_of(Step("A", Hold(30)), Step("B", Hold(19)), pace=Pace(rest=0)))
    long_hold = plan.segments[1]
    assert spoken(plan, 1) == [
        (0.0, "Hold for thirty seconds."),
        (15.0, "Halfway."),
        (27.0, "Three."),
        (28.0, "Two."),
        (29.0, "One."),
    ]
    assert long_hold.kind is K.HOLD
    short_hold = plan.segments[3]
    assert short_hold.kind is K.HOLD and short_hold.duration == 19
    assert "Halfway." not in [text for _, text in spoken(plan, 3)]


def test_the_end_of_a_timed_part_chimes_then_rest_and_next() -> None:
    plan = build_plan(routine_of(Step("A", Hold(10)), Step("Figure four", Hold(10))))
    rest = plan.segments[2]
    assert rest.kind is K.REST and rest.duration == 10
    assert rest.cues[0].sound is Sound.END
    assert [text for _, text in spoken(plan, 2)] == ["Rest.", "Next: Figure four."]
    assert spoken(plan, 2)[0][0] == SOUND_LEAD


def test_breaths_are_paced_and_count_down_what_is_left() -> None:
    plan = build_plan(routine_of(Step("Fold", Breaths(3)), pace=Pace(inhale=4, exhale=6)))
    assert spoken(plan, 1) == [
        (0.0, "Three slow breaths. Breathe in."),
        (4.0, "Breathe out."),
        (10.0, "Two more. Breathe in."),
        (14.0, "Breathe out."),
        (20.0, "Last breath. Breathe in."),
        (24.0, "Breathe out."),
    ]


def test_breath_words_shrink_when_the_pace_is_too_quick_for_them() -> None:
    plan = build_plan(
        routine_of(Step("Fold", Breaths(2)), pace=Pace(inhale=1, exhale=1)),
        speech_length=lambda text: 0.5 * len(text.split()),
    )
    assert [text for _, text in spoken(plan, 1)] == ["In.", "Out.", "In.", "Out."]


def test_tone_guidance_speaks_the_first_breath_and_plays_tones_after() -> None:
    plan = build_plan(routine_of(Step("Fold", Breaths(3))), breath_guidance=BreathGuidance.TONES)
    cues = plan.segments[1].cues
    assert [(cue.role, cue.spoken, cue.sound) for cue in cues] == [
        (CueRole.INHALE, True, None),
        (CueRole.EXHALE, True, None),
        (CueRole.INHALE, False, Sound.INHALE),
        (CueRole.EXHALE, False, Sound.EXHALE),
        (CueRole.INHALE, False, Sound.INHALE),
        (CueRole.EXHALE, False, Sound.EXHALE),
    ]


def test_reps_count_every_rep_per_set_with_a_set_rest_between() -> None:
    plan = build_plan(routine_of(Step("Bridge", Reps(count=3, tempo=2, sets=2, set_rest=12))))
    assert kinds(plan) == [
        (K.PREPARE, None),
        (K.REPS, None),
        (K.SET_REST, None),
        (K.REPS, None),
        (K.DONE, None),
    ]
    assert "Two sets of three reps." in [text for _, text in spoken(plan, 0)]
    assert spoken(plan, 1) == [(0.0, "One."), (2.0, "Two."), (4.0, "Three.")]
    set_rest = plan.segments[2]
    assert set_rest.duration == 12 and set_rest.set_number == 2
    assert [text for _, text in spoken(plan, 2)] == ["Rest.", "Set two of two."]
    assert plan.segments[3].set_number == 2 and plan.segments[3].sets == 2


def test_reps_on_both_sides_switch_within_each_set() -> None:
    plan = build_plan(routine_of(Step("Walk", Reps(count=2, tempo=1, sets=2), Sides.BOTH)))
    assert kinds(plan) == [
        (K.PREPARE, Side.LEFT),
        (K.REPS, Side.LEFT),
        (K.SWITCH, Side.RIGHT),
        (K.REPS, Side.RIGHT),
        (K.SET_REST, Side.LEFT),
        (K.REPS, Side.LEFT),
        (K.SWITCH, Side.RIGHT),
        (K.REPS, Side.RIGHT),
        (K.DONE, None),
    ]


def test_a_step_rest_overrides_the_pace_and_zero_rest_leaves_it_out() -> None:
    plan = build_plan(
        routine_of(Step("A", Hold(5), rest=0), Step("B", Hold(5), rest=40), Step("C", Hold(5)))
    )
    assert [segment.kind for segment in plan.segments] == [
        K.PREPARE,
        K.HOLD,
        K.PREPARE,
        K.HOLD,
        K.REST,
        K.PREPARE,
        K.HOLD,
        K.DONE,
    ]
    assert plan.segments[4].duration == 40
    assert plan.segments[2].cues[0].sound is Sound.END  # the end is still heard


def test_the_session_closes_with_a_chime_and_words() -> None:
    plan = build_plan(routine_of(Step("A", Hold(5))))
    done = plan.segments[-1]
    assert done.kind is K.DONE and done.cues[0].sound is Sound.COMPLETE
    assert [text for _, text in spoken(plan, len(plan.segments) - 1)] == [
        phrases.session_complete()
    ]
    assert plan.duration == sum(segment.duration for segment in plan.segments[:-1])


def test_the_plan_lists_every_text_it_may_speak_including_easier_variations() -> None:
    step = Step("A", Breaths(2), easier="Sit on a cushion.")
    plan = build_plan(routine_of(step))
    assert phrases.easier("Sit on a cushion.") in plan.spoken_texts
    assert {"In.", "Out.", "Breathe in.", "Two slow breaths. Breathe in."} <= plan.spoken_texts
    spoken_now = {cue.text for segment in plan.segments for cue in segment.cues if cue.spoken}
    assert spoken_now - {""} <= plan.spoken_texts


@settings(max_examples=100)
@given(routines(max_steps=5))
def test_every_segment_is_heard_the_moment_it_starts(routine: Routine) -> None:
    """With eyes closed, every transition must be audible."""
    plan = build_plan(routine)
    for segment in plan.segments:
        first = min(segment.cues, key=lambda cue: cue.offset)
        assert first.audible
        assert first.offset <= SOUND_LEAD
        assert all(0 <= cue.offset < segment.duration for cue in segment.cues)


@settings(max_examples=100)
@given(routines(max_steps=5))
def test_instructions_always_finish_before_the_timer_starts(routine: Routine) -> None:
    def length(text: str) -> float:
        return estimate_speech_seconds(text, wpm=120)

    plan = build_plan(routine, speech_length=length)
    for segment in plan.segments:
        if segment.kind in (K.PREPARE, K.REST, K.SWITCH, K.SET_REST):
            end = max(cue.offset + length(cue.text) for cue in segment.cues if cue.spoken)
            assert end <= segment.duration
            offsets = [cue.offset for cue in segment.cues if cue.spoken]
            ends = [cue.offset + length(cue.text) for cue in segment.cues if cue.spoken]
            # sentences said one after the other never overlap
            assert all(
                start >= end_before + CUE_GAP - 1e-6
                for start, end_before in zip(offsets[1:], ends, strict=False)
            )
