"""Reminder properties: whatever the person does, whenever, in any zone, the rules hold.

The checks read the local clock directly (``datetime.fromtimestamp``) instead of
asking the schedule's own working-hours code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from stretchtimer.core.reminders.events import (
    ReminderAnswered,
    ReminderDue,
    ReminderEvent,
    ReminderRules,
    ReminderWithdrawn,
    WithdrawReason,
)
from stretchtimer.core.reminders.working_hours import WorkingHours
from tests.unit.core.reminders.desk import HOUR, MINUTE, Desk, Seen

ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # a half-hour daylight-saving change
    "Asia/Kolkata",
    "America/Sao_Paulo",
]
# Days around daylight-saving changes in those zones, and an ordinary week.
STARTS = [
    "2024-03-09 20:00",
    "2024-03-30 20:00",
    "2024-04-06 20:00",
    "2024-06-03 06:00",
    "2024-10-05 20:00",
    "2024-10-26 20:00",
    "2024-11-02 20:00",
]
ACTIONS = (
    "wait",
    "wait",
    "wait",
    "tick_early",
    "short_sleep",
    "long_sleep",
    "snooze",
    "skip",
    "start_now",
    "session",
    "pause_hour",
    "pause_tomorrow",
    "resume",
    "quiet",
    "toggle",
)


@st.composite
def working_hours(draw: st.DrawFn) -> WorkingHours:
    quarter = st.integers(0, 24 * 4 - 1).map(lambda q: dt.time(q // 4, q % 4 * 15))
    start = draw(quarter | st.sampled_from([dt.time(2, 0), dt.time(2, 30), dt.time(3, 0)]))
    end = draw(quarter | st.sampled_from([dt.time(2, 15), dt.time(2, 45), dt.time(3, 0)]))
    days = draw(st.sets(st.integers(0, 6), min_size=1))
    return WorkingHours(start, end, frozenset(days))


@st.composite
def reminder_rules(draw: st.DrawFn) -> ReminderRules:
    return ReminderRules(
        enabled=True,
        interval=draw(st.integers(5, 120)) * MINUTE,
        hours=draw(working_hours()),
        snooze=draw(st.integers(1, 30)) * MINUTE,
    )


def work_date(hours: WorkingHours, when: dt.datetime) -> dt.date | None:
    """The working day whose hours the local clock reading ``when`` falls in, if any."""
    clock, date = when.time(), when.date()
    if hours.end > hours.start:
        inside = hours.start <= clock < hours.end and date.weekday() in hours.days
        return date if inside else None
    if clock >= hours.start and date.weekday() in hours.days:
        return date
    yesterday = date - dt.timedelta(days=1)
    if clock < hours.end and yesterday.weekday() in hours.days:
        return yesterday
    return None


class Watcher:
    """Checks every event against what the person did, independently of the schedule."""

    def __init__(self, desk: Desk, rules: ReminderRules) -> None:
        self.desk = desk
        self.rules = rules
        self.showing = False
        self.in_session = False
        self.paused_until: float | None = None
        self.paused_after_day: dt.date | None = None  # "until tomorrow": no more on this day
        self.last_shown: float | None = None
        self.held_by_quiet = False  # a showing reminder went away for a quiet time

    def local(self, wall: float) -> dt.datetime:
        return dt.datetime.fromtimestamp(wall, self.desk.zone).replace(tzinfo=None)

    def check(self, events: list[ReminderEvent], at: float | None = None) -> None:
        """Check events that happened at ``at`` (now, if not given)."""
        t = self.desk.now().wall if at is None else at
        for event in events:
            if isinstance(event, ReminderDue):
                self.check_due(t)
            elif isinstance(event, ReminderWithdrawn | ReminderAnswered):
                assert self.showing, f"{event} with no reminder showing"
                self.showing = False
                quiet = (
                    isinstance(event, ReminderWithdrawn) and event.reason is WithdrawReason.QUIET
                )
                self.held_by_quiet = quiet

    def check_seen(self, seen: list[Seen]) -> None:
        for one in seen:
            self.check([one.event], at=one.wall)

    def check_due(self, t: float) -> None:
        rules = self.rules
        assert not self.showing, "a second reminder while one is showing"
        assert rules.enabled
        assert not self.in_session
        day = work_date(rules.hours, self.local(t))
        assert day is not None, f"reminder at {self.local(t)}, outside working hours"
        assert self.paused_until is None or t >= self.paused_until
        assert self.paused_after_day is None or day > self.paused_after_day
        assert rules.quiet_until is None or t >= rules.quiet_until
        if self.last_shown is not None and not self.held_by_quiet:
            assert t - self.last_shown >= min(rules.snooze, rules.interval) - 1e-6
        # A reminder a quiet time held back comes back as soon as the quiet time ends.
        self.held_by_quiet = False
        self.showing = True
        self.last_shown = t


class Person:
    """Does one thing at a time to the desk, and tells the watcher what they did."""

    def __init__(self, desk: Desk, watcher: Watcher) -> None:
        self.desk = desk
        self.watcher = watcher

    def act(self, action: str, amount: float) -> None:
        watcher = self.watcher
        if watcher.paused_until is not None and self.desk.now().wall >= watcher.paused_until:
            watcher.paused_until = None
        getattr(self, action)(amount)
        if watcher.paused_after_day is not None and self.desk.machine.paused_until is None:
            watcher.paused_after_day = None  # that pause is over

    def wait(self, amount: float) -> None:
        self.watcher.check_seen(self.desk.run_for(amount * 6 * HOUR))

    def tick_early(self, amount: float) -> None:
        """A tick before the deadline (a display refresh, a spurious timer) changes nothing."""
        desk = self.desk
        deadline = desk.machine.next_deadline()
        step = amount * 3 * HOUR
        if deadline is not None and desk.now().wall + step < deadline:
            desk.clock.advance(step)
            assert desk.record(desk.machine.tick(desk.now())) == []

    def short_sleep(self, amount: float) -> None:
        self.watcher.check(self.desk.sleep(amount * 4 * MINUTE))

    def long_sleep(self, amount: float) -> None:
        self.watcher.check(self.desk.sleep(5 * MINUTE + amount * 14 * HOUR))

    def snooze(self, amount: float) -> None:
        self.watcher.check(self.desk.do("snooze"))

    def skip(self, amount: float) -> None:
        self.watcher.check(self.desk.do("skip"))

    def start_now(self, amount: float) -> None:
        self.watcher.check(self.desk.do("start_now"))

    def session(self, amount: float) -> None:
        watcher = self.watcher
        watcher.in_session = not watcher.in_session
        command = "session_started" if watcher.in_session else "session_ended"
        watcher.check(self.desk.do(command))

    def pause_hour(self, amount: float) -> None:
        self.watcher.paused_until = self.desk.now().wall + HOUR
        self.watcher.paused_after_day = None
        self.watcher.check(self.desk.do("pause_for", HOUR))

    def pause_tomorrow(self, amount: float) -> None:
        local = self.watcher.local(self.desk.now().wall)
        self.watcher.paused_after_day = work_date(self.watcher.rules.hours, local) or local.date()
        self.watcher.paused_until = None
        self.watcher.check(self.desk.do("pause_until_tomorrow"))

    def resume(self, amount: float) -> None:
        self.watcher.paused_until = self.watcher.paused_after_day = None
        self.watcher.check(self.desk.do("resume"))

    def quiet(self, amount: float) -> None:
        self.change(quiet_until=self.desk.now().wall + amount * 3 * HOUR)

    def toggle(self, amount: float) -> None:
        self.change(enabled=not self.watcher.rules.enabled)

    def change(self, **changes: Any) -> None:
        rules = dataclasses.replace(self.watcher.rules, **changes)
        self.watcher.rules = rules
        self.watcher.check(self.desk.do("update_rules", rules))


@settings(max_examples=300)
@given(
    zone=st.sampled_from(ZONES),
    start=st.sampled_from(STARTS),
    rules=reminder_rules(),
    actions=st.lists(st.tuples(st.sampled_from(ACTIONS), st.floats(0, 1)), min_size=1, max_size=40),
)
def test_reminder_rules_hold_whatever_happens(
    zone: str, start: str, rules: ReminderRules, actions: list[tuple[str, float]]
) -> None:
    desk = Desk(start, rules, zone=ZoneInfo(zone))
    watcher = Watcher(desk, rules)
    watcher.check_seen(desk.seen)
    person = Person(desk, watcher)
    for action, amount in actions:
        person.act(action, amount)


@settings(max_examples=100)
@given(
    zone=st.sampled_from(ZONES),
    start=st.sampled_from(STARTS),
    hours=working_hours(),
    sleeps=st.lists(st.floats(31, 30 * HOUR), min_size=1, max_size=10),
    awake=st.lists(st.floats(0, 3 * HOUR), min_size=10, max_size=10),
)
def test_reminder_after_any_sleep_is_at_most_one(
    zone: str, start: str, hours: WorkingHours, sleeps: list[float], awake: list[float]
) -> None:
    desk = Desk(start, ReminderRules(enabled=True, hours=hours), zone=ZoneInfo(zone))
    for asleep, up in zip(sleeps, awake, strict=False):
        desk.run_for(up)
        on_waking = desk.sleep(asleep)
        assert sum(isinstance(event, ReminderDue) for event in on_waking) <= 1
        if asleep >= 5 * MINUTE:  # time away from the desk counts as a break
            assert not any(isinstance(event, ReminderDue) for event in on_waking)


@settings(max_examples=150)
@given(
    zone=st.sampled_from(ZONES),
    start=st.sampled_from(STARTS),
    hours=working_hours(),
    days=st.integers(1, 8),
)
def test_reminders_left_unanswered_never_pile_up(
    zone: str, start: str, hours: WorkingHours, days: int
) -> None:
    """Nobody answers for days: one reminder at a time, each in hours, an interval apart."""
    rules = ReminderRules(enabled=True, interval=40 * MINUTE, hours=hours)
    desk = Desk(start, rules, zone=ZoneInfo(zone))
    desk.run_for(days * 24 * HOUR)
    watcher = Watcher(desk, rules)
    watcher.check_seen(desk.seen)
    shown = [seen.wall for seen in desk.seen if isinstance(seen.event, ReminderDue)]
    assert all(b - a >= rules.interval - 1e-6 for a, b in itertools.pairwise(shown))
