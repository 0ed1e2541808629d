"""How the week is going: the few numbers the end screen and History lead with.

Minutes today and this week, sessions this week (against the person's weekly goal),
the current streak and the totals, all read from the per-day totals in one snapshot,
so the numbers on one screen always agree with each other. Previews (``play
--speed``) are not in the totals and so count nowhere. Weeks start on Monday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stretchtimer.storage.history.statistics import _streaks
from stretchtimer.storage.history.store import HistoryDatabase


@dataclass(frozen=True)
class Progress:
    today: date
    today_seconds: float
    week_seconds: float
    week_sessions: int  # sessions this week (Monday to today), at normal speed
    streak_days: int  # days in a row with a completed session, up to today or yesterday
    total_seconds: float
    total_sessions: int

    @property
    def week_start(self) -> date:
        return week_start(self.today)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def read_progress(database: HistoryDatabase, *, today: date) -> Progress:
    """The numbers for ``today`` (a local day)."""
    connection = database.connection
    monday = week_start(today).isoformat()
    with database.snapshot():
        row = connection.execute(
            """
            SELECT total(CASE WHEN day = :today THEN active_ms END),
                   total(CASE WHEN day BETWEEN :monday AND :today THEN active_ms END),
                   total(CASE WHEN day BETWEEN :monday AND :today THEN sessions END),
                   total(active_ms), total(sessions)
            FROM day_totals
            """,
            {"today": today.isoformat(), "monday": monday},
        ).fetchone()
        streak = _streaks(connection, today).current.days
    today_ms, week_ms, week_sessions, all_ms, all_sessions = row
    return Progress(
        today=today,
        today_seconds=today_ms / 1000,
        week_seconds=week_ms / 1000,
        week_sessions=int(week_sessions),
        streak_days=streak,
        total_seconds=all_ms / 1000,
        total_sessions=int(all_sessions),
    )
