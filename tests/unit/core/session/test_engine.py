"""The session engine on a fake clock: exact timing, commands, sleep, and the closing words."""

from __future__ import annotations

import math

import pytest

from stretchtimer.core.routine.model import Breaths, Hold, Pace, Reps, Routine, Sides, Step
from stretchtimer.core.session import phrases
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.events import (
    CueDue,
    EasierChosen,
    Event,
    Outcome,
    Paused,
    PauseReason,
    Resumed,
    SegmentEnded,
    SegmentStarted,
    SessionFinished,
    SessionStarted,
    State,
    Status,
)
from stretchtimer.core.session.plan import Plan, SegmentKind, build_plan

K = SegmentKind


def make_plan(*steps: Step, pace: Pace | None = None) -> Plan:
    routine = Routine("Test", steps, pace=pace or Pace(prepare=5, rest=10, switch=5))
    return build_plan(routine, speech_length=lambda text: 0.5)


def run_to_end(engine: SessionEngine, clock: FakeClock) -> list[Event]:
    """Wake exactly at each deadline, as the precise timer does."""
    events = engine.start(clock.now())
    while (deadline := engine.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.now().mono))
        events += engine.tick(clock.now())
    return events


def live(engine: SessionEngine, clock: FakeClock, seconds: float) -> list[Event]:
    """Let ``seconds`` pass as the driver does: a tick at every deadline on the way."""
    target = clock.now().mono + seconds
    events: list[Event] = []
    while (deadline := engine.next_deadline()) is not None and deadline <= target:
        events += engine.tick(clock.advance(max(0.0, deadline - clock.now().mono)))
    clock.advance(target - clock.now().mono)
    return events


def of(kind: type, events: list[Event]) -> list:  # type: ignore[type-arg]
    return [event for event in events if isinstance(event, kind)]


def test_a_whole_session_runs_on_time_and_finishes_once() -> None:
    plan = make_plan(Step("Pigeon", Hold(30), Sides.BOTH), Step("Fold", Breaths(3)))
    clock = FakeClock()
    start = clock.now().mono
    events = run_to_end(SessionEngine(plan), clock)
    assert isinstance(events[0], SessionStarted)
    started = of(SegmentStarted, events)
    assert [event.segment.position for event in started] == list(range(len(plan.segments)))
    cues = of(CueDue, events)
    assert len(cues) == sum(len(segment.cues) for segment in plan.segments)
    assert all(cue.late_by == 0 for cue in cues)
    finished = of(SessionFinished, events)
    assert len(finished) == 1 and finished[0].status is Status.COMPLETED
    assert finished[0].active_seconds == pytest.approx(plan.duration)
    # the closing words are said after the session is recorded as finished
    assert isinstance(events[-1], CueDue) and events[-1].cue.text == phrases.session_complete()
    assert clock.now().mono - start == pytest.approx(
        plan.duration + plan.segments[-1].cues[-1].offset
    )


def test_a_late_tick_delivers_everything_in_order_without_drift() -> None:
    plan = make_plan(Step("A", Hold(10)), Step("B", Hold(10)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.stall_gap = math.inf  # a tick this late is a stall, tested on its own below
    start = clock.now().mono
    engine.start(clock.now())
    events = engine.tick(clock.advance(plan.duration + 100))  # the machine was busy
    starts = [event.mono - start for event in of(SegmentStarted, events)]
    expected, total = [], 0.0
    for segment in plan.segments[1:]:
        total += plan.segments[segment.position - 1].duration
        expected.append(pytest.approx(total))
    assert starts == expected  # each segment starts at the previous one's deadline
    dues = [event.due for event in of(CueDue, events)]
    assert dues == sorted(dues)
    assert of(SessionFinished, events)[0].active_seconds == pytest.approx(plan.duration)


def test_pause_keeps_the_remaining_time_and_paused_time_is_not_counted() -> None:
    plan = make_plan(Step("A", Hold(30)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    engine.skip(clock.now())  # straight to the hold
    live(engine, clock, 12)
    events = engine.pause(clock.now())
    assert of(Paused, events) == [Paused(PauseReason.PERSON)]
    assert engine.remaining(clock.now()) == pytest.approx(18)
    clock.advance(600)
    assert engine.tick(clock.now()) == []
    assert engine.remaining(clock.now()) == pytest.approx(18)
    assert engine.next_deadline() is None
    assert of(Resumed, engine.resume(clock.now())) == [Resumed()]
    live(engine, clock, 17.5)
    assert engine.remaining(clock.now()) == pytest.approx(0.5)
    events = engine.tick(clock.advance(0.5))
    ended = of(SegmentEnded, events)
    assert ended[0].actual_seconds == 30 and ended[0].outcome is Outcome.DONE


def test_skip_ends_the_segment_as_partial_or_skipped() -> None:
    plan = make_plan(Step("A", Hold(30)), Step("B", Hold(30)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    first = of(SegmentEnded, engine.skip(clock.advance(0.2)))[0]
    assert first.outcome is Outcome.SKIPPED and first.actual_seconds == pytest.approx(0.2)
    assert engine.segment.kind is K.HOLD
    second = of(SegmentEnded, engine.skip(clock.advance(12)))[0]
    assert second.outcome is Outcome.PARTIAL and second.actual_seconds == pytest.approx(12)
    assert engine.segment.kind is K.REST


def test_back_restarts_a_segment_or_goes_to_the_one_before() -> None:
    plan = make_plan(Step("A", Hold(30)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    engine.skip(clock.now())
    clock.advance(10)
    events = engine.back(clock.now())
    assert engine.segment.kind is K.HOLD  # restarted
    assert engine.remaining(clock.now()) == 30
    assert of(SegmentStarted, events)[0].segment.kind is K.HOLD
    assert of(CueDue, events)[0].cue.text == "Hold for thirty seconds."  # heard again
    engine.back(clock.advance(1))
    assert engine.segment.kind is K.PREPARE  # early in a segment: the one before


def test_stop_ends_the_session_as_stopped_and_nothing_follows() -> None:
    plan = make_plan(Step("A", Hold(30)), Step("B", Hold(30)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    events = engine.stop(clock.advance(3))
    assert of(SessionFinished, events)[0].status is Status.STOPPED
    assert of(SegmentEnded, events)[0].outcome is Outcome.PARTIAL
    assert engine.state is State.FINISHED and engine.next_deadline() is None
    assert engine.tick(clock.advance(100)) == []
    assert engine.stop(clock.now()) == []


def test_easier_variation_is_said_shown_and_recorded() -> None:
    plan = make_plan(
        Step("Pigeon", Hold(30), Sides.BOTH, say="Lunge.", easier="Thread it."),
        Step("Fold", Breaths(2)),
    )
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    engine.skip(clock.now())
    events = engine.use_easier(clock.advance(2))
    assert events == [EasierChosen(0, "Easier: Thread it.")]
    assert engine.use_easier(clock.now()) == []  # once is enough
    assert engine.snapshot(clock.now()).instructions == "Thread it."
    rest = run_to_end(engine, clock)
    ended = of(SegmentEnded, rest)
    assert all(event.easier for event in ended if event.segment.step_index == 0)
    assert not any(event.easier for event in ended if event.segment.step_index == 1)
    fold = FakeClock()
    other = SessionEngine(make_plan(Step("Fold", Breaths(2))))
    other.start(fold.now())
    assert other.use_easier(fold.now()) == []  # no easier variation: nothing happens


def test_when_the_machine_sleeps_the_session_pauses_itself_and_says_why() -> None:
    plan = make_plan(Step("A", Hold(60)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    engine.skip(clock.now())
    engine.tick(clock.advance(10))
    clock.sleep_machine(3600)
    events = engine.tick(clock.advance(0.1))
    assert of(Paused, events) == [Paused(PauseReason.SLEEP, phrases.paused_for_sleep())]
    assert engine.state is State.PAUSED
    assert engine.remaining(clock.now()) == pytest.approx(49.9)
    assert not of(SegmentEnded, events)  # the hold was not "done" while asleep


def test_a_short_wall_clock_adjustment_is_not_sleep() -> None:
    plan = make_plan(Step("A", Hold(60)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    engine.tick(clock.advance(1))
    clock.sleep_machine(2)  # e.g. a time-sync nudge
    assert not of(Paused, engine.tick(clock.advance(1)))


def test_time_passed_backwards_is_ignored() -> None:
    plan = make_plan(Step("A", Hold(30)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    engine.skip(clock.now())
    later = clock.advance(10)
    engine.tick(later)
    earlier = type(later)(later.mono - 5, later.wall - 5)
    engine.tick(earlier)
    assert engine.remaining(earlier) == pytest.approx(20)


def test_snapshot_follows_breaths_and_reps() -> None:
    plan = make_plan(
        Step("Fold", Breaths(3)),
        Step("Bridge", Reps(4, tempo=2, sets=2)),
        pace=Pace(inhale=4, exhale=6, prepare=5, rest=10),
    )
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    engine.skip(clock.now())
    live(engine, clock, 12)
    engine.tick(clock.now())
    snap = engine.snapshot(clock.now())
    assert snap.breath is not None
    assert (snap.breath.breaths_left, snap.breath.inhaling) == (2, True)
    assert snap.breath.fullness == pytest.approx(0.5)
    engine.tick(clock.advance(3))
    snap = engine.snapshot(clock.now())
    assert snap.breath is not None and not snap.breath.inhaling
    assert snap.step_number == 1 and snap.step_count == 2 and snap.next_name == "Bridge"
    engine.skip(clock.now())  # rest
    engine.skip(clock.now())  # prepare bridge
    engine.skip(clock.now())  # set 1
    engine.tick(clock.advance(4.5))
    snap = engine.snapshot(clock.now())
    assert snap.rep == 3 and snap.segment.set_number == 1
    assert 0 < snap.session_progress < 1


def test_toggle_pause_starts_pauses_and_resumes() -> None:
    engine = SessionEngine(make_plan(Step("A", Hold(30))))
    clock = FakeClock()
    assert of(SessionStarted, engine.toggle_pause(clock.now()))
    assert of(Paused, engine.toggle_pause(clock.advance(1)))
    assert of(Resumed, engine.toggle_pause(clock.advance(1)))
    assert engine.state is State.RUNNING


def test_a_program_held_still_pauses_at_the_moment_it_was_last_seen_running() -> None:
    plan = make_plan(Step("A", Hold(60)), Step("B", Hold(60)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    engine.skip(clock.now())  # straight to the first hold
    live(engine, clock, 10)
    seen = engine.tick(clock.now())
    assert not of(Paused, seen)
    remaining = engine.remaining(clock.now())
    events = engine.tick(clock.advance(40))  # SIGSTOP for 40 s: the timer could not fire
    assert of(Paused, events) == [Paused(PauseReason.STALLED, phrases.paused_for_stall())]
    assert not of(SegmentEnded, events) and not of(CueDue, events)  # no hold nobody did
    assert engine.state is State.PAUSED
    assert engine.remaining(clock.now()) == pytest.approx(remaining)
    engine.resume(clock.now())
    finished = of(SessionFinished, run_to_end(engine, clock))
    assert finished[0].active_seconds == pytest.approx(plan.duration - plan.segments[0].duration)


def test_a_key_pressed_after_a_stall_acts_on_the_paused_session() -> None:
    plan = make_plan(Step("A", Hold(60)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    engine.skip(clock.now())
    live(engine, clock, 10)
    engine.tick(clock.now())
    events = engine.skip(clock.advance(40))  # the first thing after SIGCONT is a key
    assert of(Paused, events)[0].reason is PauseReason.STALLED
    [ended] = of(SegmentEnded, events)
    assert ended.actual_seconds == pytest.approx(10)  # not 50


def test_a_tick_late_by_less_than_the_gap_is_only_late() -> None:
    plan = make_plan(Step("A", Hold(60)))
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    deadline = engine.next_deadline()
    assert deadline is not None
    events = engine.tick(clock.advance(deadline - clock.now().mono + 4.0))  # a busy machine
    assert not of(Paused, events) and of(CueDue, events)


def test_in_a_format_2_routine_e_and_the_screen_name_the_side_being_done() -> None:
    step = Step(
        "Figure-four",
        Hold(20),
        Sides.BOTH,
        setup="Lie down.",
        say="Cross your {side} ankle over your {other} knee.",
        easier="Keep your {other} foot down.",
    )
    routine = Routine("Guided", (step,), pace=Pace(prepare=1, switch=1), format=2)
    plan = build_plan(routine, speech_length=lambda text: 0.5)
    clock = FakeClock()
    engine = SessionEngine(plan)
    engine.start(clock.now())
    assert engine.snapshot(clock.now()).instructions == (
        "Lie down. Cross your left ankle over your right knee."
    )
    engine.skip(clock.now())  # into the left hold
    engine.skip(clock.now())  # the switch to the right
    engine.skip(clock.now())  # the right hold
    assert engine.use_easier(clock.now()) == [EasierChosen(0, "Easier: Keep your left foot down.")]
    assert engine.snapshot(clock.now()).instructions == "Keep your left foot down."
    assert "Easier: Keep your left foot down." in plan.spoken_texts


def test_the_easier_variation_can_be_turned_back() -> None:
    from stretchtimer.core.routine.model import Hold, Routine, Step
    from stretchtimer.core.session.clock import FakeClock
    from stretchtimer.core.session.engine import SessionEngine
    from stretchtimer.core.session.events import EasierChosen, EasierDropped
    from stretchtimer.core.session.plan import SegmentKind, build_plan

    routine = Routine("R", (Step("Pigeon pose", Hold(30), easier="Thread the needle."),))
    clock = FakeClock()
    engine = SessionEngine(build_plan(routine))
    engine.start(clock.now())
    while engine.segment.kind is not SegmentKind.HOLD:
        engine.skip(clock.now())
    assert any(isinstance(e, EasierChosen) for e in engine.use_easier(clock.now()))
    assert engine.snapshot(clock.now()).easier
    assert [type(e) for e in engine.use_full(clock.now())] == [EasierDropped]
    snapshot = engine.snapshot(clock.now())
    assert not snapshot.easier and "Thread the needle" not in snapshot.instructions
    assert engine.use_full(clock.now()) == []  # nothing to turn back twice
