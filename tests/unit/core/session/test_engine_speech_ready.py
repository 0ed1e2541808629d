"""The engine while speech is still rendering (fake clock): it starts on its first
words, never says a cue whose clip is not ready nor starts a timed part without all
of its, waits at a boundary saying so, goes on by itself when they are, and takes
measured timings for the words still ahead (the running segment's too)."""

from __future__ import annotations

import dataclasses
import math

import pytest

from stretchtimer.core.routine.model import Hold, Pace, Routine, Sides, Step
from stretchtimer.core.session import phrases
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.events import (
    CueDue,
    Event,
    Paused,
    PauseReason,
    Resumed,
    SegmentStarted,
    State,
)
from stretchtimer.core.session.plan import CueRole, Plan, build_plan

ROUTINE = Routine(
    "Test", (Step("Pigeon", Hold(20), Sides.BOTH),), pace=Pace(prepare=5, rest=10, switch=5)
)


def plan_with(seconds: float) -> Plan:
    return build_plan(ROUTINE, speech_length=lambda text: seconds)


def test_the_session_waits_at_a_boundary_and_goes_on_when_speech_is_ready() -> None:
    plan = plan_with(0.5)
    clock = FakeClock()
    engine = SessionEngine(plan, ready_until=1)
    engine.stall_gap = math.inf  # a late tick here is late, not a stall (test_engine.py)
    engine.start(clock.now())
    clock.advance(plan.segments[0].duration + 3.0)  # far past the first segment's end
    events = engine.tick(clock.now())
    [started] = [event for event in events if isinstance(event, SegmentStarted)]
    assert started.segment.position == 1  # the display shows what comes next
    assert [event for event in events if isinstance(event, Paused)] == [
        Paused(PauseReason.SPEECH, phrases.waiting_for_voice())
    ]
    assert not [
        event for event in events if isinstance(event, CueDue) and event.segment is started.segment
    ]
    assert engine.state is State.PAUSED and engine.waiting_for_speech
    assert engine.resume(clock.now()) == []  # Space cannot start words that do not exist yet
    clock.advance(2.0)
    assert engine.tick(clock.now()) == []  # nothing runs meanwhile
    resumed = engine.speech_ready(2, clock.now())
    assert isinstance(resumed[0], Resumed)
    # The segment starts whole from the moment its speech is ready: no hold is cut short.
    assert engine.remaining(clock.now()) == plan.segments[1].duration
    assert any(isinstance(event, CueDue) for event in resumed)  # its first words, at once


def test_a_person_pausing_while_waiting_keeps_the_pause() -> None:
    plan = plan_with(0.5)
    clock = FakeClock()
    engine = SessionEngine(plan, ready_until=1)
    engine.stall_gap = math.inf  # a late tick here is late, not a stall (test_engine.py)
    engine.start(clock.now())
    clock.advance(plan.segments[0].duration)
    engine.tick(clock.now())
    assert engine.waiting_for_speech
    engine.pause(clock.now())
    assert engine.speech_ready(len(plan.segments), clock.now()) == []
    assert engine.state is State.PAUSED
    assert isinstance(engine.resume(clock.now())[0], Resumed)


def test_measured_timings_replace_the_segments_ahead_and_the_running_one_s_words_to_come() -> None:
    estimated, measured = plan_with(0.5), plan_with(2.0)
    clock = FakeClock()
    engine = SessionEngine(estimated)
    engine.stall_gap = math.inf  # a late tick here is late, not a stall (test_engine.py)
    engine.start(clock.now())  # the chime said, the first words not yet (0.6 s after it)
    assert engine.update_plan(measured)
    assert engine.plan.segments == measured.segments  # nothing said yet differs
    other = Routine("Other", (Step("Fold", Hold(20)),))
    assert not engine.update_plan(build_plan(other))
    assert engine.plan.segments == measured.segments
    shorter = dataclasses.replace(measured, segments=measured.segments[:-1])
    assert not engine.update_plan(shorter)


def test_a_running_segment_keeps_its_timing_when_words_already_said_would_change() -> None:
    estimated, measured = plan_with(0.5), plan_with(2.0)
    clock = FakeClock()
    engine = SessionEngine(estimated)
    engine.stall_gap = math.inf
    engine.start(clock.now())
    clock.advance(estimated.segments[0].cues[2].offset)  # the side said at its old time
    engine.tick(clock.now())
    assert measured.segments[0].cues[2] != estimated.segments[0].cues[2]
    assert engine.update_plan(measured)
    assert engine.plan.segments[0] is estimated.segments[0]  # what was said stands
    assert engine.plan.segments[1:] == measured.segments[1:]


# The first segment of ROUTINE: the start chime, the step's name, then the side.
CHIME, NAME, SIDE = range(3)


def spoken(events: list[Event]) -> list[tuple[int, str]]:
    return [
        (event.segment.position, event.cue.text)
        for event in events
        if isinstance(event, CueDue) and event.cue.text
    ]


def test_the_session_starts_on_its_first_words_and_re_times_the_rest_as_clips_arrive() -> None:
    estimated, measured = plan_with(0.5), plan_with(2.0)  # the name took 2 s, not 0.5
    first = estimated.segments[0]
    assert [cue.role for cue in first.cues] == [CueRole.CHIME, CueRole.INTRO, CueRole.SIDE]
    clock = FakeClock()
    engine = SessionEngine(estimated, ready_until=0, ready_cues=NAME + 1)
    engine.stall_gap = math.inf
    origin = clock.now().mono
    events = engine.start(clock.now())
    assert engine.state is State.RUNNING and not engine.waiting_for_speech
    clock.advance(first.cues[NAME].offset)
    events += engine.tick(clock.now())
    assert spoken(events) == [(0, first.cues[NAME].text)]  # the first words, on time
    # The side's clip arrives while the name is said: measured, the name is longer.
    assert engine.update_plan(measured)
    engine.speech_ready(0, clock.now(), ready_cues=SIDE + 1)
    side_at = measured.segments[0].cues[SIDE].offset
    assert side_at > first.cues[SIDE].offset  # later than estimated
    clock.advance(first.cues[SIDE].offset - first.cues[NAME].offset)
    events += engine.tick(clock.now())  # the estimated moment: it would talk over the name
    assert len(spoken(events)) == 1
    assert engine.next_deadline() == pytest.approx(origin + side_at)
    clock.advance(origin + side_at - clock.now().mono)
    late = [event for event in engine.tick(clock.now()) if isinstance(event, CueDue)]
    assert [event.cue.role for event in late] == [CueRole.SIDE] and late[
        0
    ].late_by == pytest.approx(0)
    # The rest of the first segment was re-timed too: it ends its settle after the side.
    assert engine.remaining(clock.now()) == pytest.approx(measured.segments[0].duration - side_at)
    assert not any(isinstance(event, Paused) for event in events)


def test_words_not_rendered_in_time_wait_between_two_sentences_and_nothing_is_lost() -> None:
    plan = plan_with(0.5)
    first = plan.segments[0]
    clock = FakeClock()
    engine = SessionEngine(plan, ready_until=0, ready_cues=NAME + 1)
    engine.stall_gap = math.inf
    events = engine.start(clock.now())
    clock.advance(first.duration + 3.0)  # far past the side's moment and the segment's end
    events += engine.tick(clock.now())
    assert spoken(events) == [(0, first.cues[NAME].text)]  # never the side without its clip
    assert Paused(PauseReason.SPEECH, phrases.waiting_for_voice()) in events
    assert not any(isinstance(event, SegmentStarted) and event.segment.position for event in events)
    assert engine.state is State.PAUSED and engine.waiting_for_speech and engine.index == 0
    # It stopped just before the side: the name was said whole, the side is still to come.
    assert engine.elapsed(clock.now()) == first.cues[SIDE].offset
    assert engine.resume(clock.now()) == []  # Space cannot start words that do not exist yet
    clock.advance(2.0)
    assert engine.tick(clock.now()) == []
    resumed = engine.speech_ready(0, clock.now(), ready_cues=SIDE + 1)
    assert isinstance(resumed[0], Resumed)
    assert spoken(resumed) == [(0, first.cues[SIDE].text)]  # at once, from where it waited
    assert engine.remaining(clock.now()) == pytest.approx(first.duration - first.cues[SIDE].offset)


def test_a_timed_part_never_starts_with_only_some_of_its_words() -> None:
    plan = plan_with(0.5)
    clock = FakeClock()
    engine = SessionEngine(plan, ready_until=1, ready_cues=1)  # the hold's "Hold for ..." only
    engine.stall_gap = math.inf
    engine.start(clock.now())
    clock.advance(plan.segments[0].duration)
    events = engine.tick(clock.now())
    assert engine.index == 1 and engine.waiting_for_speech
    assert not [event for event in events if isinstance(event, CueDue) and event.segment.position]
    resumed = engine.speech_ready(2, clock.now())
    assert isinstance(resumed[0], Resumed)
    assert engine.remaining(clock.now()) == plan.segments[1].duration  # no hold cut short


def test_nothing_ready_at_all_waits_before_the_chime() -> None:
    plan = plan_with(0.5)
    clock = FakeClock()
    engine = SessionEngine(plan, ready_until=0, ready_cues=1)  # the chime, not the words
    events = engine.start(clock.now())
    assert engine.waiting_for_speech and not any(isinstance(event, CueDue) for event in events)
    resumed = engine.speech_ready(0, clock.now(), ready_cues=NAME + 1)
    assert [event.cue.role for event in resumed if isinstance(event, CueDue)] == [CueRole.CHIME]


def test_a_chime_rung_while_preparing_counts_the_quiet_before_the_first_words() -> None:
    plan = plan_with(0.5)
    first = plan.segments[0]
    assert first.cues[CHIME].sound is not None and first.cues[NAME].offset > 0.5
    clock = FakeClock()
    chimed_at = clock.now().mono
    clock.advance(0.2)  # the first words rendered meanwhile
    engine = SessionEngine(plan)
    events = engine.start(clock.now(), chimed_at=chimed_at)
    assert not [event for event in events if isinstance(event, CueDue)]  # not rung again
    # The first words come as long after the chime as planned, not after the start.
    assert engine.next_deadline() == pytest.approx(chimed_at + first.cues[NAME].offset)
    clock.advance(first.cues[NAME].offset - 0.2)
    said = [event for event in engine.tick(clock.now()) if isinstance(event, CueDue)]
    assert [event.cue.role for event in said] == [CueRole.INTRO]
    assert said[0].late_by == pytest.approx(0.0)


def test_first_words_rendered_long_after_the_chime_come_at_once_never_late() -> None:
    plan = plan_with(0.5)
    clock = FakeClock()
    chimed_at = clock.now().mono
    clock.advance(3.0)  # a slow voice: the chime rang long ago
    engine = SessionEngine(plan)
    said = [
        event
        for event in engine.start(clock.now(), chimed_at=chimed_at)
        if isinstance(event, CueDue)
    ]
    assert [event.cue.role for event in said] == [CueRole.INTRO]
    assert said[0].late_by == pytest.approx(0.0)  # on time: the segment counts from here
    assert engine.elapsed(clock.now()) == pytest.approx(plan.segments[0].cues[NAME].offset)


def test_skipping_to_the_end_while_waiting_finishes_and_waits_for_nothing() -> None:
    plan = plan_with(0.5)
    clock = FakeClock()
    engine = SessionEngine(plan, ready_until=1)
    engine.stall_gap = math.inf
    engine.start(clock.now())
    clock.advance(plan.segments[0].duration)
    engine.tick(clock.now())
    assert engine.waiting_for_speech
    while engine.state is not State.FINISHED:
        engine.skip(clock.now())
    assert not engine.waiting_for_speech  # nothing is said to be on its way any more
    assert engine.speech_ready(len(plan.segments), clock.now()) == []
