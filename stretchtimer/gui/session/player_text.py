"""Everything the player shows, worked out from an engine snapshot (no widgets here)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.gui.session.ring import RingState

KIND_WORDS = {
    SegmentKind.PREPARE: "Get ready",
    SegmentKind.HOLD: "Hold",
    SegmentKind.SWITCH: "Switch sides",
    SegmentKind.BREATHS: "Breathe",
    SegmentKind.REPS: "Reps",
    SegmentKind.SET_REST: "Rest",
    SegmentKind.REST: "Rest",
    SegmentKind.DONE: "Done",
}
KIND_TONES = {
    SegmentKind.PREPARE: "rest",
    SegmentKind.HOLD: "accent",
    SegmentKind.SWITCH: "warm",
    SegmentKind.BREATHS: "calm",
    SegmentKind.REPS: "accent",
    SegmentKind.SET_REST: "rest",
    SegmentKind.REST: "rest",
    SegmentKind.DONE: "accent",
}


@dataclass(frozen=True)
class PlayerText:
    step: str  # "Pigeon pose"
    side: str  # "Left side" or ""
    activity: str  # "Hold", "Rep 3 of 10 · set 1 of 2", "3 breaths left"
    instructions: str
    easier: bool
    progress: str  # "Step 2 of 5"
    time_left: str  # "4:10 left"
    next: str  # "Next: Straddle fold" or ""
    paused: bool


def seconds_big(seconds: float) -> str:
    """The big number: whole seconds rounded up, minutes from one minute on."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return clock_text(whole) if whole >= 60 else str(whole)


def ring_state(snapshot: Snapshot) -> RingState:
    segment = snapshot.segment
    kind = segment.kind
    fraction = snapshot.remaining / segment.duration if segment.duration > 0 else 0.0
    paused = snapshot.state is State.PAUSED
    side = f"{snapshot.side.value} side" if snapshot.side else ""
    if kind is SegmentKind.DONE:
        return RingState(fraction=0.0, big="✓", caption="complete", tone="accent")
    if snapshot.breath is not None:
        breath = snapshot.breath
        left = breath.breaths_left
        caption = f"{left} breath{'s' if left != 1 else ''} left"
        return RingState(
            fraction=fraction,
            big="Breathe in" if breath.inhaling else "Breathe out",
            caption=caption,
            tone="calm",
            breath=breath.fullness,
            paused=paused,
        )
    if snapshot.rep is not None:
        caption = f"of {segment.reps}"
        if segment.sets > 1:
            caption += f" · set {segment.set_number} of {segment.sets}"
        return RingState(
            fraction=fraction, big=str(snapshot.rep), caption=caption, tone="accent", paused=paused
        )
    words = KIND_WORDS[kind].lower()
    caption = f"{words} · {side}" if side and kind is SegmentKind.HOLD else words
    if paused:
        caption = "paused"
    return RingState(
        fraction=fraction,
        big=seconds_big(snapshot.remaining),
        caption=caption,
        tone=KIND_TONES[kind],
        paused=paused,
    )


def player_text(snapshot: Snapshot) -> PlayerText:
    segment = snapshot.segment
    kind = segment.kind
    step = snapshot.step.name if snapshot.step else "Session complete"
    side = f"{snapshot.side.value.capitalize()} side" if snapshot.side else ""
    if snapshot.rep is not None:
        activity = f"Rep {snapshot.rep} of {segment.reps}"
        if segment.sets > 1:
            activity += f" · set {segment.set_number} of {segment.sets}"
    elif snapshot.breath is not None:
        left = snapshot.breath.breaths_left
        activity = f"{left} breath{'s' if left != 1 else ''} left"
    elif kind is SegmentKind.SET_REST:
        activity = f"Rest before set {segment.set_number} of {segment.sets}"
    else:
        activity = KIND_WORDS[kind]
    if snapshot.state is State.PAUSED:
        activity = f"Paused · {activity}"
    upcoming = ""
    if kind is SegmentKind.REST and snapshot.next_name:
        upcoming = f"Up next: {snapshot.next_name}"
    elif snapshot.next_name:
        upcoming = f"Then: {snapshot.next_name}"
    progress = ""
    if snapshot.step_number is not None:
        progress = f"Step {snapshot.step_number} of {snapshot.step_count}"
    return PlayerText(
        step=step,
        side=side,
        activity=activity,
        instructions=snapshot.instructions,
        easier=snapshot.easier,
        progress=progress,
        time_left=f"{clock_text(snapshot.session_remaining)} left",
        next=upcoming,
        paused=snapshot.state is State.PAUSED,
    )
