"""Statistics of the history, computed in SQL, as plain values a view can show.

Everything is counted by local calendar day: the day where and when each
session was done (see ``timestamps``). Figures come from the totals that
triggers keep up to date (``schema``): one row a day, a few per routine or
stretch a day, and one per routine and per stretch for the whole history, so
twenty years of daily sessions are a few thousand small rows, never every
session and segment. Previews (``play --speed``) are not counted. Weeks start
on Monday.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, NamedTuple

from stretchtimer.storage.history.store import HistoryDatabase
from stretchtimer.storage.history.timestamps import utc_text


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


class PeriodTotal(NamedTuple):
    """Sessions in one day, week (starting Monday) or month (starting on the 1st).

    (A tuple rather than a dataclass: twenty years of history make 7,000 of them.)
    """

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
    if hasattr(value, "_asdict"):
        value = value._asdict()
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
    now: float | None = None,
) -> HistoryStatistics:
    """All statistics; ``since``/``until`` (local days, included) limit all but the streaks.

    ``now`` (the present by default) tells a session done ahead in another time zone from
    one a wrong clock dated in the future (see :func:`_streaks`).
    """
    connection = database.connection
    period = _Period(since, until)
    with database.snapshot():
        sessions, finished, completed, active_ms = connection.execute(
            "SELECT total(sessions), total(finished), total(completed), total(active_ms) "
            f"FROM day_totals {period.where}",
            period.values,
        ).fetchone()
        weeks, comfort = _weeks(connection, period)
        return HistoryStatistics(
            today=today,
            since=since,
            until=until,
            sessions=int(sessions),
            finished=int(finished),
            completed=int(completed),
            active_seconds=active_ms / 1000,
            streaks=_streaks(connection, today, now),
            days=_days(connection, period),
            weeks=weeks,
            months=_periods(connection, "substr(day, 1, 8) || '01'", period),
            routines=_routines(connection, period),
            stretches=_stretches(connection, period),
            comfort=comfort,
        )


WEEK_START = "date(day, 'weekday 0', '-6 days')"  # the Monday of the day's week


class _Period:
    """A ``WHERE`` on local days; none at all for the whole history (SQLite then reads the
    totals tables in key order, with no sort)."""

    def __init__(self, since: date | None, until: date | None) -> None:
        conditions = []
        self.values: dict[str, str] = {}
        if since is not None:
            conditions.append("day >= :since")
            self.values["since"] = since.isoformat()
        if until is not None:
            conditions.append("day <= :until")
            self.values["until"] = until.isoformat()
        self.where = f"WHERE {' AND '.join(conditions)}" if conditions else ""


def _streaks(connection: sqlite3.Connection, today: date, now: float | None = None) -> Streaks:
    """The current and longest runs of days with a completed session.

    A day after ``today`` counts only for a session that really started before ``now``
    (done in a time zone ahead of this one); one dated in the future by a clock that was
    set wrong counts in neither streak.
    """
    rows = connection.execute(
        """
        WITH runs AS (
            SELECT day, julianday(day) - row_number() OVER (ORDER BY day) AS run
            FROM day_totals
            WHERE completed > 0 AND (day <= :today OR EXISTS (
                SELECT 1 FROM sessions
                WHERE local_day = day AND status = 'completed' AND started_at <= :now))
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
        {"today": today.isoformat(), "now": utc_text(time.time() if now is None else now)},
    ).fetchall()
    found = {
        which: Streak(days, date.fromisoformat(first), date.fromisoformat(last))
        for which, first, last, days in rows
    }
    return Streaks(current=found.get("current", Streak(0)), longest=found.get("longest", Streak(0)))


def _days(connection: sqlite3.Connection, period: _Period) -> tuple[PeriodTotal, ...]:
    rows = connection.execute(
        f"SELECT day, sessions, completed, active_ms FROM day_totals {period.where} ORDER BY day",
        period.values,
    )
    fromisoformat = date.fromisoformat
    return tuple(
        PeriodTotal(fromisoformat(day), sessions, completed, active_ms / 1000)
        for day, sessions, completed, active_ms in rows
    )


def _periods(
    connection: sqlite3.Connection, start: str, period: _Period
) -> tuple[PeriodTotal, ...]:
    rows = connection.execute(
        f"""
        SELECT {start} AS start, sum(sessions), sum(completed), sum(active_ms)
        FROM day_totals {period.where} GROUP BY start ORDER BY start
        """,
        period.values,
    )
    return tuple(
        PeriodTotal(date.fromisoformat(first), sessions, completed, active_ms / 1000)
        for first, sessions, completed, active_ms in rows
    )


def _routines(connection: sqlite3.Connection, period: _Period) -> tuple[RoutineTotal, ...]:
    columns = "routine_id, sum(sessions), sum(finished), sum(completed), sum(active_ms)"
    table = "routine_totals" if period.where else "routine_all_totals"
    rows = connection.execute(
        f"SELECT {columns} FROM {table} {period.where} GROUP BY routine_id", period.values
    ).fetchall()
    titles = {
        routine_id: connection.execute(
            "SELECT routine_title FROM sessions WHERE routine_id = ? "
            "ORDER BY started_at DESC LIMIT 1",
            (routine_id,),
        ).fetchone()
        for routine_id, *_ in rows
    }
    found = [
        RoutineTotal(
            routine_id, (titles[routine_id] or (routine_id,))[0], count, finished, done, ms / 1000
        )
        for routine_id, count, finished, done, ms in rows
    ]
    found.sort(key=lambda item: (-item.sessions, -item.active_seconds, item.routine_id))
    return tuple(found)


def _stretches(connection: sqlite3.Connection, period: _Period) -> tuple[StretchTotal, ...]:
    table = "stretch_totals" if period.where else "stretch_all_totals"
    rows = connection.execute(
        f"SELECT step_name, sum(active_ms), sum(segments) FROM {table} {period.where} "
        "GROUP BY step_name",
        period.values,
    )
    found = [StretchTotal(name, ms / 1000, segments) for name, ms, segments in rows]
    found.sort(key=lambda item: (-item.active_seconds, item.name))
    return tuple(found)


def _weeks(
    connection: sqlite3.Connection, period: _Period
) -> tuple[tuple[PeriodTotal, ...], tuple[ComfortWeek, ...]]:
    """Minutes and comfort per week, from one pass over the days."""
    weeks: list[PeriodTotal] = []
    comfort: list[ComfortWeek] = []
    for row in connection.execute(
        f"""
        SELECT {WEEK_START} AS week, sum(sessions), sum(completed), sum(active_ms),
               sum(before_count), sum(before_sum), sum(after_count), sum(after_sum)
        FROM day_totals {period.where} GROUP BY week ORDER BY week
        """,
        period.values,
    ):
        week, sessions, completed, active_ms, before_count, before_sum, after_count, after_sum = row
        start = date.fromisoformat(week)
        weeks.append(PeriodTotal(start, sessions, completed, active_ms / 1000))
        if before_count or after_count:
            comfort.append(
                ComfortWeek(
                    start,
                    before_count,
                    before_sum / before_count if before_count else None,
                    after_count,
                    after_sum / after_count if after_count else None,
                )
            )
    return tuple(weeks), tuple(comfort)
