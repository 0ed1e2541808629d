"""Everything the player shows, worked out from an engine snapshot (no widgets here)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.i18n import N_, _, n_, p_
from stretchtimer.core.routine.model import Side
from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.gui.session.player.ring import RingState
from stretchtimer.gui.widgets.numbers import number

# What each part of a session is called, in English: translate with kind_words().
KIND_WORDS = {
    SegmentKind.PREPARE: N_("Get ready"),
    SegmentKind.HOLD: N_("Hold"),
    SegmentKind.SWITCH: N_("Switch sides"),
    SegmentKind.BREATHS: N_("Breathe"),
    SegmentKind.REPS: N_("Reps"),
    SegmentKind.SET_REST: N_("Rest"),
    SegmentKind.REST: N_("Rest"),
    SegmentKind.DONE: N_("Done"),
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
    badge: str  # "LEFT" or "": the side in one large word
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


def kind_words(kind: SegmentKind) -> str:
    """What a part of a session is called ("Hold", "Rest"), in the app's language."""
    return _(KIND_WORDS[kind])


def paused_words() -> str:
    # TRANSLATORS: shown large over the paused player; Space is the key that resumes.
    return _("Paused — Space to resume")


def preview_words(speed: float) -> str:
    """The badge of a preview (``play --speed``): "Preview ×20"."""
    # TRANSLATORS: a badge on a session played faster than real time; {speed} is a number.
    return _("Preview ×{speed}").format(speed=number(speed))


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
        return RingState(
            fraction=0.0, big="✓", caption=p_("ring caption", "complete"), tone="accent"
        )
    if snapshot.breath is not None:
        breath = snapshot.breath
        left = breath.breaths_left
        caption = n_("{count} breath left", "{count} breaths left", left).format(count=number(left))
        # A paused hold must not go on saying "Breathe out".
        if paused:
            big = p_("breath ring", "Paused")
        else:
            big = _("Breathe in") if breath.inhaling else _("Breathe out")
        return RingState(
            fraction=fraction,
            big=big,
            caption=caption,
            tone="calm",
            breath=None if paused else breath.fullness,
            paused=paused,
        )
    if snapshot.rep is not None:
        # TRANSLATORS: under the big number of the rep being done ("3" / "rep of 10").
        caption = n_("rep of {count}", "rep of {count}", segment.reps).format(
            count=number(segment.reps)
        )
        return RingState(
            fraction=fraction,
            big=number(snapshot.rep),
            caption=caption,
            tone="accent",
            paused=paused,
        )
    # TRANSLATORS: "seconds left" is under the big countdown number (m:ss from a minute on).
    caption = p_("ring caption", "paused") if paused else _("seconds left")
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
        if segment.sets > 1:
            return _("Reps · set {number} of {sets}").format(
                number=number(segment.set_number), sets=number(segment.sets)
            )
        return kind_words(kind)
    if kind is SegmentKind.BREATHS:
        return n_("Hold for {count} breath", "Hold for {count} breaths", segment.breaths).format(
            count=number(segment.breaths)
        )
    if kind is SegmentKind.SET_REST:
        return _("Rest before set {number} of {sets}").format(
            number=number(segment.set_number), sets=number(segment.sets)
        )
    return kind_words(kind)


def side_words(side: Side) -> str:
    """The side label of the player: "Left side" or "Right side"."""
    if side is Side.LEFT:
        return _("Left side")
    return _("Right side")


def side_badge(side: Side) -> str:
    """The side in one word, in capitals, for the badge readable from the mat: "LEFT"."""
    if side is Side.LEFT:
        # TRANSLATORS: the large side badge (shown in capitals): the person works the left side.
        return p_("side badge", "Left").upper()
    # TRANSLATORS: the large side badge (shown in capitals): the person works the right side.
    return p_("side badge", "Right").upper()


def player_text(snapshot: Snapshot) -> PlayerText:
    kind = snapshot.segment.kind
    step = snapshot.step.name if snapshot.step else _("Session complete")
    side = side_words(snapshot.side) if snapshot.side else ""
    upcoming = ""
    if snapshot.next_name and kind is not SegmentKind.DONE:
        upcoming = _("Up next: {name}").format(name=snapshot.next_name)
    progress = ""
    if snapshot.step_number is not None:
        progress = _("Step {number} of {count}").format(
            number=number(snapshot.step_number), count=number(snapshot.step_count)
        )
    return PlayerText(
        step=step,
        side=side,
        badge=side_badge(snapshot.side) if snapshot.side else "",
        activity=activity_text(snapshot),
        instructions=snapshot.instructions,
        easier=snapshot.easier,
        progress=progress,
        # TRANSLATORS: the time left of the whole session, "4:10 left".
        time_left=_("{time} left").format(time=clock_text(snapshot.session_remaining)),
        next=upcoming,
        paused=snapshot.state is State.PAUSED,
    )


def words_key(snapshot: Snapshot, *, waiting_for_speech: bool) -> tuple[object, ...]:
    """What a player's words, buttons and bar show depends on (not the ring's count): a
    picture whose key is the last one's needs only the ring and the figure drawn again."""
    return (
        snapshot.state,
        id(snapshot.segment),
        id(snapshot.step),
        snapshot.step_number,
        snapshot.side,
        snapshot.easier,
        snapshot.instructions,
        snapshot.next_name,
        math.ceil(snapshot.session_remaining - 1e-9),  # the time left, as clock_text shows it
        waiting_for_speech,
    )
