"""The settings in use by every window: one model, changes applied at once, saved in the
background."""

from __future__ import annotations

import dataclasses
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from stretchtimer.core.i18n import _

if TYPE_CHECKING:
    from stretchtimer.gui.tasks import Tasks
    from stretchtimer.storage.settings import Settings, SettingsStore


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
            _(
                "Your settings could not be saved ({error}); they apply until you "
                "quit. Check that the config folder is writable."
            ).format(error=error)
        )
