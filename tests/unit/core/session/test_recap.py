"""The end screen's recap: each stretch once, with its sides and the easier variation."""

from __future__ import annotations

from stretchtimer.core.routine.model import Breaths, Hold, Routine, Side, Sides, Step
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.events import SegmentEnded
from stretchtimer.core.session.plan import SegmentKind, build_plan
from stretchtimer.core.session.recap import StretchDone, comfort_change, stretches_done

ROUTINE = Routine(
    title="Test",
    steps=(
        Step("Pigeon pose", Hold(30), sides=Sides.BOTH, easier="Thread the needle."),
        Step("Straddle fold", Breaths(5)),
        Step("Lizard", Hold(20), sides=Sides.BOTH),
    ),
)


def run(skip_at: set[tuple[str, str | None]], easier_on: str | None) -> list[SegmentEnded]:
    plan = build_plan(ROUTINE)
    engine = SessionEngine(plan)
    clock = FakeClock()
    ended: list[SegmentEnded] = []
    events = engine.start(clock.now())
    while True:
        ended += [event for event in events if isinstance(event, SegmentEnded)]
        segment = engine.segment
        if segment.kind is SegmentKind.DONE:
            return ended
        step = ROUTINE.steps[segment.step_index] if segment.step_index is not None else None
        side = segment.side.value if segment.side else None
        if step is not None and step.name == easier_on and segment.kind is SegmentKind.HOLD:
            events = engine.use_easier(clock.now())
            ended += [event for event in events if isinstance(event, SegmentEnded)]
        if (
            step is not None
            and (step.name, side) in skip_at
            and segment.kind is not SegmentKind.PREPARE
        ):
            events = engine.skip(clock.now())
            continue
        deadline = engine.next_deadline()
        assert deadline is not None
        clock.advance(max(0.0, deadline - clock.now().mono) + 1e-6)
        events = engine.tick(clock.now())


def test_each_stretch_once_with_the_sides_done_and_easier() -> None:
    done = stretches_done(ROUTINE, run({("Lizard", "right")}, easier_on="Pigeon pose"))
    assert done == (
        StretchDone("Pigeon pose", (Side.LEFT, Side.RIGHT), True),
        StretchDone("Straddle fold", (), False),
        StretchDone("Lizard", (Side.LEFT,), False),  # the right side was skipped
    )
    assert [item.words() for item in done] == [
        "Pigeon pose · left and right · easier",
        "Straddle fold",
        "Lizard · left",
    ]


def test_a_stretch_skipped_entirely_is_not_in_the_recap() -> None:
    done = stretches_done(ROUTINE, run({("Straddle fold", None)}, easier_on=None))
    assert [item.name for item in done] == ["Pigeon pose", "Lizard"]


def test_comfort_change_only_when_both_ratings_were_given() -> None:
    assert comfort_change(4, 7) == "Comfort 4 → 7 (+3)"
    assert comfort_change(6, 5) == "Comfort 6 → 5 (-1)"
    assert comfort_change(5, 5) == "Comfort 5 → 5"
    assert comfort_change(None, 7) == "" and comfort_change(4, None) == ""
