"""The editor's side of the routine file: what it opened, saving, changes on disk, the draft kept.

It remembers the exact bytes the file held when it was opened (or last
saved), so it can tell a change made by another program from its own save,
and refuse to write over the other program's version unasked. Saving and
keeping drafts run through the background helper; the results come back as
signals.
"""

from __future__ import annotations

import enum
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.draft import RoutineDraft
from stretchtimer.core.routine.model import Routine
from stretchtimer.gui.services import AppServices
from stretchtimer.storage.routines.drafts import DraftFolder, DraftKeeper
from stretchtimer.storage.routines.store import (
    ChangedOnDiskError,
    RoutineStore,
    Saved,
    read_bytes,
)

log = logging.getLogger(__name__)

KEEP_DRAFT_MS = 800  # after the last change, the draft is written this much later


class DiskState(enum.Enum):
    SAME = "same"  # the file holds what the editor opened or saved
    CHANGED = "changed"  # another program changed it
    GONE = "gone"  # it was deleted (or renamed) outside the editor


class EditorFile(QObject):
    """The file an editor edits (``path`` is None until a new routine is first saved).

    Signals:
        saved(object): the :class:`Saved` result.
        conflict(object): the :class:`ChangedOnDiskError` that stopped a save.
        failed(str): one sentence: the save failed, and why.
        draft_problem(str): one sentence: the draft could not be kept on disk.
    """

    saved = Signal(object)
    conflict = Signal(object)
    failed = Signal(str)
    draft_problem = Signal(str)

    def __init__(
        self,
        services: AppServices,
        store: RoutineStore,
        drafts: DraftFolder,
        *,
        path: Path | None,
        base: bytes | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.store = store
        self.path = path
        self.base = base
        self.saving = False
        self.keeper = DraftKeeper(drafts.new_path(path), path, base)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(KEEP_DRAFT_MS)
        self._draft_timer.timeout.connect(self.write_draft)

    # -- the disk -------------------------------------------------------------------------

    def disk_state(self) -> tuple[DiskState, bytes | None]:
        if self.path is None:
            return DiskState.SAME, None
        current = read_bytes(self.path)
        if current == self.base:
            return DiskState.SAME, current
        if current is None:
            return DiskState.GONE, None
        return DiskState.CHANGED, current

    def accept_disk(self, data: bytes | None) -> None:
        """The editor now shows (or knowingly overrides) what the file holds."""
        self.base = data
        self.keeper.rebase(self.path, data)

    # -- saving -----------------------------------------------------------------------------

    def save(self, routine: Routine, *, force: bool = False, backup: bool = False) -> None:
        """Write ``routine`` (to a new file named after it when there is none yet)."""
        if self.saving:
            return
        self.saving = True
        store, path, base = self.store, self.path, self.base

        def write() -> Saved | ChangedOnDiskError:
            if path is None:
                return store.create(routine)
            try:
                return store.save(routine, path, expected=base, force=force, backup=backup)
            except ChangedOnDiskError as error:
                return error

        self.services.tasks.run(write, self._written, self._write_failed)

    def _written(self, result: Saved | ChangedOnDiskError) -> None:
        self.saving = False
        if isinstance(result, ChangedOnDiskError):
            self.conflict.emit(result)
            return
        self.path = result.path
        self.accept_disk(result.data)
        self.forget_draft()
        self.saved.emit(result)

    def _write_failed(self, error: BaseException) -> None:
        self.saving = False
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        where = self.path.parent if self.path else self.store.folder
        self.failed.emit(
            _(
                "The routine could not be saved ({reason}); your changes are still here. "
                "Check that {folder} is writable and has free space, then save again."
            ).format(reason=reason, folder=where)
        )

    # -- the draft kept on disk -------------------------------------------------------------

    def keep_draft(self, draft: RoutineDraft) -> None:
        """Keep ``draft`` on disk soon (typing goes on meanwhile)."""
        self.keeper.keep(draft)
        self._draft_timer.start()

    def forget_draft(self) -> None:
        self.keeper.drop()
        self.write_draft()

    def write_draft(self) -> None:
        self._draft_timer.stop()
        self.services.tasks.run(self.keeper.write_pending, None, self._draft_failed)

    def _draft_failed(self, error: BaseException) -> None:
        if not isValid(self):
            return  # the editor closed meanwhile; the next start finds what was kept
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.draft_problem.emit(
            _(
                "Your unsaved changes could not be kept in case of a crash ({reason}); "
                "save the routine to keep them."
            ).format(reason=reason)
        )
