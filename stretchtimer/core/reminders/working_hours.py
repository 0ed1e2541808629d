"""Working hours and days: the local-time windows in which reminders may come.

The reminder schedule itself lives on the wall clock as absolute instants
(seconds since the epoch, the same all over the world and across daylight-saving
changes). Local time enters only here, when the person's working hours are turned
into windows of instants, using a ``tzinfo`` with the full rules of their zone
(``zoneinfo``), never a fixed offset.

Local clock times that happen twice or never (daylight saving) are resolved so
that no instant inside a window ever reads, on the local clock, as outside the
working hours:

* a start time that happens twice (the clock goes back) opens at its *second*
  occurrence; an end time that happens twice closes at its *first*;
* a time the clock skips (the clock goes forward) opens or closes at the instant
  of the change, the first instant that reads later than it.

An end time equal to or earlier than the start time means the hours run past
midnight (a night shift): the window opens on a working day and closes the next
day. Equal start and end mean around the clock. Windows that touch are merged,
so working around the clock on several days is one long window.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOOKAHEAD_DAYS = 8  # a week of working days, and the night shift of the day before


@dataclass(frozen=True)
class Window:
    """One stretch of working time: ``opens <= t < closes`` (wall-clock instants)."""

    opens: float
    closes: float
    day: dt.date  # the local date on which it opened

    def __contains__(self, instant: float) -> bool:
        return self.opens <= instant < self.closes


def local_time(instant: float, zone: dt.tzinfo) -> dt.datetime:
    """What the local clock reads at ``instant`` (naive, without the zone)."""
    return dt.datetime.fromtimestamp(instant, zone).replace(tzinfo=None)


def parse_clock_time(text: str) -> dt.time:
    """``"09:30"`` → 09:30. Raises ValueError for anything else."""
    hours, _, minutes = text.partition(":")
    if len(hours) != 2 or len(minutes) != 2 or not (hours + minutes).isdigit():
        raise ValueError(f"expected a time like 09:30, found {text!r}")
    return dt.time(int(hours), int(minutes))


def _occurrences(naive: dt.datetime, zone: dt.tzinfo) -> tuple[float, float]:
    """The instants for both readings of an ambiguous local time (equal when unambiguous)."""
    first = naive.replace(tzinfo=zone, fold=0).timestamp()
    second = naive.replace(tzinfo=zone, fold=1).timestamp()
    return first, second


def _change_instant(naive: dt.datetime, zone: dt.tzinfo, low: float, high: float) -> float:
    """The first whole second from which the local clock reads ``naive`` or later.

    Used for a local time the clock skips: ``low`` reads before it and ``high``
    after it, and between them the clock only moves forward.
    """
    low_second, high_second = math.floor(low), math.ceil(high)
    while high_second - low_second > 1:
        middle = (low_second + high_second) // 2
        if local_time(middle, zone) >= naive:
            high_second = middle
        else:
            low_second = middle
    return float(high_second)


def opening_instant(day: dt.date, at: dt.time, zone: dt.tzinfo) -> float:
    """The instant working time that starts at local ``at`` on ``day`` begins."""
    naive = dt.datetime.combine(day, at)
    first, second = _occurrences(naive, zone)
    if local_time(first, zone) == naive or local_time(second, zone) == naive:
        return max(first, second)
    return _change_instant(naive, zone, min(first, second), max(first, second))


def closing_instant(day: dt.date, at: dt.time, zone: dt.tzinfo) -> float:
    """The instant working time that ends at local ``at`` on ``day`` ends."""
    naive = dt.datetime.combine(day, at)
    first, second = _occurrences(naive, zone)
    if local_time(first, zone) == naive or local_time(second, zone) == naive:
        return min(first, second)
    return _change_instant(naive, zone, min(first, second), max(first, second))


@dataclass(frozen=True)
class WorkingHours:
    """Local start and end times and the days (0 = Monday) on which work starts."""

    start: dt.time
    end: dt.time
    days: frozenset[int]

    @classmethod
    def from_names(cls, start: str, end: str, days: tuple[str, ...]) -> WorkingHours:
        """From the settings' spelling: ``"09:00"``, ``"17:30"``, ``("mon", "tue")``."""
        return cls(
            parse_clock_time(start),
            parse_clock_time(end),
            frozenset(DAY_NAMES.index(day) for day in days),
        )

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def window_on(self, day: dt.date, zone: dt.tzinfo) -> Window | None:
        """The window that opens on ``day``, if it is a working day."""
        if day.weekday() not in self.days:
            return None
        close_day = day + dt.timedelta(days=1) if self.overnight else day
        opens = opening_instant(day, self.start, zone)
        closes = closing_instant(close_day, self.end, zone)
        return Window(opens, closes, day) if closes > opens else None

    def windows(self, instant: float, zone: dt.tzinfo) -> Iterator[Window]:
        """Windows that have not closed by ``instant``, in order, touching ones merged."""
        today = local_time(instant, zone).date()
        pending: Window | None = None
        for offset in range(-1, LOOKAHEAD_DAYS):
            window = self.window_on(today + dt.timedelta(days=offset), zone)
            if window is None:
                continue
            if pending is not None and window.opens <= pending.closes:
                pending = Window(pending.opens, max(pending.closes, window.closes), pending.day)
                continue
            if pending is not None and pending.closes > instant:
                yield pending
            pending = window
        if pending is not None and pending.closes > instant:
            yield pending

    def window_at(self, instant: float, zone: dt.tzinfo) -> Window | None:
        """The window ``instant`` falls in, or None outside working hours."""
        for window in self.windows(instant, zone):
            return window if instant in window else None
        return None

    def next_window(self, instant: float, zone: dt.tzinfo) -> Window | None:
        """The window ``instant`` falls in, else the next one to open (None: no working days)."""
        return next(self.windows(instant, zone), None)

    def workday_at(self, instant: float, zone: dt.tzinfo) -> dt.date:
        """The date whose working hours ``instant`` falls in; else its local date.

        After midnight in a night shift, that is the day before.
        """
        today = local_time(instant, zone).date()
        for day in (today, today - dt.timedelta(days=1)):
            window = self.window_on(day, zone)
            if window is not None and instant in window:
                return day
        return today

    def next_workday_start(self, instant: float, zone: dt.tzinfo) -> float | None:
        """When work starts on the next working day after the one ``instant`` belongs to.

        Days are taken one by one (not merged): with working hours around the
        clock, the next working day starts at the next midnight.
        """
        workday = self.workday_at(instant, zone)
        for offset in range(1, LOOKAHEAD_DAYS + 1):
            window = self.window_on(workday + dt.timedelta(days=offset), zone)
            if window is not None and window.opens >= instant:
                return window.opens
        return None
