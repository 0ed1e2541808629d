"""Statistics of the history, computed in SQL, as plain values a view can show.

Everything is counted by local calendar day: the day where and when each
session was done (see ``timestamps``). The per-day totals that triggers keep up
to date hold a few rows a day, so every figure here reads thousands of small
rows, not every session and segment, even after years of daily use. Previews
(``play --speed``) are not counted. Weeks start on Monday.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from stretchtimer.storage.history.store import HistoryDatabase

FIRST_DAY = "0000-01-01"
LAST_DAY = "9999-12-31"


@dataclass(frozen=True)
class Streak:
    """Days in a row with at least one completed session."""

    days: int
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class Streaks:
    current: Streak  # ends today, or yesterday (today's session may still come)
    longest: Streak


@dataclass(frozen=True)
class PeriodTotal:
    """Sessions in one day, week (starting Monday) or month (starting on the 1st)."""

    start: date
    sessions: int
    completed: int
    active_seconds: float

    @property
    def minutes(self) -> float:
        return self.active_seconds / 60


@dataclass(frozen=True)
class RoutineTotal:
    routine_id: str
    title: str  # as the routine was called in its latest session
    sessions: int
    finished: int  # completed, stopped or interrupted (not in progress)
    completed: int
    active_seconds: float

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.finished if self.finished else None


@dataclass(frozen=True)
class StretchTotal:
    """Time spent holding, breathing or repeating one stretch (by its name)."""

    name: str
    active_seconds: float
    segments: int


@dataclass(frozen=True)
class ComfortWeek:
    """Average comfort ratings (0 very sore, 10 completely comfortable) in one week."""

    week: date
    rated_before: int
    before_average: float | None
    rated_after: int
    after_average: float | None


@dataclass(frozen=True)
class HistoryStatistics:
    today: date
    since: date | None
    until: date | None
    sessions: int
    finished: int
    completed: int
    active_seconds: float
    streaks: Streaks
    days: tuple[PeriodTotal, ...]
    weeks: tuple[PeriodTotal, ...]
    months: tuple[PeriodTotal, ...]
    routines: tuple[RoutineTotal, ...]
    stretches: tuple[StretchTotal, ...]
    comfort: tuple[ComfortWeek, ...]

    @property
    def completion_rate(self) -> float | None:
        """Completed sessions out of those that ended (None before the first one)."""
        return self.completed / self.finished if self.finished else None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: dates as ISO text, seconds rounded to milliseconds."""
        data: dict[str, Any] = _plain(asdict(self))
        data["completion_rate"] = self.completion_rate
        for routine, item in zip(self.routines, data["routines"], strict=True):
            item["completion_rate"] = routine.completion_rate
        return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 3)
    return value


def history_statistics(
    database: HistoryDatabase,
    *,
    today: date,
    since: date | None = None,
    until: date | None = None,
) -> HistoryStatistics:
    """All statistics; ``since``/``until`` (local days, included) limit all but the streaks."""
    connection = database.connection
    period = {
        "since": since.isoformat() if since else FIRST_DAY,
        "until": until.isoformat() if until else LAST_DAY,
    }
    connection.execute("BEGIN")  # one consistent view, even while a session is being recorded
    try:
        sessions, finished, completed, active_ms = connection.execute(
            """
            SELECT total(sessions), total(finished), total(completed), total(active_ms)
            FROM day_totals WHERE day BETWEEN :since AND :until
            """,
            period,
        ).fetchone()
        return HistoryStatistics(
            today=today,
            since=since,
            until=until,
            sessions=int(sessions),
            finished=int(finished),
            completed=int(completed),
            active_seconds=active_ms / 1000,
            streaks=_streaks(connection, today),
            days=_periods(connection, "day", period),
            weeks=_periods(connection, "date(day, 'weekday 0', '-6 days')", period),
            months=_periods(connection, "substr(day, 1, 8) || '01'", period),
            routines=_routines(connection, period),
            stretches=_stretches(connection, period),
            comfort=_comfort(connection, period),
        )
    finally:
        connection.execute("COMMIT")


def _streaks(connection: sqlite3.Connection, today: date) -> Streaks:
    rows = connection.execute(
        """
        WITH active_days AS (
            SELECT day FROM day_totals GROUP BY day HAVING sum(completed) > 0
        ), runs AS (
            SELECT day, julianday(day) - row_number() OVER (ORDER BY day) AS run
            FROM active_days
        ), streaks AS (
            SELECT min(day) AS first, max(day) AS last, count(*) AS days FROM runs GROUP BY run
        )
        SELECT * FROM (SELECT 'longest', * FROM streaks ORDER BY days DESC, last DESC LIMIT 1)
        UNION ALL
        SELECT * FROM (
            SELECT 'current', * FROM streaks
            WHERE julianday(:today) - julianday(last) <= 1
            ORDER BY last DESC LIMIT 1)
        """,
        {"today": today.isoformat()},
    ).fetchall()
    found = {
        which: Streak(days, date.fromisoformat(first), date.fromisoformat(last))
        for which, first, last, days in rows
    }
    return Streaks(current=found.get("current", Streak(0)), longest=found.get("longest", Streak(0)))


def _periods(
    connection: sqlite3.Connection, start: str, period: dict[str, str]
) -> tuple[PeriodTotal, ...]:
    rows = connection.execute(
        f"""
        SELECT {start} AS start, sum(sessions), sum(completed), sum(active_ms)
        FROM day_totals WHERE day BETWEEN :since AND :until
        GROUP BY start ORDER BY start
        """,
        period,
    )
    return tuple(
        PeriodTotal(date.fromisoformat(first), sessions, completed, active_ms / 1000)
        for first, sessions, completed, active_ms in rows
    )


def _routines(connection: sqlite3.Connection, period: dict[str, str]) -> tuple[RoutineTotal, ...]:
    rows = connection.execute(
        """
        SELECT t.routine_id,
               (SELECT routine_title FROM sessions AS s WHERE s.routine_id = t.routine_id
                ORDER BY s.started_at DESC LIMIT 1),
               sum(t.sessions), sum(t.finished), sum(t.completed), sum(t.active_ms)
        FROM day_totals AS t WHERE t.day BETWEEN :since AND :until
        GROUP BY t.routine_id ORDER BY sum(t.sessions) DESC, sum(t.active_ms) DESC, t.routine_id
        """,
        period,
    )
    return tuple(
        RoutineTotal(routine_id, title or routine_id, sessions, finished, completed, ms / 1000)
        for routine_id, title, sessions, finished, completed, ms in rows
    )


def _stretches(connection: sqlite3.Connection, period: dict[str, str]) -> tuple[StretchTotal, ...]:
    rows = connection.execute(
        """
        SELECT step_name, sum(active_ms) AS ms, sum(segments) FROM stretch_totals
        WHERE day BETWEEN :since AND :until
        GROUP BY step_name ORDER BY ms DESC, step_name
        """,
        period,
    )
    return tuple(StretchTotal(name, ms / 1000, segments) for name, ms, segments in rows)


def _comfort(connection: sqlite3.Connection, period: dict[str, str]) -> tuple[ComfortWeek, ...]:
    rows = connection.execute(
        """
        SELECT date(day, 'weekday 0', '-6 days') AS week,
               sum(before_count), sum(before_sum), sum(after_count), sum(after_sum)
        FROM day_totals WHERE day BETWEEN :since AND :until
        GROUP BY week HAVING sum(before_count) + sum(after_count) > 0 ORDER BY week
        """,
        period,
    )
    return tuple(
        ComfortWeek(
            date.fromisoformat(week),
            before_count,
            before_sum / before_count if before_count else None,
            after_count,
            after_sum / after_count if after_count else None,
        )
        for week, before_count, before_sum, after_count, after_sum in rows
    )
