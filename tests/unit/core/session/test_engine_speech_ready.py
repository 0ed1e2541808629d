"""The engine while speech is still rendering (fake clock): it never enters a segment
whose clips are not ready, waits at the boundary saying so, goes on by itself when they
are, and takes measured timings for the segments still ahead."""

from __future__ import annotations

import dataclasses
import math

from stretchtimer.core.routine.model import Hold, Pace, Routine, Sides, Step
from stretchtimer.core.session import phrases
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.events import (
    CueDue,
    Paused,
    PauseReason,
    Resumed,
    SegmentStarted,
    State,
)
from stretchtimer.core.session.plan import Plan, build_plan

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


def test_measured_timings_replace_only_the_segments_ahead() -> None:
    estimated, measured = plan_with(0.5), plan_with(2.0)
    clock = FakeClock()
    engine = SessionEngine(estimated)
    engine.stall_gap = math.inf  # a late tick here is late, not a stall (test_engine.py)
    engine.start(clock.now())
    assert engine.update_plan(measured)
    assert engine.plan.segments[0] is estimated.segments[0]  # the running one keeps its time
    assert engine.plan.segments[1:] == measured.segments[1:]
    other = Routine("Other", (Step("Fold", Hold(20)),))
    assert not engine.update_plan(build_plan(other))
    assert engine.plan.segments[1:] == measured.segments[1:]
    shorter = dataclasses.replace(measured, segments=measured.segments[:-1])
    assert not engine.update_plan(shorter)
