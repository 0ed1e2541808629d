"""What a display shows at one moment of a session: the same for the terminal and the GUI."""

from __future__ import annotations

from dataclasses import dataclass

from stretchtimer.core import i18n
from stretchtimer.core.routine.model import Side, Step
from stretchtimer.core.routine.wording import fill_sides
from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import Plan, Segment, SegmentKind


@dataclass(frozen=True)
class BreathPhase:
    breaths_left: int  # including the current one
    inhaling: bool
    progress: float  # 0..1 through the current inhale or exhale

    @property
    def fullness(self) -> float:
        """How full the lungs are, 0..1: grows on the inhale, shrinks on the exhale."""
        return self.progress if self.inhaling else 1.0 - self.progress


@dataclass(frozen=True)
class Snapshot:
    state: State
    segment: Segment
    step: Step | None
    step_number: int | None  # 1-based; None on the closing segment
    step_count: int
    elapsed: float
    remaining: float
    session_remaining: float
    session_progress: float  # 0..1 of the planned time
    side: Side | None
    easier: bool
    instructions: str  # what to show: the easier variation once chosen
    next_name: str | None
    breath: BreathPhase | None
    rep: int | None  # 1-based rep in a set of reps


def breath_phase(segment: Segment, elapsed: float) -> BreathPhase | None:
    if segment.kind is not SegmentKind.BREATHS or segment.breaths == 0:
        return None
    cycle = segment.inhale + segment.exhale
    breath = min(int(elapsed // cycle), segment.breaths - 1)
    within = min(elapsed - breath * cycle, cycle)
    if within < segment.inhale:
        return BreathPhase(segment.breaths - breath, True, within / segment.inhale)
    progress = (within - segment.inhale) / segment.exhale
    return BreathPhase(segment.breaths - breath, False, min(progress, 1.0))


def current_rep(segment: Segment, elapsed: float) -> int | None:
    if segment.kind is not SegmentKind.REPS:
        return None
    return min(int(elapsed // segment.tempo) + 1, segment.reps)


def snapshot_of(
    plan: Plan, segment: Segment, state: State, easier: bool, elapsed: float
) -> Snapshot:
    """What a display shows ``elapsed`` seconds into ``segment``; ``easier``: the easier
    variation of its step was chosen."""
    step = plan.step(segment)
    steps = plan.routine.steps
    easier = easier and step is not None
    remaining = max(0.0, segment.duration - elapsed)
    if segment.kind is SegmentKind.DONE:
        remaining = 0.0
    session_remaining = remaining + plan.remaining_after(segment.position)
    total = plan.duration
    next_name = None
    if segment.step_index is not None and segment.step_index + 1 < len(steps):
        next_name = steps[segment.step_index + 1].name
    instructions = ""
    if step is not None:
        instructions = step.easier if easier else step.say
        if plan.routine.guided:  # format 2: the way in too, with the side in the words
            if not easier and step.setup:
                instructions = f"{step.setup} {instructions}".strip()
            with i18n.speaking_in(plan.language):  # the side words of the routine's language
                instructions = fill_sides(instructions, segment.side or step.sides.order()[0])
    return Snapshot(
        state=state,
        segment=segment,
        step=step,
        step_number=None if segment.step_index is None else segment.step_index + 1,
        step_count=len(steps),
        elapsed=elapsed,
        remaining=remaining,
        session_remaining=session_remaining,
        session_progress=1.0 - session_remaining / total if total > 0 else 1.0,
        side=segment.side,
        easier=easier,
        instructions=instructions,
        next_name=next_name,
        breath=breath_phase(segment, elapsed),
        rep=current_rep(segment, elapsed),
    )
