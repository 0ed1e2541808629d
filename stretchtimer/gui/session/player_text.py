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
    activity: str  # "Hold", "Reps · set 1 of 2", "Hold for 5 breaths" (the count: the ring)
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


PAUSED_WORDS = "Paused — Space to resume"


def preview_words(speed: float) -> str:
    """The badge of a preview (``play --speed``): "Preview ×20"."""
    return f"Preview ×{speed:g}"


def plural(count: int, word: str) -> str:
    """``1 breath``, ``2 breaths``: the count with its word, in the right number."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def ring_state(snapshot: Snapshot) -> RingState:
    """The ring carries the count (seconds, breaths, reps); the labels beside it never
    repeat it."""
    segment = snapshot.segment
    kind = segment.kind
    # The ring empties with the big number, a second at a time (one picture a second);
    # during breaths the disc moves anyway, and the ring goes smoothly with it.
    left = snapshot.remaining
    if snapshot.breath is None:
        left = math.ceil(left - 1e-9)
    fraction = min(left / segment.duration, 1.0) if segment.duration > 0 else 0.0
    paused = snapshot.state is State.PAUSED
    if kind is SegmentKind.DONE:
        return RingState(fraction=0.0, big="✓", caption="complete", tone="accent")
    if snapshot.breath is not None:
        breath = snapshot.breath
        caption = f"{plural(breath.breaths_left, 'breath')} left"
        # A paused hold must not go on saying "Breathe out".
        big = "Paused" if paused else ("Breathe in" if breath.inhaling else "Breathe out")
        return RingState(
            fraction=fraction,
            big=big,
            caption=caption,
            tone="calm",
            breath=None if paused else breath.fullness,
            paused=paused,
        )
    if snapshot.rep is not None:
        caption = f"rep of {segment.reps}"
        return RingState(
            fraction=fraction, big=str(snapshot.rep), caption=caption, tone="accent", paused=paused
        )
    caption = "paused" if paused else "seconds left"
    return RingState(
        fraction=fraction,
        big=seconds_big(snapshot.remaining),
        caption=caption,
        tone=KIND_TONES[kind],
        paused=paused,
    )


def activity_text(snapshot: Snapshot) -> str:
    """What is being done, in a few words that do not repeat the ring's count."""
    segment = snapshot.segment
    kind = segment.kind
    if kind is SegmentKind.REPS:
        words = "Reps"
        if segment.sets > 1:
            words += f" · {set_words(segment.set_number, segment.sets)}"
        return words
    if kind is SegmentKind.BREATHS:
        return f"Hold for {plural(segment.breaths, 'breath')}"
    if kind is SegmentKind.SET_REST:
        return f"Rest before {set_words(segment.set_number, segment.sets)}"
    return KIND_WORDS[kind]


def set_words(number: int, sets: int) -> str:
    return f"set {number} of {sets}"


def player_text(snapshot: Snapshot) -> PlayerText:
    kind = snapshot.segment.kind
    step = snapshot.step.name if snapshot.step else "Session complete"
    side = f"{snapshot.side.value.capitalize()} side" if snapshot.side else ""
    upcoming = ""
    if snapshot.next_name and kind is not SegmentKind.DONE:
        upcoming = f"Up next: {snapshot.next_name}"
    progress = ""
    if snapshot.step_number is not None:
        progress = f"Step {snapshot.step_number} of {snapshot.step_count}"
    return PlayerText(
        step=step,
        side=side,
        activity=activity_text(snapshot),
        instructions=snapshot.instructions,
        easier=snapshot.easier,
        progress=progress,
        time_left=f"{clock_text(snapshot.session_remaining)} left",
        next=upcoming,
        paused=snapshot.state is State.PAUSED,
    )
