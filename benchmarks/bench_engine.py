"""``engine``: plan and simulate a 200-step routine with every kind of step, on a fake clock."""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.harness import Result, at_most, median_ms
from stretchtimer.core.routine.model import Breaths, Hold, Pace, Reps, Routine, Sides, Step
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.plan import build_plan

TARGET_MS = 50.0


def big_routine() -> Routine:
    sides = (Sides.NONE, Sides.BOTH, Sides.LEFT, Sides.RIGHT)
    steps = []
    for number in range(200):
        kind = number % 3
        work: Hold | Breaths | Reps
        if kind == 0:
            work = Hold(20 + number % 40)
        elif kind == 1:
            work = Breaths(3 + number % 5)
        else:
            work = Reps(count=8 + number % 5, tempo=2.5, sets=1 + number % 3, set_rest=15)
        steps.append(
            Step(
                f"Step {number + 1}",
                work,
                sides[number % 4],
                say="Move slowly into position and breathe.",
                easier="Do a smaller version." if number % 2 else "",
            )
        )
    return Routine("Benchmark", tuple(steps), pace=Pace())


def simulate(routine: Routine) -> int:
    """Plan, then run the session to its end with commands sprinkled in; returns events."""
    plan = build_plan(routine)
    engine = SessionEngine(plan)
    clock = FakeClock()
    now = clock.now()
    events = len(engine.start(now))
    ticks = 0
    while (deadline := engine.next_deadline()) is not None:
        ticks += 1
        now = clock.advance(max(0.0, deadline - now.mono))
        events += len(engine.tick(now))
        if ticks % 97 == 0:
            events += len(engine.pause(now))
            now = clock.advance(3)
            events += len(engine.resume(now))
        elif ticks % 89 == 0:
            events += len(engine.back(now))
        elif ticks % 83 == 0:
            events += len(engine.skip(now))
        elif ticks % 71 == 0:
            events += len(engine.use_easier(now))
    return events


def run() -> Iterator[Result]:
    routine = big_routine()
    segments = len(build_plan(routine).segments)
    value = median_ms(lambda: simulate(routine), runs=15)
    yield at_most(
        "engine",
        value,
        "ms",
        TARGET_MS,
        steps=200,
        segments=segments,
        events=simulate(routine),
        statistic="median of 15",
    )
