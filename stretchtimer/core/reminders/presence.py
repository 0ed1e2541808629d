"""Whether the person is at the desk and free to stretch: idle periods and meetings in,
the reasons a reminder waits out. Pure: no Qt, no I/O, no clock of its own.

The probes in ``stretchtimer/system/presence/`` read the desktop (idle time, a locked
screen, a microphone or camera in use, a full-screen window, do-not-disturb) and
hand the schedule a :class:`DeskState`. The rules here decide what that means:

* **Time away counts as a break.** When the person comes back after being idle for
  :attr:`PresenceRules.break_after` or longer (a locked screen is idle too), the
  reminder countdown starts again from their return.
* **No reminder to an empty desk.** While the person has been idle for
  :data:`EMPTY_DESK_AFTER` or longer, a reminder that falls due waits; at the first
  activity it is shown, unless the time away was long enough to count as a break,
  in which case the countdown restarts instead.
* **Not during a call or a presentation.** While a microphone or camera is in use,
  another window is full screen, or the desktop's do-not-disturb is on, a reminder
  that falls due waits and comes once afterwards. Each rule can be switched off.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

MINUTE = 60.0
EMPTY_DESK_AFTER = 1 * MINUTE  # idle this long: nobody is there to read a reminder
DEFAULT_BREAK_AFTER = 5 * MINUTE


class HoldReason(enum.Enum):
    """Why a reminder that fell due is waiting, in the order a tooltip names them."""

    AWAY = "away"  # nobody at the desk (idle or a locked screen)
    MEETING = "meeting"  # a microphone or camera is in use
    FULL_SCREEN = "full_screen"  # another app's window fills the screen
    DO_NOT_DISTURB = "do_not_disturb"  # the desktop's do-not-disturb is on


@dataclass(frozen=True)
class DeskState:
    """What the probes saw at one moment. Unknown parts read as "present and free".

    ``idle_since`` is the wall-clock instant of the last keyboard or mouse input when
    the person is idle now (or the instant the screen was locked), None when they are
    using the machine or no probe can tell.
    """

    idle_since: float | None = None
    meeting: bool = False
    full_screen: bool = False
    do_not_disturb: bool = False


@dataclass(frozen=True)
class PresenceRules:
    """The person's choices about the desk (from their settings)."""

    use_idle: bool = True
    break_after: float = DEFAULT_BREAK_AFTER  # idle this long counts as a break
    wait_for_meeting: bool = True
    wait_for_full_screen: bool = True
    wait_for_do_not_disturb: bool = True

    def __post_init__(self) -> None:
        if not self.break_after > 0:
            raise ValueError("the idle time that counts as a break must be positive")


def holds(desk: DeskState, rules: PresenceRules, now: float) -> tuple[HoldReason, ...]:
    """The reasons a reminder must wait at instant ``now``, empty when it may be shown."""
    found: list[HoldReason] = []
    if rules.use_idle and desk.idle_since is not None and now - desk.idle_since >= EMPTY_DESK_AFTER:
        found.append(HoldReason.AWAY)
    if rules.wait_for_meeting and desk.meeting:
        found.append(HoldReason.MEETING)
    if rules.wait_for_full_screen and desk.full_screen:
        found.append(HoldReason.FULL_SCREEN)
    if rules.wait_for_do_not_disturb and desk.do_not_disturb:
        found.append(HoldReason.DO_NOT_DISTURB)
    return tuple(found)


def interrupting(reasons: tuple[HoldReason, ...]) -> bool:
    """A showing reminder is taken back for these (a call or a presentation began).

    An empty desk does not take one back: nobody sees it, and the person who steps
    away for a moment finds it when they return.
    """
    return any(reason is not HoldReason.AWAY for reason in reasons)


@dataclass(frozen=True)
class AwayPeriod:
    """The person was idle from ``start`` and came back at about ``end``."""

    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


def came_back(before: DeskState, after: DeskState, now: float) -> AwayPeriod | None:
    """The idle period that ended between two readings, or None when none ended.

    The person came back when they were idle before and are not now, or are idle
    again but from a later instant (they used the machine in between). The return
    is placed at the later reading (or the new last input): at most one polling
    interval late, which errs toward counting a break.
    """
    if before.idle_since is None:
        return None
    if after.idle_since is None:
        return AwayPeriod(before.idle_since, max(before.idle_since, now))
    if after.idle_since > before.idle_since:
        return AwayPeriod(before.idle_since, after.idle_since)
    return None
