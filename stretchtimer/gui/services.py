"""What the windows share: paths, settings, routines, the background helper and the clock."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from stretchtimer.core.session.clock import Clock, SystemClock
from stretchtimer.storage.paths import Paths

if TYPE_CHECKING:
    from stretchtimer.gui.desk.reminders import ReminderService
    from stretchtimer.gui.settings_model import SettingsModel
    from stretchtimer.gui.tasks import Tasks
    from stretchtimer.storage.history.progress import Progress
    from stretchtimer.storage.routines.library import RoutineLibrary

log = logging.getLogger(__name__)


@dataclass
class AppServices:
    paths: Paths
    settings: SettingsModel
    tasks: Tasks
    clock: Callable[[], Clock] = SystemClock
    speed: float = 1.0  # faster timers for previews and tests
    notices: list[str] = field(default_factory=list)  # told once the window is up
    reminders: ReminderService | None = None  # set by the desk (gui/desk.py) at start-up
    routine_library: RoutineLibrary | None = None  # made when first needed

    @property
    def library(self) -> RoutineLibrary:
        """Built-in and own routines; created on first use, after the window is up."""
        if self.routine_library is None:
            from stretchtimer.storage.routines.library import RoutineLibrary

            self.routine_library = RoutineLibrary(self.paths.routines, self.paths.cache)
        return self.routine_library


def current_streak(history: Path, *, completed_today: bool) -> int:
    """Days in a row with a completed session, counting today when ``completed_today``.

    Exact whether or not the session that just ended has reached the file yet.
    Runs in the background helper (it reads the history).
    """
    from datetime import date, timedelta

    from stretchtimer.storage.history import open_history
    from stretchtimer.storage.history.statistics import history_statistics

    today = date.today()
    opened = open_history(history, create=False, full_check=False)
    if opened.database is None:
        return 1 if completed_today else 0
    with opened.database as database:
        streak = history_statistics(database, today=today).streaks.current
    if streak.last == today or not completed_today:
        return streak.days
    if streak.last == today - timedelta(days=1):
        return streak.days + 1
    return 1


def history_messages(history: Path) -> list[str]:
    """Open the history as the app starts: what to tell the person about it, if anything.

    Opening also marks sessions a crashed program left unfinished as interrupted. With
    no history yet there is nothing to open or say (and SQLite is not loaded at all).
    """
    if not history.exists():
        return []
    from stretchtimer.storage.history import open_history

    opened = open_history(history, create=False)
    if opened.database is not None:
        opened.database.close()
    return [problem.message for problem in opened.problems]


def session_progress(history: Path, wall: float) -> Progress | None:
    """Minutes today and this week, sessions this week and the streak (None: no history),
    for the local day at ``wall`` (the services' clock, as the session was recorded).

    Runs in the background helper (it reads the history).
    """
    from stretchtimer.storage.history import open_history
    from stretchtimer.storage.history.progress import read_progress
    from stretchtimer.storage.history.timestamps import today

    opened = open_history(history, create=False, full_check=False)
    if opened.database is None:
        return None
    with opened.database as database:
        return read_progress(database, today=today(wall))
