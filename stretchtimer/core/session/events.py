"""Plain events the session engine hands out. Qt never appears here.

Events are slotted dataclasses, not frozen ones: a long session makes thousands
of them and a frozen dataclass costs four times as much to build. Treat them as
read-only values all the same.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from stretchtimer.core.session.plan import Cue, Segment


class State(enum.Enum):
    """Where the engine is: before the start, running, paused, or over."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class Outcome(enum.Enum):
    """How a segment ended."""

    DONE = "done"  # ran to its end
    PARTIAL = "partial"  # left part-way (skip, back, stop)
    SKIPPED = "skipped"  # left before it really began


class Status(enum.Enum):
    """How a session ended."""

    COMPLETED = "completed"
    STOPPED = "stopped"


class PauseReason(enum.Enum):
    PERSON = "person"
    SLEEP = "sleep"  # the machine slept; nobody did the holds meanwhile
    STALLED = "stalled"  # the program was stopped (SIGSTOP, a frozen desktop); likewise
    SPEECH = "speech"  # the next segment's words are still being rendered


@dataclass(slots=True)
class SessionStarted:
    mono: float
    wall: float


@dataclass(slots=True)
class SegmentStarted:
    segment: Segment
    mono: float


@dataclass(slots=True)
class CueDue:
    """``cue`` is due now; ``late_by`` says how far past its exact time this is."""

    segment: Segment
    cue: Cue
    due: float
    late_by: float


@dataclass(slots=True)
class SegmentEnded:
    segment: Segment
    actual_seconds: float
    outcome: Outcome
    easier: bool
    wall: float


@dataclass(slots=True)
class Paused:
    reason: PauseReason
    text: str = ""  # said aloud, when the engine paused itself


@dataclass(slots=True)
class Resumed:
    pass


@dataclass(slots=True)
class EasierChosen:
    step_index: int
    text: str  # the easier variation, to show and say


@dataclass(slots=True)
class SessionFinished:
    status: Status
    active_seconds: float
    wall: float


Event = (
    SessionStarted
    | SegmentStarted
    | CueDue
    | SegmentEnded
    | Paused
    | Resumed
    | EasierChosen
    | SessionFinished
)
