"""What the windows share: paths, settings, routines, the background helper and the clock."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from stretchtimer.core.clock import Clock, SystemClock
from stretchtimer.storage.paths import Paths
from stretchtimer.storage.routine_library import RoutineLibrary
from stretchtimer.storage.settings import Settings, SettingsStore

if TYPE_CHECKING:
    from stretchtimer.gui.reminder_service import ReminderService

log = logging.getLogger(__name__)


class Tasks(Protocol):
    """The background helper (see ``gui/tasks.py``)."""

    def run(
        self,
        function: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None: ...

    def wait(self, milliseconds: int = 30_000) -> bool: ...


class SettingsModel(QObject):
    """The settings in use. Changes apply at once and are saved in the background.

    Signals:
        changed(object): the new :class:`Settings`.
        problem(str): one sentence when the settings could not be saved.
    """

    changed = Signal(object)
    problem = Signal(str)

    def __init__(
        self, store: SettingsStore, settings: Settings, tasks: Tasks, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._current = settings
        self._lock = threading.Lock()
        self._latest = settings

    @property
    def current(self) -> Settings:
        return self._current

    def update(self, **changes: Any) -> None:
        new = dataclasses.replace(self._current, **changes)
        if new == self._current:
            return
        self._current = new
        self.changed.emit(new)
        with self._lock:
            self._latest = new
        self._tasks.run(self._save_latest, on_error=self._save_failed)

    def _save_latest(self) -> None:
        # Whichever save runs last writes the newest settings: saves may finish in any order.
        with self._lock:
            self._store.save(self._latest)

    def _save_failed(self, error: BaseException) -> None:
        self.problem.emit(
            f"Your settings could not be saved ({error}); they apply until you "
            "quit. Check that the config folder is writable."
        )


@dataclass
class AppServices:
    paths: Paths
    settings: SettingsModel
    library: RoutineLibrary
    tasks: Tasks
    clock: Callable[[], Clock] = SystemClock
    speed: float = 1.0  # faster timers for previews and tests
    notices: list[str] = field(default_factory=list)  # told once the window is up
    reminders: ReminderService | None = None  # set by the desk (gui/desk.py) at start-up
