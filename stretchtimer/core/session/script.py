"""The whole session as it will be heard: every segment and every cue, on one clock.

``stretchtimer routines script`` prints this, and the app's routine details show
it, so that a person (or the author of a routine) can read exactly what will be
said and when, with the lengths of the clips that will say it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stretchtimer.core.i18n import p_
from stretchtimer.core.routine.model import Side
from stretchtimer.core.routine.wording import side_word
from stretchtimer.core.session.plan import Plan, SegmentKind

# How long a text takes to say, and where that length comes from ("clip" or "estimate").
LengthSource = Callable[[str], tuple[float, str]]


@dataclass(frozen=True)
class ScriptCue:
    start: float  # seconds from the start of the session
    length: float  # seconds of speech (0 for a chime or tone)
    text: str
    role: str
    spoken: bool
    length_from: str  # "clip", "estimate", or "" for a chime or tone
    sound: str | None = None


@dataclass(frozen=True)
class ScriptSegment:
    kind: str
    step: int | None  # 1-based; None for the closing words
    step_name: str
    side: str | None
    start: float
    length: float
    cues: tuple[ScriptCue, ...]


def script_of(plan: Plan, lengths: LengthSource) -> tuple[ScriptSegment, ...]:
    """Each segment of ``plan`` with its cues, placed from the start of the session."""
    segments: list[ScriptSegment] = []
    start = 0.0
    for segment in plan.segments:
        step = plan.step(segment)
        cues = []
        for cue in segment.cues:
            spoken = cue.spoken and bool(cue.text)
            length, source = lengths(cue.text) if spoken else (0.0, "")
            cues.append(
                ScriptCue(
                    start=start + cue.offset,
                    length=length,
                    text=cue.text,
                    role=cue.role.value,
                    spoken=spoken,
                    length_from=source,
                    sound=cue.sound.value if cue.sound is not None else None,
                )
            )
        duration = segment.duration
        segments.append(
            ScriptSegment(
                kind=segment.kind.value,
                step=None if segment.step_index is None else segment.step_index + 1,
                step_name=step.name if step is not None else "",
                side=segment.side.value if segment.side is not None else None,
                start=start,
                length=duration,
                cues=tuple(cues),
            )
        )
        if segment.kind is not SegmentKind.DONE:
            start += duration
    return tuple(segments)


def script_json(segments: tuple[ScriptSegment, ...]) -> list[dict[str, Any]]:
    """The script as JSON values, seconds to the millisecond."""
    return [
        {
            "kind": segment.kind,
            "step": segment.step,
            "step_name": segment.step_name,
            "side": segment.side,
            "start": round(segment.start, 3),
            "length": round(segment.length, 3),
            "cues": [
                {
                    "text": cue.text,
                    "role": cue.role,
                    "start": round(cue.start, 3),
                    "length": round(cue.length, 3),
                    "length_from": cue.length_from,
                    "spoken": cue.spoken,
                    "sound": cue.sound,
                }
                for cue in segment.cues
            ],
        }
        for segment in segments
    ]


def script_time(seconds: float) -> str:
    """``75.24`` → ``"1:15.2"``."""
    tenths = round(seconds * 10)
    minutes, rest = divmod(tenths, 600)
    return f"{minutes}:{rest // 10:02d}.{rest % 10}"


def _kind_words(kind: str) -> str:
    """A segment's kind, as the script shows it."""
    words = {
        SegmentKind.PREPARE.value: p_("segment", "prepare"),
        SegmentKind.HOLD.value: p_("segment", "hold"),
        SegmentKind.SWITCH.value: p_("segment", "switch"),
        SegmentKind.BREATHS.value: p_("segment", "breaths"),
        SegmentKind.REPS.value: p_("segment", "reps"),
        SegmentKind.SET_REST.value: p_("segment", "set rest"),
        SegmentKind.REST.value: p_("segment", "rest"),
        SegmentKind.DONE.value: p_("segment", "done"),
    }
    return words.get(kind, kind.replace("_", " "))


def _length_from_words(source: str) -> str:
    # TRANSLATORS: where a cue's length in the script comes from: a rendered clip, or
    # an estimate from its words.
    return {"clip": p_("length", "clip"), "estimate": p_("length", "estimate")}.get(source, source)


def _sound_words(sound: str) -> str:
    """A chime or tone, as the script shows it."""
    words = {
        "session_start": p_("sound", "session start"),
        "switch": p_("sound", "switch"),
        "end": p_("sound", "end"),
        "complete": p_("sound", "complete"),
        "inhale": p_("sound", "inhale"),
        "exhale": p_("sound", "exhale"),
    }
    return words.get(sound, sound.replace("_", " "))


def script_lines(segments: tuple[ScriptSegment, ...]) -> list[str]:
    """The script as lines to read: each segment, then what is heard in it (in the
    language in use; the JSON keeps its English values)."""
    lines: list[str] = []
    for segment in segments:
        what = _kind_words(segment.kind)
        if segment.step_name:
            what = f"{what} · {segment.step_name}"
        if segment.side:
            what = f"{what} · {side_word(Side(segment.side))}"
        lines.append(f"{script_time(segment.start):>8}  {what}  ({segment.length:.1f} s)")
        for cue in segment.cues:
            if cue.spoken:
                source = _length_from_words(cue.length_from)
                heard = f'"{cue.text}"  ({cue.length:.1f} s, {source})'
            elif cue.sound:
                heard = f"[{_sound_words(cue.sound)}]" + (f" {cue.text}" if cue.text else "")
            else:
                heard = f"({cue.text})"
            lines.append(f"{'':8}  {script_time(cue.start):>8}  {heard}")
    return lines
