"""A person's desk for reminder tests: the schedule on a fake clock, woken as the app would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from stretchtimer.core.reminders.events import (
    Answer,
    ReminderDue,
    ReminderEvent,
    ReminderMemory,
    ReminderRules,
)
from stretchtimer.core.reminders.schedule import ReminderMachine
from stretchtimer.core.reminders.working_hours import WorkingHours, local_time
from stretchtimer.core.session.clock import FakeClock, Moment

BERLIN = ZoneInfo("Europe/Berlin")
MINUTE = 60.0
HOUR = 3600.0


def instant(text: str, zone: dt.tzinfo = BERLIN, fold: int = 0) -> float:
    """``"2024-06-03 09:50"`` read on the local clock of ``zone``."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=zone, fold=fold).timestamp()


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def hours(start: str, end: str, days: tuple[str, ...] = WEEKDAYS) -> WorkingHours:
    return WorkingHours.from_names(start, end, days)


@dataclass(frozen=True)
class Seen:
    """An event and the local time it happened at."""

    at: str  # "YYYY-MM-DD HH:MM" (seconds shown only when not zero)
    wall: float
    event: ReminderEvent


class Desk:
    """The schedule, a fake clock, and a driver that wakes exactly at each deadline."""

    def __init__(
        self,
        start: str,
        rules: ReminderRules | None = None,
        zone: dt.tzinfo = BERLIN,
        memory: ReminderMemory | None = None,
        *,
        mono: float = 1000.0,
    ) -> None:
        self.zone = zone
        self.clock = FakeClock(mono=mono, wall=instant(start, zone))
        self.machine = ReminderMachine(rules or ReminderRules(enabled=True), zone, memory)
        self.seen: list[Seen] = []
        self.record(self.machine.tick(self.now()))

    def now(self) -> Moment:
        return self.clock.now()

    def local(self, wall: float | None = None) -> str:
        when = local_time(self.now().wall if wall is None else wall, self.zone)
        return when.strftime("%Y-%m-%d %H:%M" + (":%S" if when.second else ""))

    def record(self, events: list[ReminderEvent]) -> list[ReminderEvent]:
        wall = self.now().wall
        self.seen += [Seen(self.local(wall), wall, event) for event in events]
        return events

    def run_until(self, text: str, answer: Answer | None = None) -> list[Seen]:
        """Let time pass to local ``text``, waking at each deadline; maybe answer reminders."""
        return self.run_for(instant(text, self.zone) - self.now().wall, answer)

    def run_for(self, seconds: float, answer: Answer | None = None) -> list[Seen]:
        first = len(self.seen)
        target = self.now().wall + seconds
        while True:
            deadline = self.machine.next_deadline()
            if deadline is None or deadline > target:
                break
            self.clock.advance(max(0.0, deadline - self.now().wall))
            events = self.record(self.machine.tick(self.now()))
            if answer is not None and any(isinstance(event, ReminderDue) for event in events):
                self.do(answer.name.lower() if answer is not Answer.START else "start_now")
        self.clock.advance(max(0.0, target - self.now().wall))
        self.record(self.machine.tick(self.now()))
        return self.seen[first:]

    def sleep(self, seconds: float) -> list[ReminderEvent]:
        """The machine sleeps (only the wall clock moves); the app notices on waking."""
        self.clock.sleep_machine(seconds)
        return self.record(self.machine.tick(self.now()))

    def do(self, command: str, *args: object) -> list[ReminderEvent]:
        return self.record(getattr(self.machine, command)(self.now(), *args))

    def reminders(self, since: int = 0) -> list[str]:
        """Local times at which a reminder was shown."""
        return [seen.at for seen in self.seen[since:] if isinstance(seen.event, ReminderDue)]

    def events_of(self, kind: type) -> list[Seen]:
        return [seen for seen in self.seen if isinstance(seen.event, kind)]
