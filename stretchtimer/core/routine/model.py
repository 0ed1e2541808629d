"""The routine model: what a person wrote down, as frozen values.

A routine file (see ``file.py``) becomes a :class:`Routine`; the planner
turns a routine into a timeline. Values here are already validated: the loader
is the only way in from the outside world.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

FORMAT_VERSION = 1  # what a routine without format-2 keys is written as
LATEST_FORMAT = 2  # the newest format this version reads and writes
SOURCE_LANGUAGE = "en"  # the language a routine is written in when it does not say

# The texts a translation may give (format 2), in the order a file lists them.
ROUTINE_TEXT_KEYS = ("title", "description", "setup", "finish")
STEP_TEXT_KEYS = ("name", "setup", "caution", "say", "easier", "feel", "release", "rep_cues")


class Sides(enum.Enum):
    """Which side(s) of the body a step is done on."""

    NONE = "none"
    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"

    def order(self) -> tuple[Side | None, ...]:
        """The sides in the order they are done; ``(None,)`` for a step without sides."""
        if self is Sides.BOTH:
            return (Side.LEFT, Side.RIGHT)
        if self is Sides.LEFT:
            return (Side.LEFT,)
        if self is Sides.RIGHT:
            return (Side.RIGHT,)
        return (None,)


class Side(enum.Enum):
    """One side of the body, as a segment is done on it."""

    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Pace:
    """Timing between and around steps, in seconds.

    ``None`` means "not set in the file": the planner fills it from the person's
    defaults (settings), falling back to :data:`DEFAULT_PACE`.
    """

    prepare: float | None = None
    rest: float | None = None
    switch: float | None = None
    inhale: float | None = None
    exhale: float | None = None
    settle: float | None = None  # format 2

    def over(self, defaults: ResolvedPace) -> ResolvedPace:
        """These values where set, ``defaults`` elsewhere."""
        return ResolvedPace(
            prepare=defaults.prepare if self.prepare is None else self.prepare,
            rest=defaults.rest if self.rest is None else self.rest,
            switch=defaults.switch if self.switch is None else self.switch,
            inhale=defaults.inhale if self.inhale is None else self.inhale,
            exhale=defaults.exhale if self.exhale is None else self.exhale,
            settle=defaults.settle if self.settle is None else self.settle,
        )


@dataclass(frozen=True)
class ResolvedPace:
    """A pace with every value known."""

    prepare: float = 5.0
    rest: float = 10.0
    switch: float = 5.0
    inhale: float = 4.0
    exhale: float = 6.0
    settle: float = 3.0  # quiet after the last instruction before a timed part (format 2)


DEFAULT_PACE = ResolvedPace()


@dataclass(frozen=True)
class Hold:
    """Hold a position for a number of seconds."""

    seconds: float


@dataclass(frozen=True)
class Breaths:
    """Hold a position for a number of slow breaths."""

    count: int


@dataclass(frozen=True)
class Reps:
    """Repeat a movement ``count`` times at ``tempo`` seconds each, in ``sets``."""

    count: int
    tempo: float = 3.0
    sets: int = 1
    set_rest: float | None = None  # None: the routine's rest between steps


Work = Hold | Breaths | Reps


@dataclass(frozen=True)
class StepTranslation:
    """A step's texts in one more language (format 2); an empty text is not translated."""

    language: str  # a language tag as written: "de", "de_AT"
    name: str = ""
    setup: str = ""
    caution: str = ""
    say: str = ""
    easier: str = ""
    feel: str = ""
    release: str = ""
    rep_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoutineTranslation:
    """A routine's own texts in one more language (format 2); empty: not translated."""

    language: str
    title: str = ""
    description: str = ""
    setup: str = ""
    finish: str = ""


@dataclass(frozen=True)
class Step:
    """One exercise of a routine."""

    name: str
    work: Work
    sides: Sides = Sides.NONE
    say: str = ""
    easier: str = ""
    rest: float | None = None  # None: the routine's pace.rest
    # format 2: guidance around the action, each may hold {side} and {other}
    setup: str = ""  # getting into position, before the timed part
    feel: str = ""  # what to feel, once the timed part has begun
    release: str = ""  # how to come out, as the timed part ends
    caution: str = ""  # said with the setup, every time
    settle: float | None = None  # None: the routine's pace.settle
    pose: str = ""  # a name from the pose library
    rep_cues: tuple[str, ...] = ()  # said within each rep, evenly over the tempo
    translations: tuple[StepTranslation, ...] = ()  # format 2, in the order written

    def texts(self) -> tuple[str, ...]:
        """Every text of the step that may hold ``{side}`` or ``{other}``."""
        return (self.setup, self.caution, self.say, self.easier, self.feel, self.release)


@dataclass(frozen=True)
class Routine:
    """A validated routine, as written in a routine file (format 1 or 2)."""

    title: str
    steps: tuple[Step, ...]
    description: str = ""
    tags: tuple[str, ...] = ()
    pace: Pace = field(default_factory=Pace)
    format: int = FORMAT_VERSION
    setup: str = ""  # format 2: what you need and where, said at the start
    finish: str = ""  # format 2: said before the closing words
    language: str = SOURCE_LANGUAGE  # format 2: the language of the texts above
    translations: tuple[RoutineTranslation, ...] = ()  # format 2, in the order written

    @property
    def guided(self) -> bool:
        """Format 2: spoken with settle time, sides in the words, a way in and out."""
        return self.format >= LATEST_FORMAT
