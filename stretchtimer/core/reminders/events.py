"""The values the reminder schedule takes in and hands out. Qt never appears here.

All instants are wall-clock seconds since the epoch (``Moment.wall``); lengths
of time are seconds.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from stretchtimer.core.reminders.presence import HoldReason, PresenceRules
from stretchtimer.core.reminders.working_hours import WorkingHours, parse_clock_time

MINUTE = 60.0


class Phase(enum.Enum):
    """Where the schedule is; the first that applies wins, in this order."""

    OFF = "off"  # reminders are switched off
    IN_SESSION = "in_session"  # a routine is playing
    PAUSED = "paused"  # the person paused reminders until a time
    OUT_OF_HOURS = "out_of_hours"  # outside working hours or days
    QUIET = "quiet"  # do not disturb: a reminder that falls due waits until it ends
    HELD = "held"  # a reminder fell due but waits: an empty desk, a call, full screen, DND
    WAITING = "waiting"  # counting down to the next reminder
    SNOOZED = "snoozed"  # the person asked to be reminded again shortly
    DUE = "due"  # a reminder is showing, waiting for an answer


class Answer(enum.Enum):
    START = "start"  # start the routine now
    SNOOZE = "snooze"
    SKIP = "skip"


class WithdrawReason(enum.Enum):
    """Why a showing reminder was taken back without an answer."""

    OFF = "off"
    SESSION = "session"
    PAUSED = "paused"
    OUT_OF_HOURS = "out_of_hours"
    QUIET = "quiet"  # it waits and comes back when the quiet time ends
    UNANSWERED = "unanswered"  # a fresh one replaces it
    AWAY = "away"  # the machine slept, or the person was idle, long enough for a break
    HELD = "held"  # a call, a full-screen window or DND began; it comes back afterwards


@dataclass(frozen=True)
class ReminderDue:
    """Show a reminder for ``routine_id`` now (notification, chime, maybe speech)."""

    routine_id: str
    due: float  # when it fell due
    late_by: float  # seconds after ``due`` (a late timer, a short sleep, a quiet time)


@dataclass(frozen=True)
class ReminderWithdrawn:
    """Take the showing reminder away."""

    reason: WithdrawReason


@dataclass(frozen=True)
class ReminderAnswered:
    """The person answered the showing reminder; on START the caller plays ``routine_id``."""

    answer: Answer
    routine_id: str


ReminderEvent = ReminderDue | ReminderWithdrawn | ReminderAnswered


def _default_hours() -> WorkingHours:
    return WorkingHours(parse_clock_time("09:00"), parse_clock_time("17:30"), frozenset(range(5)))


@dataclass(frozen=True)
class ReminderRules:
    """What the person chose (from their settings), in the schedule's own units."""

    enabled: bool = False
    interval: float = 50 * MINUTE
    hours: WorkingHours = field(default_factory=_default_hours)
    routine: str = ""  # empty: the last one played, else the desk routine
    snooze: float = 10 * MINUTE
    quiet_until: float | None = None  # do not disturb until this instant
    presence: PresenceRules = field(default_factory=PresenceRules)

    def __post_init__(self) -> None:
        if not (self.interval > 0 and self.snooze > 0):
            raise ValueError("the reminder interval and snooze must be positive")

    def quiet_at(self, instant: float) -> bool:
        return self.quiet_until is not None and instant < self.quiet_until


class CycleKind(enum.Enum):
    WAITING = "waiting"
    SNOOZED = "snoozed"
    DUE = "due"


@dataclass(frozen=True)
class Cycle:
    """One turn of the schedule inside a working window.

    ``since`` is when this turn began (the interval's start, the snooze, the
    moment the reminder was shown or held); ``due`` when the reminder falls or fell
    due. A DUE turn that is not ``shown`` is held back by a quiet time.
    """

    kind: CycleKind
    since: float
    due: float
    shown: bool = False


@dataclass(frozen=True)
class ReminderMemory:
    """What the schedule keeps across a restart of the app (runtime state, not settings)."""

    cycle: Cycle | None = None
    paused_until: float | None = None
    last_routine: str | None = None
    saved_at: float | None = None  # when this was taken
    clean_exit: bool = False  # taken as the app quit (so the app was closed since then)


@dataclass(frozen=True)
class ReminderStatus:
    """What a tray tooltip or ``stretchtimer reminders status`` shows."""

    phase: Phase
    routine_id: str
    next_reminder: float | None  # when the next one is expected if nothing changes
    paused_until: float | None
    quiet_until: float | None  # only while the quiet time lasts
    held_by: tuple[HoldReason, ...] = ()  # why the reminder that fell due waits (phase HELD)
