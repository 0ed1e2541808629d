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
from dataclasses import dataclass, field
from typing import NamedTuple

from stretchtimer.core import i18n
from stretchtimer.core.i18n import Language
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
from stretchtimer.core.session import guided, phrases
from stretchtimer.core.session.cues import (
    CUE_GAP,
    DEFAULT_WPM,
    HALFWAY_FROM,
    SETTLE,
    SOUND_LEAD,
    Cue,
    CueRole,
    CueSheet,
    Sound,
    SpeechLength,
    estimate_speech_seconds,
)
from stretchtimer.core.session.guided import DEFAULT_WORDING, Wording

__all__ = [
    "CUE_GAP",
    "DEFAULT_WPM",
    "HALFWAY_FROM",
    "SETTLE",
    "SOUND_LEAD",
    "BreathGuidance",
    "Cue",
    "CueRole",
    "Plan",
    "Segment",
    "SegmentKind",
    "Sound",
    "SpeechLength",
    "Wording",
    "build_plan",
    "estimate_speech_seconds",
]


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
    language: Language = i18n.SOURCE
    """The language every cue is in (and the engine's own words during the session)."""

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


def build_plan(
    routine: Routine,
    *,
    pace_defaults: ResolvedPace = DEFAULT_PACE,
    speech_length: SpeechLength | None = None,
    breath_guidance: BreathGuidance = BreathGuidance.SPOKEN,
    wording: Wording = DEFAULT_WORDING,
    language: Language | None = None,
) -> Plan:
    """The timeline for ``routine``; ``speech_length(text)`` gives a clip's seconds.

    Every cue is said in ``language`` (the language in use when None).

    A format-2 routine is guided (``guided.py``): settle time before every timed part,
    sides named in the words, a way in and a way out. A format-1 routine plays as it
    always has.
    """
    language = language or i18n.current()
    with i18n.speaking_in(language):
        builder = _Builder(
            routine,
            routine.pace.over(pace_defaults),
            speech_length or estimate_speech_seconds,
            breath_guidance,
            wording,
        )
        segments = builder.build()
    return Plan(
        routine=routine,
        pace=builder.pace,
        segments=tuple(segments),
        spoken_texts=frozenset(builder.candidates),
        language=language,
    )


class _Builder:
    def __init__(
        self,
        routine: Routine,
        pace: ResolvedPace,
        length: SpeechLength,
        breath_guidance: BreathGuidance,
        wording: Wording,
    ) -> None:
        self.routine = routine
        self.pace = pace
        self.length = functools.cache(length)  # the same few words come back again and again
        self.breath_guidance = breath_guidance
        self.wording = wording
        self.guided = routine.guided
        self.candidates: set[str] = {phrases.paused_for_sleep(), phrases.waiting_for_voice()}
        self.segments: list[Segment] = []
        self.release: tuple[Step, Side | None] | None = None  # the way out, still to say

    def _settle(self, step: Step) -> float:
        """Quiet after the last word before a timed part: a moment, or settle (format 2)."""
        if not self.guided:
            return SETTLE
        return self.pace.settle if step.settle is None else step.settle

    def _way_out(self, cues: CueSheet) -> None:
        """Say how to come out of the timed part just ended (format 2)."""
        if self.release is not None:
            guided.release(cues, *self.release)
            self.release = None

    # -- helpers ----------------------------------------------------------------------

    def _cues(self, sound: Sound | None = None) -> CueSheet:
        return CueSheet(self.length, self.candidates, sound=sound)

    def _opening_sound(self) -> Sound | None:
        """Session start before the first segment; an end chime after a timed part."""
        if not self.segments:
            return Sound.SESSION_START
        if self.segments[-1].kind.is_work:
            return Sound.END
        return None

    def _add(self, kind: SegmentKind, duration: float, cues: CueSheet, **fields: object) -> None:
        segment = Segment(
            position=len(self.segments),
            kind=kind,
            duration=duration,
            cues=tuple(cues.cues),  # added in time order
            **fields,  # type: ignore[arg-type]
        )
        self.segments.append(segment)
        if kind.is_work and self.guided:
            step = self.routine.steps[segment.step_index or 0]
            self.release = (step, segment.side)

    # -- the timeline -----------------------------------------------------------------

    def build(self) -> list[Segment]:
        steps = self.routine.steps
        if self.guided:
            self.candidates.update(guided.texts_to_render(self.routine))
        for index, step in enumerate(steps):
            if step.easier and not self.guided:
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
        order = step.sides.order()
        first = order[0]
        if self.guided:
            self._way_out(cues)
            guided.way_in(cues, self.routine, step, first, first=index == 0, wording=self.wording)
        else:
            cues.say_next(CueRole.INTRO, phrases.intro(step.name, step.say))
        if first is not None and not self.guided:
            text = phrases.side_first(first) if len(order) > 1 else phrases.side_only(first)
            cues.say_next(CueRole.SIDE, text)
        if isinstance(step.work, Reps) and not self.guided:
            cues.say_next(CueRole.REPS, phrases.reps_intro(step.work.count, step.work.sets))
        self._add(
            SegmentKind.PREPARE,
            cues.fitted_duration(self.pace.prepare, self._settle(step)),
            cues,
            step_index=index,
            side=first,
        )

    def _switch(self, index: int, side: Side) -> None:
        cues = self._cues(Sound.SWITCH)
        step = self.routine.steps[index]
        if self.guided:
            self._way_out(cues)
            guided.switch(cues, step, side)
        else:
            cues.say_next(CueRole.SWITCH, phrases.switch_sides())
            cues.say_next(CueRole.SIDE, phrases.this_side(side))
        self._add(
            SegmentKind.SWITCH,
            cues.fitted_duration(self.pace.switch, self._settle(step)),
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
        if self.guided:
            guided.hold(cues, self.routine.steps[index], side, seconds)
            self._add(SegmentKind.HOLD, seconds, cues, step_index=index, side=side)
            return
        cues.say_at(
            0.0,
            CueRole.BEGIN,
            (phrases.hold_for(seconds), phrases.hold_short()),
            room=min(seconds - 0.5, 3.0),
            required=True,
        )
        if seconds >= HALFWAY_FROM:
            cues.say_at(seconds / 2, CueRole.HALFWAY, (phrases.halfway(),))
        for ahead, word in zip((3, 2, 1), phrases.countdown(), strict=True):
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
                cues.tone_at(start, CueRole.INHALE, phrases.breathe_in(), Sound.INHALE)
                cues.tone_at(start + inhale, CueRole.EXHALE, phrases.breathe_out(), Sound.EXHALE)
                continue
            counted = phrases.breaths_first(count) if breath == 0 else phrases.breaths_left(left)
            if self.guided:
                guided.breath(cues, (inhale, exhale), breath == 0, left, start)
                continue
            cues.say_at(
                start,
                CueRole.INHALE,
                (counted, phrases.breathe_in(), phrases.in_short()),
                room=inhale - 0.2,
                required=True,
            )
            cues.say_at(
                start + inhale,
                CueRole.EXHALE,
                (phrases.breathe_out(), phrases.out_short()),
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
                if self.guided:
                    guided.reps(cues, step, work)
                else:
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
        self._way_out(cues)
        cues.say_next(CueRole.REST, phrases.rest())
        announce = phrases.set_of(set_number, sets)
        if side is not None:
            announce = f"{announce} {phrases.this_side(side)}"
        settle = self._settle(self.routine.steps[index])
        # Announce the next set near the end of the rest, when the person gets ready.
        ready_at = seconds - settle - self.length(announce) - 1.0
        if ready_at > cues.speech_end + CUE_GAP:
            cues.say_at(ready_at, CueRole.SET, (announce,))
        else:
            cues.say_next(CueRole.SET, announce)
        self._add(
            SegmentKind.SET_REST,
            cues.fitted_duration(seconds, settle),
            cues,
            step_index=index,
            side=side,
            set_number=set_number,
            sets=sets,
        )

    def _rest(self, index: int, seconds: float, upcoming: Step) -> None:
        cues = self._cues(self._opening_sound())
        self._way_out(cues)
        cues.say_next(CueRole.REST, phrases.rest())
        cues.say_next(CueRole.NEXT, phrases.next_step(upcoming.name))
        self._add(SegmentKind.REST, cues.fitted_duration(seconds), cues, step_index=index)

    def _done(self) -> None:
        cues = self._cues(Sound.COMPLETE)
        self._way_out(cues)
        guided.say_text(cues, CueRole.FINISH, self.routine.finish)
        cues.say_next(CueRole.DONE, phrases.session_complete())
        self._add(SegmentKind.DONE, cues.speech_end + CUE_GAP, cues)
