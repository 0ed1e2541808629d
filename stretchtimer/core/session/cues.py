"""Cues, and how they are placed in a segment so that speech never talks over itself.

A cue is something heard at an offset into a segment: a sentence, a chime or a
tone. :class:`CueSheet` places the cues of one segment: instructions one after
the other, counts exactly on time, and optional words only where they fit.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import NamedTuple

SpeechLength = Callable[[str], float]

SOUND_LEAD = 0.6  # seconds between a chime and the speech after it
CUE_GAP = 0.25  # silence between two sentences spoken one after the other
SETTLE = 0.75  # time after the last sentence of a preparation before the timer starts
HALFWAY_FROM = 20.0  # holds at least this long get a "halfway" cue
DEFAULT_WPM = 175


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
    # format 2: the way in, the action, what to feel and the way out
    SETUP = "setup"
    CAUTION = "caution"
    ACTION = "action"
    EASIER = "easier"
    FEEL = "feel"
    RELEASE = "release"
    FINISH = "finish"


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


def estimate_speech_seconds(text: str, wpm: float = DEFAULT_WPM) -> float:
    """How long ``text`` takes to say, roughly: words at ``wpm`` plus pauses at punctuation."""
    words = len(text.split())
    if words == 0:
        return 0.0
    pauses = sum(text.count(mark) for mark in ".,;:!?")
    return words * 60.0 / wpm + 0.12 * pauses + 0.15


class CueSheet:
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
        until: float | None = None,
    ) -> None:
        """Say the first of ``options`` that fits in ``room`` seconds, exactly at ``offset``.

        An optional cue that would start before the previous sentence ends is left out;
        a required one is kept (the player lets it cut the previous one short). With
        ``until``, only an option that ends by then is said, and none if none does.
        """
        self._candidates.update(options)
        speech_end = self.speech_end
        if not required and speech_end > 0 and offset < speech_end + CUE_GAP:
            return
        length = self._length
        text = options[-1]
        if until is not None:
            fitting = [option for option in options if offset + length(option) <= until]
            if not fitting:
                return
            text = fitting[0]
        elif room is not None and len(options) > 1:
            for option in options:
                if length(option) <= room:
                    text = option
                    break
        self.cues.append(Cue(offset, role, text))
        end = offset + length(text)
        if end > speech_end:
            self.speech_end = end

    def say_if_fits(self, role: CueRole, text: str, *, until: float) -> None:
        """Say ``text`` after the previous sentence, if it ends by ``until``."""
        self._candidates.add(text)
        offset = self.speech_end + CUE_GAP if self.speech_end > 0 else 0.0
        if offset + self._length(text) <= until:
            self._add(Cue(offset, role, text))

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

    def fitted_duration(self, at_least: float, settle: float = SETTLE) -> float:
        """``at_least``, stretched so that ``settle`` seconds of quiet follow the last word."""
        return max(at_least, self.speech_end + settle)
