"""The player's figure follows the session: the step's pose on the side being done,
moving with reps and breaths, and the step's name where a step has no pose."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from stretchtimer.core.routine.model import Breaths, Hold, Pace, Reps, Routine, Side, Sides, Step
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.plan import SegmentKind, build_plan
from stretchtimer.gui.session.player.figure import figure_motion, pose_name, show_snapshot
from stretchtimer.gui.widgets.pose_figure import PoseFigure


@dataclass(frozen=True)
class PosedStep(Step):
    """A step as routine format 2 will give it: with a pose name."""

    pose: str = ""


def engine_for(*steps: Step) -> tuple[SessionEngine, FakeClock]:
    routine = Routine("Test", steps, pace=Pace(prepare=5, rest=10, switch=5))
    engine = SessionEngine(build_plan(routine, speech_length=lambda text: 0.5))
    clock = FakeClock()
    engine.start(clock.now())
    return engine, clock


def go_to(engine: SessionEngine, clock: FakeClock, kind: SegmentKind, side: Side | None) -> None:
    while (engine.segment.kind, engine.segment.side) != (kind, side):
        engine.skip(clock.now())


@pytest.fixture
def figure(qtbot: QtBot) -> PoseFigure:
    figure = PoseFigure(driven=True)
    qtbot.addWidget(figure)
    figure.resize(300, 300)
    figure.show()
    return figure


def test_the_figure_shows_the_step_pose_on_the_side_being_done(figure: PoseFigure) -> None:
    engine, clock = engine_for(PosedStep("Pigeon pose", Hold(30), Sides.BOTH, pose="pigeon"))
    go_to(engine, clock, SegmentKind.HOLD, Side.LEFT)
    show_snapshot(figure, engine.snapshot(clock.now()))
    assert figure.accessibleName() == "Figure: pigeon pose, left leg forward"
    go_to(engine, clock, SegmentKind.HOLD, Side.RIGHT)
    show_snapshot(figure, engine.snapshot(clock.now()))
    assert figure.accessibleName() == "Figure: pigeon pose, right leg forward"


def test_reps_move_at_the_step_tempo_and_breaths_at_the_pace(figure: PoseFigure) -> None:
    engine, clock = engine_for(
        PosedStep("Glute bridge", Reps(8, tempo=4.0), pose="glute-bridge"),
        PosedStep("Fold", Breaths(5), pose="forward-hang"),
        Step("Stand", Hold(10)),
    )
    assert engine.segment.kind is SegmentKind.PREPARE
    assert figure_motion(engine.snapshot(clock.now())).kind == "still"  # getting ready
    go_to(engine, clock, SegmentKind.REPS, None)
    clock.advance(3.0)
    reps = figure_motion(engine.snapshot(clock.now()))
    assert (reps.kind, reps.tempo, reps.running) == ("reps", 4.0, True)
    assert reps.elapsed == pytest.approx(3.0)
    go_to(engine, clock, SegmentKind.BREATHS, None)
    breaths = figure_motion(engine.snapshot(clock.now()))
    segment = engine.segment
    assert breaths.kind == "breaths"
    assert (breaths.inhale, breaths.exhale) == (segment.inhale, segment.exhale)
    assert breaths.duration == segment.duration
    engine.pause(clock.now())
    assert not figure_motion(engine.snapshot(clock.now())).running
    engine.resume(clock.now())
    go_to(engine, clock, SegmentKind.HOLD, None)
    hold = figure_motion(engine.snapshot(clock.now()))
    assert (hold.kind, hold.running) == ("hold", True)  # a timed hold breathes slowly
    engine.pause(clock.now())
    assert not figure_motion(engine.snapshot(clock.now())).moves


def test_a_step_without_a_pose_shows_its_name(figure: PoseFigure) -> None:
    engine, clock = engine_for(Step("Neck rolls", Hold(20)))
    assert pose_name(engine.snapshot(clock.now()).step) is None  # type: ignore[arg-type]
    show_snapshot(figure, engine.snapshot(clock.now()))
    assert figure.pose() is None
    assert figure.accessibleName() == "Neck rolls"


def test_an_unknown_pose_falls_back_to_the_name(figure: PoseFigure) -> None:
    engine, clock = engine_for(PosedStep("My stretch", Hold(20), pose="no-such-pose"))
    show_snapshot(figure, engine.snapshot(clock.now()))
    assert figure.pose() is None
    assert figure.accessibleName() == "My stretch"
