"""The History page's database work, handed to the app's one background helper.

Nothing here touches the file: each operation runs :mod:`history_reading` on the
helper's threads (that module, and the storage it uses, are imported there
too) and hands its answer back on the GUI thread: a value, or a
:class:`~stretchtimer.storage.history.problems.HistoryProblem` to show. Answers
for a page that was closed meanwhile are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject

from stretchtimer.gui.tasks import Tasks

if TYPE_CHECKING:
    from stretchtimer.gui.history.reading import HistoryFile, Loaded, Restored
    from stretchtimer.storage.history.problems import HistoryProblem
    from stretchtimer.storage.history.records import SessionRecord
    from stretchtimer.storage.history.removal import RemovedSession

log = logging.getLogger(__name__)

PAGE_SIZE = 100  # sessions read at a time for the list
BUSY_TIMEOUT = 5.0  # seconds to wait out another program's lock (as the history's own default)


class HistorySource(QObject):
    """Runs the page's reads and writes in the background; calls back on the GUI thread."""

    def __init__(
        self,
        path: Path,
        tasks: Tasks,
        parent: QObject | None = None,
        *,
        busy_timeout: float = BUSY_TIMEOUT,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.busy_timeout = busy_timeout  # how long to wait out another program's lock
        self._tasks = tasks

    def load(self, wall: float, on_done: Callable[[Loaded], None]) -> None:
        """Open (never create) the history, check it, and read the overview as of ``wall``."""
        self._run(lambda file: file.load(wall, PAGE_SIZE), on_done)

    def page(
        self, offset: int, on_done: Callable[[list[SessionRecord] | HistoryProblem], None]
    ) -> None:
        self._run(lambda file: file.page(offset, PAGE_SIZE), on_done)

    def details(
        self, session_id: str, on_done: Callable[[SessionRecord | HistoryProblem | None], None]
    ) -> None:
        self._run(lambda file: file.details(session_id), on_done)

    def delete(
        self, session_id: str, on_done: Callable[[RemovedSession | HistoryProblem | None], None]
    ) -> None:
        self._run(lambda file: file.delete(session_id), on_done)

    def restore(
        self, removed: RemovedSession, on_done: Callable[[Restored | HistoryProblem | None], None]
    ) -> None:
        self._run(lambda file: file.restore(removed), on_done)

    def export(self, target: Path, on_done: Callable[[int | HistoryProblem | None], None]) -> None:
        """Write every session to ``target`` (.json or .csv), owner-only; the count written."""
        self._run(lambda file: file.export(target), on_done)

    def _run(self, work: Callable[[HistoryFile], Any], on_done: Callable[[Any], None]) -> None:
        path, busy_timeout = self.path, self.busy_timeout

        def task() -> Any:
            from stretchtimer.gui.history.reading import HistoryFile  # on the helper's thread

            return work(HistoryFile(path, busy_timeout))

        def deliver(result: Any) -> None:
            if shiboken6.isValid(self):  # the page may have closed while the task ran
                on_done(result)

        self._tasks.run(task, deliver)
