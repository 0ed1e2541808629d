"""What the History page reads and writes, as plain work for the background helper. No Qt.

Every function here runs off the GUI thread (``history_source`` hands it to the
app's background helper); this module and the storage it uses are imported
there too, so the GUI thread never waits for them. Each operation opens its own
connection (an SQLite connection belongs to the thread that made it). A known
failure (a lock, a full disk, a damaged or newer file) comes back as a
:class:`HistoryProblem`, one sentence with the fix, in place of the answer;
anything else is a bug and is raised. A file found damaged half-way is set
aside at once, as opening would have done, so the next load shows a fresh
history instead of the same failure.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from stretchtimer.core.i18n import _
from stretchtimer.storage.history import problems
from stretchtimer.storage.history.browsing import position, session_page
from stretchtimer.storage.history.connection import connect
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.problems import HistoryProblem, ProblemKind
from stretchtimer.storage.history.progress import (
    Progress,
    read_progress,
)
from stretchtimer.storage.history.records import SessionRecord
from stretchtimer.storage.history.removal import (
    BeingRecordedError,
    RemovedSession,
    put_back,
    take_out,
)
from stretchtimer.storage.history.statistics import (
    ComfortWeek,
    PeriodTotal,
    Streaks,
    history_statistics,
)
from stretchtimer.storage.history.store import HistoryDatabase
from stretchtimer.storage.history.timestamps import today as local_today

log = logging.getLogger(__name__)

HEATMAP_WEEKS = 53  # a year of weeks, this one included
CHART_WEEKS = 16
COMFORT_WEEKS = 12  # the most recent weeks that have ratings

T = TypeVar("T")
A = TypeVar("A")


def week_start(day: date) -> date:
    """The Monday of ``day``'s week (the statistics' weeks start on Monday)."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Overview:
    """What the page shows above the list, worked out off the GUI thread."""

    today: date
    listed: int  # sessions in the list, previews included
    first_page: tuple[SessionRecord, ...]
    streaks: Streaks
    sessions: int  # counted sessions (previews are not)
    finished: int
    completed: int
    active_seconds: float
    days: dict[date, PeriodTotal]  # within the heatmap's weeks
    weeks: tuple[PeriodTotal, ...]  # the last CHART_WEEKS weeks, oldest first, gaps filled
    comfort: tuple[ComfortWeek, ...]
    progress: Progress  # minutes today and this week, sessions this week, the streak

    @property
    def heatmap_start(self) -> date:
        return week_start(self.today) - timedelta(weeks=HEATMAP_WEEKS - 1)

    def is_today(self, wall: float) -> bool:
        """Whether the local day at ``wall`` is still the day this was worked out for."""
        return local_today(wall) == self.today


@dataclass(frozen=True)
class Loaded:
    """The answer to a load: an overview (None when there is no usable history) and problems."""

    overview: Overview | None
    problems: tuple[HistoryProblem, ...] = ()


@dataclass(frozen=True)
class Restored:
    removed: RemovedSession
    row: int | None  # where the session stands in the list again
    added: bool  # False: the history already had it again (imported meanwhile)


def overview_of(database: HistoryDatabase, today: date, first_page: int) -> Overview:
    """Statistics, and the first page of the list."""
    stats = history_statistics(database, today=today)  # reads in a snapshot of its own
    progress = read_progress(database, today=today)
    with database.snapshot():
        listed = database.count()
        first = tuple(session_page(database, offset=0, limit=first_page))
    start = week_start(today) - timedelta(weeks=HEATMAP_WEEKS - 1)
    weeks_by_start = {week.start: week for week in stats.weeks}
    recent_weeks = [
        week_start(today) - timedelta(weeks=back) for back in range(CHART_WEEKS - 1, -1, -1)
    ]
    return Overview(
        today=today,
        listed=listed,
        first_page=first,
        streaks=stats.streaks,
        sessions=stats.sessions,
        finished=stats.finished,
        completed=stats.completed,
        active_seconds=stats.active_seconds,
        days={day.start: day for day in stats.days if start <= day.start <= today},
        weeks=tuple(
            weeks_by_start.get(monday, PeriodTotal(monday, 0, 0, 0.0)) for monday in recent_weeks
        ),
        comfort=stats.comfort[-COMFORT_WEEKS:],
        progress=progress,
    )


def export_problem(error: OSError, target: Path) -> HistoryProblem:
    """Why an export could not be written, and what to do; nothing was written."""
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        text = _(
            "Your history could not be exported to {path} ({reason}), so nothing was "
            "written; free some space or choose another disk and export again."
        )
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        text = _(
            "Your history could not be exported to {path} ({reason}), so nothing was "
            "written; choose a folder you can write to and export again."
        )
    else:
        text = _(
            "Your history could not be exported to {path} ({reason}), so nothing was "
            "written; choose another folder or file name and export again."
        )
    return HistoryProblem(ProblemKind.NOT_SAVED, text.format(path=target, reason=reason), target)


class HistoryFile:
    """The history at ``path``, read and changed one operation (and connection) at a time."""

    def __init__(self, path: Path, busy_timeout: float) -> None:
        self.path = path
        self.busy_timeout = busy_timeout

    def load(self, wall: float, first_page: int) -> Loaded:
        """Open (never create) the history, check it, and read the overview as of ``wall``."""
        today = local_today(wall)
        told: list[HistoryProblem] = []
        for _attempt in range(2):  # once more after a damaged file was set aside
            try:
                opened = open_history(self.path, create=False, busy_timeout=self.busy_timeout)
                told.extend(opened.problems)
                if opened.database is None:
                    break
                with opened.database as database:
                    return Loaded(overview_of(database, today, first_page), tuple(told))
            except (sqlite3.Error, OSError) as error:
                if not problems.is_known(error):
                    raise
                problem = self._problem(error)
                told.append(problem)
                if problem.kept_as is None:
                    break
        return Loaded(None, tuple(told))

    def page(self, offset: int, limit: int) -> list[SessionRecord] | HistoryProblem:
        return self._guarded(lambda db: session_page(db, offset=offset, limit=limit), [])

    def details(self, session_id: str) -> SessionRecord | HistoryProblem | None:
        return self._guarded(lambda db: db.get(session_id), None)

    def delete(self, session_id: str) -> RemovedSession | HistoryProblem | None:
        return self._guarded(lambda db: take_out(db, session_id), None)

    def restore(self, removed: RemovedSession) -> Restored | HistoryProblem | None:
        def work(database: HistoryDatabase) -> Restored:
            added = put_back(database, removed)
            return Restored(removed, position(database, removed.record.id), added)

        return self._guarded(work, None, create=True)

    def export(self, target: Path) -> int | HistoryProblem | None:
        """Write every session to ``target`` (.json or .csv), owner-only; the count written."""
        from stretchtimer.storage.history.exchange.exporting import export_file

        def work(database: HistoryDatabase) -> int | HistoryProblem:
            try:
                return export_file(database, target, exported_at=time.time())
            except OSError as error:  # the target, not the history: sqlite3 raises its own
                log.warning("history page: export to %s failed: %s", target, error)
                return export_problem(error, target)

        return self._guarded(work, None, create=True)

    def _guarded(
        self, work: Callable[[HistoryDatabase], T], absent: A, *, create: bool = False
    ) -> T | A | HistoryProblem:
        """``work`` on a connection of its own; ``absent`` when there is no history file yet
        (``create``: make one first); a known failure as a problem."""
        try:
            if not self.path.exists():
                if not create:
                    return absent
                made = open_history(self.path, busy_timeout=self.busy_timeout)
                if made.database is None:
                    return made.problems[0] if made.problems else absent
                made.database.close()
            connection = connect(self.path, busy_timeout=self.busy_timeout)
            with HistoryDatabase(self.path, connection) as database:
                return work(database)
        except BeingRecordedError as error:
            return HistoryProblem(ProblemKind.LOCKED, str(error), self.path)
        except (sqlite3.Error, OSError) as error:
            if not problems.is_known(error):
                raise
            return self._problem(error)

    def _problem(self, error: BaseException) -> HistoryProblem:
        """One sentence for the person; a damaged file is set aside now, as opening would."""
        problem = problems.from_error(error, self.path)
        log.warning("history page: %s", error)
        if problem.kind is ProblemKind.DAMAGED:
            checked = open_history(self.path, full_check=True, busy_timeout=self.busy_timeout)
            if checked.database is not None:
                checked.database.close()
            if checked.problems:
                return checked.problems[0]
        return problem
