"""Text for the terminal player: one line per segment, and a live status line."""

from __future__ import annotations

import textwrap

from stretchtimer.core.formatting import clock_text, seconds_text
from stretchtimer.core.i18n import _, n_, p_
from stretchtimer.core.routine.model import Side
from stretchtimer.core.routine.wording import fill_sides
from stretchtimer.core.session.events import State
from stretchtimer.core.session.plan import Plan, Segment, SegmentKind
from stretchtimer.core.session.snapshot import Snapshot

BAR_WIDTH = 20
INDENT = "      "


def side_word(side: Side) -> str:
    """``left`` or ``right``, as a side is named in the terminal."""
    # TRANSLATORS: a body side, as in "hold 30 s, left side".
    return p_("side", "left") if side is Side.LEFT else p_("side", "right")


def _with_side(text: str, side: Side | None) -> str:
    if side is None:
        return text
    # TRANSLATORS: what to do, then the side it is done on: "hold 30 s, left side".
    return _("{what}, {side} side").format(what=text, side=side_word(side))


def progress_bar(fraction: float, width: int = BAR_WIDTH, *, unicode: bool = True) -> str:
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    full, empty = ("█", "░") if unicode else ("#", "-")
    return full * filled + empty * (width - filled)


def segment_lines(plan: Plan, segment: Segment, *, width: int = 88) -> list[str]:
    """What is printed, once, when ``segment`` starts."""
    step = plan.step(segment)
    steps = len(plan.routine.steps)
    if segment.kind is SegmentKind.PREPARE and step is not None:
        assert segment.step_index is not None
        lines = ["", f"{segment.step_index + 1}/{steps}  {step.name}"]
        if step.say:  # the words for the side done first, as they will be said
            said = fill_sides(step.say, segment.side or step.sides.order()[0])
            lines += textwrap.wrap(
                said, width=width, initial_indent=INDENT, subsequent_indent=INDENT
            )
        return lines
    if segment.kind is SegmentKind.HOLD:
        what = _("hold {time}").format(time=seconds_text(segment.duration))
        return [INDENT + _with_side(what, segment.side)]
    if segment.kind is SegmentKind.BREATHS:
        count = segment.breaths or 0
        what = n_("{count} slow breath", "{count} slow breaths", count).format(count=count)
        return [INDENT + _with_side(what, segment.side)]
    if segment.kind is SegmentKind.REPS:
        count = segment.reps or 0
        what = n_("{count} rep", "{count} reps", count).format(count=count)
        if segment.sets > 1:
            what = _("{reps}, set {number} of {sets}").format(
                reps=what, number=segment.set_number, sets=segment.sets
            )
        return [INDENT + _with_side(what, segment.side)]
    if segment.kind is SegmentKind.SWITCH:
        if segment.side is None:
            return [INDENT + _("Switch sides.")]
        return [INDENT + _("Switch sides: {side}").format(side=side_word(segment.side))]
    if segment.kind is SegmentKind.SET_REST:
        return [
            INDENT
            + _("rest {time} before set {number}").format(
                time=clock_text(segment.duration), number=segment.set_number
            )
        ]
    if segment.kind is SegmentKind.REST and segment.step_index is not None:
        upcoming = plan.routine.steps[segment.step_index + 1].name
        return [
            INDENT
            + _("rest {time}, up next: {name}").format(
                time=clock_text(segment.duration), name=upcoming
            )
        ]
    return []


def activity(snapshot: Snapshot) -> str:
    """A few words for what is happening now."""
    segment = snapshot.segment
    if snapshot.breath is not None:
        left = snapshot.breath.breaths_left
        if snapshot.breath.inhaling:
            what = n_("breathe in ({count} left)", "breathe in ({count} left)", left)
        else:
            what = n_("breathe out ({count} left)", "breathe out ({count} left)", left)
        return _side_after(what.format(count=left), snapshot.side)
    if snapshot.rep is not None:
        what = _("rep {number}/{reps}").format(number=snapshot.rep, reps=segment.reps)
        if segment.sets > 1:
            what = _("{reps} · set {number}/{sets}").format(
                reps=what, number=segment.set_number, sets=segment.sets
            )
        return _side_after(what, snapshot.side)
    names = {
        SegmentKind.PREPARE: _("get ready"),
        SegmentKind.HOLD: p_("now", "hold"),
        SegmentKind.SWITCH: _("switch sides"),
        SegmentKind.SET_REST: p_("now", "rest"),
        SegmentKind.REST: p_("now", "rest"),
        SegmentKind.DONE: p_("now", "done"),
    }
    return _side_after(names[segment.kind], snapshot.side)


def _side_after(text: str, side: Side | None) -> str:
    # TRANSLATORS: the live line: what is happening, then the side ("hold left").
    return text if side is None else _("{what} {side}").format(what=text, side=side_word(side))


def status_line(snapshot: Snapshot, *, unicode: bool = True) -> str:
    """The live line: what, how long is left, and how far through the routine."""
    paused = _("paused · ") if snapshot.state is State.PAUSED else ""
    step = snapshot.step.name if snapshot.step else _("Complete")
    number = f"{snapshot.step_number}/{snapshot.step_count} " if snapshot.step_number else ""
    bar = progress_bar(snapshot.session_progress, unicode=unicode)
    percent = round(snapshot.session_progress * 100)
    return (
        f"{paused}{number}{step} · {activity(snapshot)} · {clock_text(snapshot.remaining)}"
        f"  {bar} {percent:>3}% · "
        + _("{time} left").format(time=clock_text(snapshot.session_remaining))
    )
