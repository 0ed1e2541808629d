"""Expand a routine into a flat timeline of segments, each with the cues spoken in it.

The plan is a pure function of the routine, the pace and the length of each
spoken clip. Lengths come in as a function: measured from rendered clips when
they exist, estimated from the word count otherwise. With them the plan makes
sure the voice never talks over itself where timing is loose (a preparation
stretches until its instructions have been read) and keeps exact times where
timing is the point (counts, breaths, the last three seconds).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from stretchtimer.core.routine.model import (
    DEFAULT_PACE,
    Breaths,
    Hold,
    Reps,
    ResolvedPace,
    Routine,
    Side,
    Step,
)
from stretchtimer.core.session import phrases

SpeechLength = Callable[[str], float]

SOUND_LEAD = 0.6  # seconds between a chime and the speech after it
CUE_GAP = 0.25  # silence between two sentences spoken one after the other
SETTLE = 0.75  # time after the last sentence of a preparation before the timer starts
HALFWAY_FROM = 20.0  # holds at least this long get a "halfway" cue
DEFAULT_WPM = 175


class SegmentKind(enum.Enum):
    PREPARE = "prepare"
    HOLD = "hold"
    SWITCH = "switch"
    BREATHS = "breaths"
    REPS = "reps"
    SET_REST = "set_rest"
    REST = "rest"
    DONE = "done"

    @property
    def is_work(self) -> bool:
        """A timed part of the exercise itself (not a pause around it)."""
        return self in (SegmentKind.HOLD, SegmentKind.BREATHS, SegmentKind.REPS)


class BreathGuidance(enum.Enum):
    SPOKEN = "spoken"  # "breathe in / breathe out" on every breath
    TONES = "tones"  # spoken on the first breath, rising and falling tones after


class Sound(enum.Enum):
    SESSION_START = "session_start"
    SWITCH = "switch"
    END = "end"
    COMPLETE = "complete"
    INHALE = "inhale"
    EXHALE = "exhale"


class CueRole(enum.Enum):
    CHIME = "chime"
    INTRO = "intro"
    SIDE = "side"
    BEGIN = "begin"
    HALFWAY = "halfway"
    COUNTDOWN = "countdown"
    SWITCH = "switch"
    INHALE = "inhale"
    EXHALE = "exhale"
    REPS = "reps"
    REP = "rep"
    SET = "set"
    REST = "rest"
    NEXT = "next"
    DONE = "done"


class Cue(NamedTuple):
    """Something heard at ``offset`` seconds into a segment.

    ``text`` is what the cue means, shown on screen; it is spoken when ``spoken``.
    ``sound`` is a chime or tone played at the same moment. (A tuple rather than a
    dataclass: long routines have thousands of cues.)
    """

    offset: float
    role: CueRole
    text: str = ""
    spoken: bool = True
    sound: Sound | None = None

    @property
    def audible(self) -> bool:
        return (self.spoken and bool(self.text)) or self.sound is not None


class Segment(NamedTuple):
    """One stretch of the timeline: a preparation, a hold on one side, a set of reps, ...

    Immutable like the other values here; a named tuple because a long routine has
    a thousand of them and they are built every time a routine is planned.
    """

    position: int  # in the plan's list of segments
    kind: SegmentKind
    duration: float
    cues: tuple[Cue, ...]
    step_index: int | None = None  # None for the closing segment
    side: Side | None = None
    set_number: int = 1
    sets: int = 1
    breaths: int = 0  # breath-counted holds
    inhale: float = 0.0
    exhale: float = 0.0
    reps: int = 0  # sets of reps
    tempo: float = 0.0


@dataclass(frozen=True)
class Plan:
    """The whole session as a timeline."""

    routine: Routine
    pace: ResolvedPace
    segments: tuple[Segment, ...]
    spoken_texts: frozenset[str] = field(default_factory=frozenset)
    """Every text this routine may speak with any clip lengths: what to render ahead."""

    @property
    def duration(self) -> float:
        """Planned seconds from the first segment to the closing one."""
        return sum(
            segment.duration for segment in self.segments if segment.kind is not SegmentKind.DONE
        )

    def remaining_after(self, index: int) -> float:
        """Planned seconds of the segments after ``index`` (closing segment excluded)."""
        return sum(
            segment.duration
            for segment in self.segments[index + 1 :]
            if segment.kind is not SegmentKind.DONE
        )

    def step(self, segment: Segment) -> Step | None:
        return None if segment.step_index is None else self.routine.steps[segment.step_index]


def estimate_speech_seconds(text: str, wpm: float = DEFAULT_WPM) -> float:
    """How long ``text`` takes to say, roughly: words at ``wpm`` plus pauses at punctuation."""
    words = len(text.split())
    if words == 0:
        return 0.0
    pauses = sum(text.count(mark) for mark in ".,;:!?")
    return words * 60.0 / wpm + 0.12 * pauses + 0.15


def build_plan(
    routine: Routine,
    *,
    pace_defaults: ResolvedPace = DEFAULT_PACE,
    speech_length: SpeechLength | None = None,
    breath_guidance: BreathGuidance = BreathGuidance.SPOKEN,
) -> Plan:
    """The timeline for ``routine``; ``speech_length(text)`` gives a clip's seconds."""
    builder = _Builder(
        routine,
        routine.pace.over(pace_defaults),
        speech_length or estimate_speech_seconds,
        breath_guidance,
    )
    segments = builder.build()
    return Plan(
        routine=routine,
        pace=builder.pace,
        segments=tuple(segments),
        spoken_texts=frozenset(builder.candidates),
    )


class _Cues:
    """Cues of one segment, placed so that optional speech never overlaps other speech."""

    __slots__ = ("_candidates", "_length", "cues", "speech_end")

    def __init__(self, length: SpeechLength, candidates: set[str], *, sound: Sound | None) -> None:
        self._length = length
        self._candidates = candidates
        self.cues: list[Cue] = []
        self.speech_end = 0.0
        if sound is not None:
            self.cues.append(Cue(0.0, CueRole.CHIME, sound=sound))
            self.speech_end = SOUND_LEAD - CUE_GAP

    def say_next(self, role: CueRole, text: str) -> None:
        """Say ``text`` as soon as the previous sentence has finished."""
        self._candidates.add(text)
        offset = self.speech_end + CUE_GAP if self.speech_end > 0 else 0.0
        self._add(Cue(offset, role, text))

    def say_at(
        self,
        offset: float,
        role: CueRole,
        options: Sequence[str],
        *,
        room: float | None = None,
        required: bool = False,
    ) -> None:
        """Say the first of ``options`` that fits in ``room`` seconds, exactly at ``offset``.

        An optional cue that would start before the previous sentence ends is left out;
        a required one is kept (the player lets it cut the previous one short).
        """
        self._candidates.update(options)
        speech_end = self.speech_end
        if not required and speech_end > 0 and offset < speech_end + CUE_GAP:
            return
        length = self._length
        text = options[-1]
        if room is not None and len(options) > 1:
            for option in options:
                if length(option) <= room:
                    text = option
                    break
        self.cues.append(Cue(offset, role, text))
        end = offset + length(text)
        if end > speech_end:
            self.speech_end = end

    def count_at(self, offsets_and_texts: Sequence[tuple[float, str]], role: CueRole) -> None:
        """Counts said exactly on time, each cutting the one before short if it must."""
        cues = [Cue(offset, role, text) for offset, text in offsets_and_texts]
        self._candidates.update(text for _, text in offsets_and_texts)
        if cues:
            self.cues.extend(cues)
            last = cues[-1]
            self.speech_end = max(self.speech_end, last.offset + self._length(last.text))

    def tone_at(self, offset: float, role: CueRole, text: str, sound: Sound) -> None:
        """Play a tone at ``offset``; ``text`` is shown, not spoken."""
        self.cues.append(Cue(offset, role, text, spoken=False, sound=sound))

    def _add(self, cue: Cue) -> None:
        self.cues.append(cue)
        end = cue.offset + self._length(cue.text)
        self.speech_end = max(self.speech_end, end)

    def fitted_duration(self, at_least: float) -> float:
        """``at_least``, stretched so that every sentence ends before the segment does."""
        return max(at_least, self.speech_end + SETTLE)


class _Builder:
    def __init__(
        self,
        routine: Routine,
        pace: ResolvedPace,
        length: SpeechLength,
        breath_guidance: BreathGuidance,
    ) -> None:
        self.routine = routine
        self.pace = pace
        self.length = functools.cache(length)  # the same few words come back again and again
        self.breath_guidance = breath_guidance
        self.candidates: set[str] = {phrases.PAUSED_FOR_SLEEP}
        self.segments: list[Segment] = []

    # -- helpers ----------------------------------------------------------------------

    def _cues(self, sound: Sound | None = None) -> _Cues:
        return _Cues(self.length, self.candidates, sound=sound)

    def _opening_sound(self) -> Sound | None:
        """Session start before the first segment; an end chime after a timed part."""
        if not self.segments:
            return Sound.SESSION_START
        if self.segments[-1].kind.is_work:
            return Sound.END
        return None

    def _add(self, kind: SegmentKind, duration: float, cues: _Cues, **fields: object) -> None:
        segment = Segment(
            position=len(self.segments),
            kind=kind,
            duration=duration,
            cues=tuple(cues.cues),  # added in time order
            **fields,  # type: ignore[arg-type]
        )
        self.segments.append(segment)

    # -- the timeline -----------------------------------------------------------------

    def build(self) -> list[Segment]:
        steps = self.routine.steps
        for index, step in enumerate(steps):
            if step.easier:
                self.candidates.add(phrases.easier(step.easier))
            self._prepare(index, step)
            if isinstance(step.work, Reps):
                self._reps_step(index, step, step.work)
            else:
                self._timed_step(index, step)
            if index + 1 < len(steps):
                rest = self.pace.rest if step.rest is None else step.rest
                if rest > 0:
                    self._rest(index, rest, steps[index + 1])
        self._done()
        return self.segments

    def _prepare(self, index: int, step: Step) -> None:
        cues = self._cues(self._opening_sound())
        cues.say_next(CueRole.INTRO, phrases.intro(step.name, step.say))
        order = step.sides.order()
        first = order[0]
        if first is not None:
            text = phrases.side_first(first) if len(order) > 1 else phrases.side_only(first)
            cues.say_next(CueRole.SIDE, text)
        if isinstance(step.work, Reps):
            cues.say_next(CueRole.REPS, phrases.reps_intro(step.work.count, step.work.sets))
        self._add(
            SegmentKind.PREPARE,
            cues.fitted_duration(self.pace.prepare),
            cues,
            step_index=index,
            side=first,
        )

    def _switch(self, index: int, side: Side) -> None:
        cues = self._cues(Sound.SWITCH)
        cues.say_next(CueRole.SWITCH, phrases.SWITCH_SIDES)
        cues.say_next(CueRole.SIDE, phrases.this_side(side))
        self._add(
            SegmentKind.SWITCH,
            cues.fitted_duration(self.pace.switch),
            cues,
            step_index=index,
            side=side,
        )

    def _timed_step(self, index: int, step: Step) -> None:
        for number, side in enumerate(step.sides.order()):
            if number > 0:
                assert side is not None
                self._switch(index, side)
            if isinstance(step.work, Hold):
                self._hold(index, side, step.work.seconds)
            elif isinstance(step.work, Breaths):
                self._breaths(index, side, step.work.count)

    def _hold(self, index: int, side: Side | None, seconds: float) -> None:
        cues = self._cues()
        cues.say_at(
            0.0,
            CueRole.BEGIN,
            (phrases.hold_for(seconds), phrases.HOLD_SHORT),
            room=min(seconds - 0.5, 3.0),
            required=True,
        )
        if seconds >= HALFWAY_FROM:
            cues.say_at(seconds / 2, CueRole.HALFWAY, (phrases.HALFWAY,))
        for ahead, word in zip((3, 2, 1), phrases.COUNTDOWN, strict=True):
            if seconds - ahead > 0:
                cues.say_at(seconds - ahead, CueRole.COUNTDOWN, (word,))
        self._add(SegmentKind.HOLD, seconds, cues, step_index=index, side=side)

    def _breaths(self, index: int, side: Side | None, count: int) -> None:
        inhale, exhale = self.pace.inhale, self.pace.exhale
        cues = self._cues()
        for breath in range(count):
            start = breath * (inhale + exhale)
            left = count - breath
            if breath > 0 and self.breath_guidance is BreathGuidance.TONES:
                cues.tone_at(start, CueRole.INHALE, phrases.BREATHE_IN, Sound.INHALE)
                cues.tone_at(start + inhale, CueRole.EXHALE, phrases.BREATHE_OUT, Sound.EXHALE)
                continue
            counted = phrases.breaths_first(count) if breath == 0 else phrases.breaths_left(left)
            cues.say_at(
                start,
                CueRole.INHALE,
                (counted, phrases.BREATHE_IN, phrases.IN_SHORT),
                room=inhale - 0.2,
                required=True,
            )
            cues.say_at(
                start + inhale,
                CueRole.EXHALE,
                (phrases.BREATHE_OUT, phrases.OUT_SHORT),
                room=exhale - 0.2,
                required=True,
            )
        self._add(
            SegmentKind.BREATHS,
            count * (inhale + exhale),
            cues,
            step_index=index,
            side=side,
            breaths=count,
            inhale=inhale,
            exhale=exhale,
        )

    def _reps_step(self, index: int, step: Step, work: Reps) -> None:
        set_rest = self.pace.rest if work.set_rest is None else work.set_rest
        sides = step.sides.order()
        for set_number in range(1, work.sets + 1):
            if set_number > 1:
                self._set_rest(index, set_number, work.sets, set_rest, sides[0])
            for number, side in enumerate(sides):
                if number > 0:
                    assert side is not None
                    self._switch(index, side)
                cues = self._cues()
                counts = [
                    (rep * work.tempo, phrases.rep_count(rep + 1)) for rep in range(work.count)
                ]
                cues.count_at(counts, CueRole.REP)
                self._add(
                    SegmentKind.REPS,
                    work.count * work.tempo,
                    cues,
                    step_index=index,
                    side=side,
                    set_number=set_number,
                    sets=work.sets,
                    reps=work.count,
                    tempo=work.tempo,
                )

    def _set_rest(
        self, index: int, set_number: int, sets: int, seconds: float, side: Side | None
    ) -> None:
        cues = self._cues(self._opening_sound())
        cues.say_next(CueRole.REST, phrases.REST)
        announce = phrases.set_of(set_number, sets)
        if side is not None:
            announce = f"{announce} {phrases.this_side(side)}"
        # Announce the next set near the end of the rest, when the person gets ready.
        ready_at = seconds - SETTLE - self.length(announce) - 1.0
        if ready_at > cues.speech_end + CUE_GAP:
            cues.say_at(ready_at, CueRole.SET, (announce,))
        else:
            cues.say_next(CueRole.SET, announce)
        self._add(
            SegmentKind.SET_REST,
            cues.fitted_duration(seconds),
            cues,
            step_index=index,
            side=side,
            set_number=set_number,
            sets=sets,
        )

    def _rest(self, index: int, seconds: float, upcoming: Step) -> None:
        cues = self._cues(self._opening_sound())
        cues.say_next(CueRole.REST, phrases.REST)
        cues.say_next(CueRole.NEXT, phrases.next_step(upcoming.name))
        self._add(SegmentKind.REST, cues.fitted_duration(seconds), cues, step_index=index)

    def _done(self) -> None:
        cues = self._cues(Sound.COMPLETE)
        cues.say_next(CueRole.DONE, phrases.SESSION_COMPLETE)
        self._add(SegmentKind.DONE, cues.speech_end + CUE_GAP, cues)
