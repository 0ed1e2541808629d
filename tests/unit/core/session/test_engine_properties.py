"""Property tests: any routine, any commands at any times, and the engine keeps its promises."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session.clock import FakeClock, Moment
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.events import (
    CueDue,
    Event,
    SegmentEnded,
    SegmentStarted,
    SessionFinished,
    State,
)
from stretchtimer.core.session.plan import build_plan
from tests.strategies import routines

COMMANDS = (
    "tick",
    "tick",
    "tick",
    "pause",
    "resume",
    "toggle_pause",
    "skip",
    "back",
    "use_easier",
    "stop",
    "sleep",
    "backwards",
)

command_lists = st.lists(
    st.tuples(st.sampled_from(COMMANDS), st.floats(0, 40, allow_nan=False)), max_size=60
)


def event_time(event: Event) -> float | None:
    if isinstance(event, SegmentStarted):
        return event.mono
    if isinstance(event, CueDue):
        return event.due
    return None


@settings(max_examples=250)
@given(routines(max_steps=4, short=True), command_lists)
def test_any_commands_at_any_times_keep_the_engine_consistent(
    routine: Routine, commands: list[tuple[str, float]]
) -> None:
    plan = build_plan(routine)
    engine = SessionEngine(plan)
    clock = FakeClock()
    events: list[Event] = engine.start(clock.now())
    session_time = 0.0

    def check(now: Moment) -> None:
        nonlocal session_time
        remaining = engine.remaining(now)
        assert 0.0 <= remaining <= engine.segment.duration + 1e-9
        done_so_far = engine.active_seconds + (
            engine.elapsed(now) if engine.state is not State.FINISHED else 0.0
        )
        assert done_so_far >= session_time - 1e-6  # time never runs backwards
        session_time = done_so_far
        deadline = engine.next_deadline()
        assert deadline is None or math.isfinite(deadline)

    for name, delay in commands:
        now = clock.advance(delay)
        command = name
        if name == "sleep":
            now = clock.sleep_machine(delay * 10)
            command = "tick"
        elif name == "backwards":
            now = Moment(now.mono - delay, now.wall)
            command = "tick"
        events += getattr(engine, command)(now)
        check(now)

    # Whatever happened, the session can always be brought to its end.
    for _ in range(10_000):
        if engine.state is State.FINISHED:
            break
        now = clock.advance(1.0)
        events += engine.resume(now) + engine.skip(now)
        check(now)
    while (deadline := engine.next_deadline()) is not None:
        events += engine.tick(clock.advance(max(0.0, deadline - clock.now().mono)))

    finished = [event for event in events if isinstance(event, SessionFinished)]
    assert len(finished) == 1  # finishes exactly once
    ended = [event for event in events if isinstance(event, SegmentEnded)]
    total = sum(event.actual_seconds for event in ended)
    assert math.isclose(finished[0].active_seconds, total, abs_tol=1e-6)
    assert math.isclose(engine.active_seconds, total, abs_tol=1e-6)
    assert all(0.0 <= event.actual_seconds <= event.segment.duration + 1e-9 for event in ended)
    times = [time for time in map(event_time, events) if time is not None]
    assert times == sorted(times)
    assert all(event.late_by >= 0 for event in events if isinstance(event, CueDue))


@settings(max_examples=100)
@given(routines(max_steps=4, short=True), st.lists(st.floats(0.001, 30), max_size=200))
def test_uninterrupted_sessions_take_exactly_the_planned_time_however_late_the_ticks(
    routine: Routine, gaps: list[float]
) -> None:
    plan = build_plan(routine)
    engine = SessionEngine(plan)
    engine.stall_gap = math.inf  # late, not stopped: stalls have their own property
    clock = FakeClock()
    events = engine.start(clock.now())
    for gap in gaps:
        events += engine.tick(clock.advance(gap))
    events += engine.tick(clock.advance(plan.duration + 60))
    finished = [event for event in events if isinstance(event, SessionFinished)]
    assert len(finished) == 1
    assert math.isclose(finished[0].active_seconds, plan.duration, rel_tol=1e-9, abs_tol=1e-6)
    heard = [event.cue for event in events if isinstance(event, CueDue)]
    assert heard == [cue for segment in plan.segments for cue in segment.cues]


@settings(max_examples=100)
@given(
    routines(max_steps=3, short=True),
    st.lists(st.tuples(st.floats(0, 40), st.floats(0, 200)), min_size=1, max_size=6),
)
def test_time_the_program_stood_still_is_never_counted(
    routine: Routine, spans: list[tuple[float, float]]
) -> None:
    """Live for a while (a tick at each deadline and each heartbeat), stand still (no tick),
    go on: what is counted is at most the time lived, plus what a heartbeat and the
    allowed lateness can hide of each stillness."""
    plan = build_plan(routine)
    engine = SessionEngine(plan)
    engine.tick_interval = 1.0
    clock = FakeClock()
    events = engine.start(clock.now())
    allowed = 0.0
    for live_for, still_for in spans:
        target = clock.now().mono + live_for
        while True:
            deadline = engine.next_deadline()
            step = min(1.0, deadline - clock.now().mono) if deadline is not None else 1.0
            if clock.now().mono + max(step, 0.0) > target:
                break
            events += engine.tick(clock.advance(max(step, 0.0)))
        clock.advance(target - clock.now().mono)
        events += engine.tick(clock.now())
        allowed += live_for + min(still_for, 1.0 + engine.stall_gap)
        events += engine.tick(clock.advance(still_for))
        if engine.state is State.PAUSED:
            events += engine.resume(clock.now())
    events += engine.stop(clock.now())
    ended = [event for event in events if isinstance(event, SegmentEnded)]
    assert sum(event.actual_seconds for event in ended) <= allowed + 1e-6
    heard = [event.cue for event in events if isinstance(event, CueDue)]
    assert len(heard) == len({id(cue) for cue in heard})  # no cue twice
