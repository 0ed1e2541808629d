"""The reminder schedule: when to nudge the person to stretch, as a state machine.

Time enters only through the :class:`~stretchtimer.core.session.clock.Moment` passed to
each call, as in the session engine. The GUI arms one timer at
:meth:`ReminderMachine.next_deadline` (see ``stretchtimer/runtime/desk/reminders.py``).

How the two clocks are used:

* The schedule lives on the **wall clock** as absolute instants (``Moment.wall``,
  seconds since the epoch). Those are the same in every zone and do not jump at a
  daylight-saving change, so "every 50 minutes" is always 50 real minutes; they
  can be saved and still mean the same after a restart; and they keep running
  while the machine sleeps, which the monotonic clock does not on every system.
  Working hours are local clock times and become instants only in
  :mod:`~stretchtimer.core.reminders.working_hours`, with the zone's full rules.
* The **monotonic clock** tells time that passed while the person was at the
  machine apart from a sleep or a change of the wall clock: between two calls
  both clocks move alike, unless the machine slept (the wall clock moved further)
  or someone set the wall clock back (it moved less).

The rules a person relies on:

* Within working hours and days a reminder falls due ``interval`` after work
  starts, after the last reminder was answered, after a routine ends, after a
  pause ends or after the person came back; outside them nothing is due.
* Only one reminder exists at a time. Snooze brings it back after ``snooze``;
  skip or "start now" restart the interval. One nobody answers counts as skipped:
  it is replaced after ``interval`` by a fresh one, never joined by a second.
* Nothing is due while a routine plays, while reminders are paused, or while a
  quiet time ("do not disturb until") lasts. A reminder that falls due in a quiet
  time is held and shown once when it ends; a pause instead restarts the interval
  when it ends (the person chose a break from reminders).
* Time away from the desk (see :mod:`~stretchtimer.core.reminders.presence`): idle
  for the break length (a locked screen too) restarts the interval on return; a
  reminder never shows to an empty desk, during a call, over another app's full
  screen or in the desktop's do-not-disturb: it waits and comes once afterwards.
* After the machine slept: a short sleep keeps the schedule, so at most the one
  reminder that fell due meanwhile is shown on waking; a sleep of
  :data:`AWAY_AFTER` or more counts as time away from the desk and restarts the
  interval. Either way, never a pile.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from stretchtimer.core.reminders.default_routine import DEFAULT_ROUTINE
from stretchtimer.core.reminders.events import (
    MINUTE,
    Answer,
    Cycle,
    CycleKind,
    Phase,
    ReminderAnswered,
    ReminderDue,
    ReminderEvent,
    ReminderMemory,
    ReminderRules,
    ReminderStatus,
    ReminderWithdrawn,
    WithdrawReason,
)
from stretchtimer.core.reminders.presence import (
    DeskState,
    HoldReason,
    came_back,
    holds,
    interrupting,
)
from stretchtimer.core.reminders.working_hours import Window, local_time, opening_instant
from stretchtimer.core.session.clock import SLEEP_GAP, Moment

log = logging.getLogger(__name__)

AWAY_AFTER = 5 * MINUTE  # a sleep this long counts as a break away from the desk
PAUSE_FOR_AN_HOUR = 60 * MINUTE

_STOPPED_BY = {
    Phase.OFF: WithdrawReason.OFF,
    Phase.IN_SESSION: WithdrawReason.SESSION,
    Phase.PAUSED: WithdrawReason.PAUSED,
    Phase.OUT_OF_HOURS: WithdrawReason.OUT_OF_HOURS,
}


class ReminderMachine:
    """The reminder schedule of one person.

    Every command and ``tick`` returns the events it caused, oldest first. Build
    it with the rules from the settings, the person's time zone and what was
    saved last time (:meth:`memory`), then call :meth:`tick` at once.
    """

    def __init__(
        self,
        rules: ReminderRules,
        zone: dt.tzinfo,
        memory: ReminderMemory | None = None,
    ) -> None:
        self.rules = rules
        self.zone = zone
        self.phase = Phase.OFF
        self.last_routine: str | None = None
        self._memory = memory or ReminderMemory()
        self._cycle: Cycle | None = None
        self._paused_until: float | None = None
        self._in_session = False
        self._restart_at: float | None = None  # the interval restarts here, not at work start
        self._window: Window | None = None
        self._next_open: float | None = None
        self._last: Moment | None = None
        self._desk = DeskState()

    # -- queries ----------------------------------------------------------------------

    @property
    def routine_id(self) -> str:
        """The routine a reminder names: the chosen one, the last one played, or the desk one."""
        return self.rules.routine or self.last_routine or DEFAULT_ROUTINE

    @property
    def paused_until(self) -> float | None:
        return self._paused_until

    @property
    def in_session(self) -> bool:
        return self._in_session

    def next_deadline(self) -> float | None:
        """Wall-clock instant of the next change of the schedule, or None when none is coming.

        Call :meth:`tick` then. A timer runs on the monotonic clock, which stops while
        the machine sleeps: the driver also wakes up regularly to notice a sleep.
        """
        if self.phase in (Phase.OFF, Phase.IN_SESSION):
            return None
        if self.phase is Phase.PAUSED:
            return self._paused_until
        if self.phase is Phase.OUT_OF_HOURS or self._window is None:
            return self._next_open
        candidates = [self._window.closes]
        if self.rules.quiet_until is not None and self.phase is Phase.QUIET:
            candidates.append(self.rules.quiet_until)
        cycle = self._cycle
        if cycle is not None and cycle.kind is not CycleKind.DUE:
            candidates.append(cycle.due)
        elif cycle is not None and cycle.shown:
            candidates.append(cycle.since + self.rules.interval)
        return min(candidates)

    def status(self) -> ReminderStatus:
        """What to show the person about the schedule, as of the last call."""
        now = self._last.wall if self._last else None
        quiet = self.rules.quiet_until if now is not None and self.rules.quiet_at(now) else None
        held = self._holds(now) if self.phase is Phase.HELD and now is not None else ()
        return ReminderStatus(
            self.phase, self.routine_id, self._expected_next(), self._paused_until, quiet, held
        )

    def memory(self, *, clean_exit: bool = False) -> ReminderMemory:
        """What to save so that a restarted app keeps the schedule."""
        return ReminderMemory(
            cycle=self._cycle,
            paused_until=self._paused_until,
            last_routine=self.last_routine,
            saved_at=self._last.wall if self._last else None,
            clean_exit=clean_exit,
        )

    # -- commands ---------------------------------------------------------------------

    def tick(self, now: Moment) -> list[ReminderEvent]:
        """Deliver what became due up to ``now``."""
        return self._observe(now)

    def snooze(self, now: Moment) -> list[ReminderEvent]:
        return self._answer(now, Answer.SNOOZE)

    def skip(self, now: Moment) -> list[ReminderEvent]:
        return self._answer(now, Answer.SKIP)

    def start_now(self, now: Moment) -> list[ReminderEvent]:
        """Answer the reminder with "start": the caller then plays the routine named."""
        return self._answer(now, Answer.START)

    def session_started(self, now: Moment, routine_id: str | None = None) -> list[ReminderEvent]:
        """A routine began to play (from a reminder or not); no reminders until it ends."""
        events = self._observe(now)
        self._in_session = True
        if routine_id:
            self.last_routine = routine_id
        self._settle(now.wall, events)
        return events

    def session_ended(self, now: Moment) -> list[ReminderEvent]:
        """The routine ended, finished or stopped: the interval starts again from now."""
        events = self._observe(now)
        if self._in_session:
            self._in_session = False
            self._restart_at = now.wall
            self._settle(now.wall, events)
        return events

    def desk_changed(self, now: Moment, desk: DeskState) -> list[ReminderEvent]:
        """The probes saw the desk change: idle or back, a call, full screen, DND."""
        events = self._observe(now)
        before, self._desk = self._desk, desk
        away = came_back(before, desk, now.wall)
        presence = self.rules.presence
        if away is not None and presence.use_idle and away.length >= presence.break_after:
            log.info("back after %.0f s away: counting it as a break", away.length)
            self._away(away.end, events)
        self._settle(now.wall, events)
        return events

    def pause_for(self, now: Moment, seconds: float = PAUSE_FOR_AN_HOUR) -> list[ReminderEvent]:
        events = self._observe(now)
        self._paused_until = now.wall + max(0.0, seconds)
        self._settle(now.wall, events)
        return events

    def pause_until_tomorrow(self, now: Moment) -> list[ReminderEvent]:
        """No reminders until work starts on a later day than today's work (or today)."""
        events = self._observe(now)
        t = now.wall
        hours = self.rules.hours
        start = hours.next_workday_start(t, self.zone)
        if start is None:  # no working days set: until midnight
            tomorrow = local_time(t, self.zone).date() + dt.timedelta(days=1)
            start = max(t, opening_instant(tomorrow, dt.time(0), self.zone))
        self._paused_until = start
        self._settle(t, events)
        return events

    def resume(self, now: Moment) -> list[ReminderEvent]:
        """End a pause now; the interval starts again from now."""
        events = self._observe(now)
        if self._paused_until is not None:
            self._paused_until = None
            self._restart_at = now.wall
            self._settle(now.wall, events)
        return events

    def update_rules(
        self, now: Moment, rules: ReminderRules, zone: dt.tzinfo | None = None
    ) -> list[ReminderEvent]:
        """The person changed their settings (or the machine its time zone)."""
        events = self._observe(now)
        old, self.rules = self.rules, rules
        if zone is not None:
            self.zone = zone
        if rules.enabled and not old.enabled:
            self._restart_at = now.wall
        cycle = self._cycle
        if cycle is not None and cycle.kind is CycleKind.WAITING:
            self._cycle = dataclasses.replace(cycle, due=cycle.since + rules.interval)
        self._settle(now.wall, events)
        return events

    # -- the machinery ----------------------------------------------------------------

    def _answer(self, now: Moment, answer: Answer) -> list[ReminderEvent]:
        events = self._observe(now)
        if self.phase is not Phase.DUE:
            return events
        t = now.wall
        events.append(ReminderAnswered(answer, self.routine_id))
        if answer is Answer.SNOOZE:
            self._cycle = Cycle(CycleKind.SNOOZED, t, t + self.rules.snooze)
        else:
            self._cycle = Cycle(CycleKind.WAITING, t, t + self.rules.interval)
        self._settle(t, events)
        return events

    def _observe(self, now: Moment) -> list[ReminderEvent]:
        """Take in the time: restore, notice a sleep or a changed clock, then settle."""
        events: list[ReminderEvent] = []
        last = self._last
        if last is None:
            self._restore(now.wall)
        else:
            if now.mono < last.mono:
                now = Moment(last.mono, now.wall)
            drift = (now.wall - last.wall) - (now.mono - last.mono)
            if drift >= AWAY_AFTER:
                log.info("the machine slept for %.0f s: counting it as a break", drift)
                self._away(now.wall, events)
            elif drift < -SLEEP_GAP:
                log.info("the wall clock went back by %.0f s", -drift)
                self._shift(drift)
        self._last = now
        self._settle(now.wall, events)
        return events

    def _restore(self, t: float) -> None:
        memory = self._memory
        self.last_routine = memory.last_routine
        self._paused_until = memory.paused_until
        cycle = memory.cycle
        closed_for = t - memory.saved_at if memory.saved_at is not None else 0.0
        if cycle is None or (memory.clean_exit and closed_for >= AWAY_AFTER):
            self._restart_at = t
        elif cycle.kind is CycleKind.DUE:  # its notification went with the old app
            self._cycle = Cycle(CycleKind.WAITING, cycle.since, cycle.due)
        else:
            self._cycle = cycle

    def _away(self, t: float, events: list[ReminderEvent]) -> None:
        cycle = self._cycle
        if cycle is not None and cycle.kind is CycleKind.DUE and cycle.shown:
            events.append(ReminderWithdrawn(WithdrawReason.AWAY))
        self._cycle = None
        self._restart_at = t

    def _shift(self, seconds: float) -> None:
        """The wall clock moved by ``seconds`` without time passing: keep what is left."""
        cycle = self._cycle
        if cycle is not None:
            self._cycle = dataclasses.replace(
                cycle, since=cycle.since + seconds, due=cycle.due + seconds
            )

    def _stop(self, phase: Phase, events: list[ReminderEvent]) -> None:
        cycle = self._cycle
        if cycle is not None and cycle.kind is CycleKind.DUE and cycle.shown:
            events.append(ReminderWithdrawn(_STOPPED_BY[phase]))
        self._cycle = None
        self.phase = phase

    def _settle(self, t: float, events: list[ReminderEvent]) -> None:
        """Bring the state up to instant ``t``, adding the events that causes."""
        rules = self.rules
        self._window = None
        self._next_open = None
        if self._paused_until is not None and t >= self._paused_until:
            ended = self._paused_until
            self._paused_until = None
            self._restart_at = ended if self._restart_at is None else max(ended, self._restart_at)
        if not rules.enabled:
            self._stop(Phase.OFF, events)
            return
        if self._in_session:
            self._stop(Phase.IN_SESSION, events)
            return
        if self._paused_until is not None:
            self._stop(Phase.PAUSED, events)
            return
        window = rules.hours.window_at(t, self.zone)
        if window is None:
            self._stop(Phase.OUT_OF_HOURS, events)
            self._restart_at = None
            upcoming = rules.hours.next_window(t, self.zone)
            self._next_open = upcoming.opens if upcoming else None
            return
        self._window = window
        self._settle_cycle(t, window, events)

    def _settle_cycle(self, t: float, window: Window, events: list[ReminderEvent]) -> None:
        rules = self.rules
        cycle = self._cycle
        if cycle is not None and cycle.since not in window:  # from an earlier working day
            if cycle.kind is CycleKind.DUE and cycle.shown:
                events.append(ReminderWithdrawn(WithdrawReason.OUT_OF_HOURS))
            cycle = None
        if cycle is None:
            start = (
                window.opens if self._restart_at is None else max(window.opens, self._restart_at)
            )
            cycle = Cycle(CycleKind.WAITING, start, start + rules.interval)
        self._restart_at = None
        if cycle.kind is CycleKind.DUE and cycle.shown and t >= cycle.since + rules.interval:
            events.append(ReminderWithdrawn(WithdrawReason.UNANSWERED))
            cycle = Cycle(CycleKind.WAITING, cycle.since, cycle.since + rules.interval)
        if cycle.kind is not CycleKind.DUE and t >= cycle.due:
            cycle = Cycle(CycleKind.DUE, t, cycle.due)
        quiet = rules.quiet_at(t)
        held = self._holds(t)
        if cycle.kind is CycleKind.DUE:
            if quiet and cycle.shown:
                events.append(ReminderWithdrawn(WithdrawReason.QUIET))
                cycle = dataclasses.replace(cycle, shown=False)
            elif interrupting(held) and cycle.shown:
                events.append(ReminderWithdrawn(WithdrawReason.HELD))
                cycle = dataclasses.replace(cycle, shown=False)
            elif not quiet and not held and not cycle.shown:
                cycle = Cycle(CycleKind.DUE, t, cycle.due, shown=True)
                events.append(ReminderDue(self.routine_id, cycle.due, t - cycle.due))
        self._cycle = cycle
        if quiet:
            self.phase = Phase.QUIET
        elif cycle.kind is CycleKind.DUE and not cycle.shown:
            self.phase = Phase.HELD
        else:
            self.phase = {
                CycleKind.WAITING: Phase.WAITING,
                CycleKind.SNOOZED: Phase.SNOOZED,
                CycleKind.DUE: Phase.DUE,
            }[cycle.kind]

    def _holds(self, t: float) -> tuple[HoldReason, ...]:
        return holds(self._desk, self.rules.presence, t)

    def _expected_next(self) -> float | None:
        """When the next reminder should come if nothing changes (for display only)."""
        none_expected = (Phase.OFF, Phase.IN_SESSION, Phase.DUE, Phase.HELD)
        if self.phase in none_expected or self._last is None:
            return None
        cycle = self._cycle
        if self.phase is Phase.PAUSED:
            assert self._paused_until is not None
            return self._first_reminder_from(self._paused_until)
        if self.phase is Phase.OUT_OF_HOURS:
            return self._first_reminder_from(self._next_open) if self._next_open else None
        assert cycle is not None and self._window is not None
        due = cycle.due
        if self.phase is Phase.QUIET and self.rules.quiet_until is not None:
            due = max(due, self.rules.quiet_until)
        if due < self._window.closes:
            return due
        return self._first_reminder_from(self._window.closes)

    def _first_reminder_from(self, instant: float) -> float | None:
        for window in self.rules.hours.windows(instant, self.zone):
            due = max(window.opens, instant) + self.rules.interval
            if due < window.closes:
                return due
        return None
