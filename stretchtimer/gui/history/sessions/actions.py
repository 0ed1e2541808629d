"""What can be done with the sessions on the History page: open one, delete one (and put it
back), export them all.

Deleting a session deletes it from the file at once and keeps a full copy in
memory for a while: "Undo" (the button on the message, or Ctrl+Z) puts the
copy back exactly, with its id, its parts and its ratings. Why not wait to
delete until the undo time is over? Because then the file, the statistics, an
export or another program would still show a session the person has deleted,
and the real deletion would run while the app closes, where a locked or full
disk could not be reported. This way the file is always what the person sees;
a copy that cannot be put back (the file is locked, say) stays in memory and the
message keeps its button, so the person can try again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from stretchtimer.core.i18n import _, n_
from stretchtimer.gui.history.export import default_folder, export_dialog, export_path
from stretchtimer.gui.history.sessions.list_model import SessionListModel, when_text
from stretchtimer.gui.history.sessions.table import SessionTable
from stretchtimer.gui.history.source import HistorySource
from stretchtimer.gui.language import number
from stretchtimer.gui.widgets.toast import Toast

if TYPE_CHECKING:  # the history is read off the GUI thread; so are its modules
    from stretchtimer.gui.history.reading import Restored
    from stretchtimer.gui.history.sessions.details import SessionDetails
    from stretchtimer.storage.history.problems import HistoryProblem
    from stretchtimer.storage.history.records import SessionRecord
    from stretchtimer.storage.history.removal import RemovedSession

log = logging.getLogger(__name__)

UNDO_SECONDS = 12.0


class SessionActions(QObject):
    """Open, delete with undo, and export; answers come back from the background helper.

    Signals:
        changed(): sessions were deleted or put back: the numbers need reading again.
        gone(): a session asked for is no longer in the history: read it all again.
        problem(object): a :class:`HistoryProblem` to show, one sentence with the fix.
        exporting(bool): an export started (True) or ended (False).
    """

    changed = Signal()
    gone = Signal()
    problem = Signal(object)
    exporting = Signal(bool)

    def __init__(
        self,
        source: HistorySource,
        model: SessionListModel,
        table: SessionTable,
        toast: Toast,
        *,
        window: QWidget,
        today: Callable[[], date],
    ) -> None:
        super().__init__(window)
        self.source = source
        self.model = model
        self.table = table
        self.toast = toast
        self._window = window  # the parent of dialogs
        self._today = today
        self.removed: list[RemovedSession] = []  # deleted sessions that Undo can put back
        self.details: SessionDetails | None = None
        self.export_chooser: QFileDialog | None = None  # the open export dialog, if any
        self.exporting_now = False
        self.undo_seconds = UNDO_SECONDS
        self._export_folder: Path | None = None
        toast.action.connect(self.undo)
        toast.expired.connect(self.let_go)
        toast.close_button.clicked.connect(self.let_go)
        table.open_requested.connect(self.open_row)
        table.delete_requested.connect(self.delete_row)

    # -- open ---------------------------------------------------------------------------

    def open_row(self, row: int | None) -> None:
        record = self.model.record(row) if row is not None else None
        if record is not None:
            self.source.details(record.id, self._show_details)

    def _show_details(self, answer: SessionRecord | HistoryProblem | None) -> None:
        from stretchtimer.storage.history.problems import HistoryProblem  # loaded by now

        if isinstance(answer, HistoryProblem):
            self.problem.emit(answer)
            return
        if answer is None:
            self.toast.show_message(_("That session is no longer in your history."))
            self.gone.emit()
            return
        from stretchtimer.gui.history.sessions.details import SessionDetails  # when first needed

        if self.details is not None:
            self.details.close()
        dialog = SessionDetails(answer, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.delete_requested.connect(self.delete_session)
        dialog.finished.connect(lambda _result: self._details_closed(dialog))
        self.details = dialog
        dialog.open()

    def _details_closed(self, dialog: SessionDetails) -> None:
        if self.details is dialog:
            self.details = None
        self.table.setFocus()

    # -- delete and undo ------------------------------------------------------------------

    def delete_row(self, row: int | None) -> None:
        record = self.model.record(row) if row is not None else None
        if record is not None:
            self.delete_session(record.id)

    def delete_session(self, session_id: str) -> None:
        """Take the session out of the list at once and delete it; Undo can put it back."""
        row = self.model.row_of(session_id)
        record = self.model.record(row) if row is not None else None
        if row is not None:
            self.model.remove_row(row)
            self.table.select_row(row)
        self.source.delete(
            session_id, lambda answer: self._deleted(answer, session_id, row, record)
        )

    def _deleted(
        self,
        answer: RemovedSession | HistoryProblem | None,
        session_id: str,
        row: int | None,
        record: SessionRecord | None,
    ) -> None:
        from stretchtimer.storage.history.problems import HistoryProblem  # loaded by now

        if isinstance(answer, HistoryProblem):
            if row is not None and record is not None and self.model.row_of(session_id) is None:
                self.model.insert_record(row, record)
                self.table.select_row(row)
            self.problem.emit(answer)
            return
        if answer is not None:
            self.removed.append(answer)
            self._offer_undo()
        self.changed.emit()

    def _offer_undo(self, text: str = "") -> None:
        if not self.removed:
            return
        if not text:
            if len(self.removed) == 1:
                session = self.removed[0].record
                text = _("Deleted the {routine} session of {when}.").format(
                    routine=session.routine_title, when=when_text(session)
                )
            else:
                count = len(self.removed)
                text = n_("Deleted {count} session.", "Deleted {count} sessions.", count).format(
                    count=count
                )
        self.toast.show_message(
            text,
            action=_("Undo  (Ctrl+Z)"),
            action_name=_("Undo the deletion"),
            seconds=self.undo_seconds,
        )

    def undo(self) -> None:
        """Put back the session deleted last."""
        if not self.removed:
            return
        removed = self.removed.pop()
        self.source.restore(removed, lambda answer: self._restored(answer, removed))

    def _restored(self, answer: Restored | HistoryProblem | None, removed: RemovedSession) -> None:
        from stretchtimer.storage.history.problems import HistoryProblem  # loaded by now

        if isinstance(answer, HistoryProblem):
            self.removed.append(removed)  # keep the copy: the person can try again
            self.toast.show_message(
                _("The session could not be put back yet: {problem}").format(
                    problem=answer.message
                ),
                action=_("Try again"),
                action_name=_("Try to put the session back again"),
                seconds=0,
            )
            return
        record = removed.record
        if answer is not None and answer.row is not None and self.model.row_of(record.id) is None:
            self.model.insert_record(answer.row, record)
            self.table.select_row(answer.row)
            self.table.scrollTo(self.model.index(answer.row, 0))
        if self.removed:
            self._offer_undo()
        else:
            self.toast.show_message(
                _("Put back the {routine} session of {when}.").format(
                    routine=record.routine_title, when=when_text(record)
                )
            )
        self.changed.emit()

    def let_go(self) -> None:
        """The undo time is over: the copies of deleted sessions are let go."""
        if self.removed:
            log.info(
                "history page: %d deleted session(s) can no longer be put back", len(self.removed)
            )
        self.removed.clear()

    # -- export ---------------------------------------------------------------------------

    def export(self) -> None:
        """Ask where to save the history, then save it there in the background."""
        if self.exporting_now:
            return
        dialog = export_dialog(self._window, self._export_folder or default_folder(), self._today())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(
            lambda name: self._export_to(export_path(name, dialog.selectedNameFilter()))
        )
        self.export_chooser = dialog
        dialog.finished.connect(lambda _result: setattr(self, "export_chooser", None))
        dialog.open()

    def _export_to(self, target: Path) -> None:
        self._export_folder = target.parent
        self.exporting_now = True
        self.exporting.emit(True)
        self.source.export(target, lambda answer: self._exported(answer, target))

    def _exported(self, answer: int | HistoryProblem | None, target: Path) -> None:
        from stretchtimer.storage.history.problems import HistoryProblem  # loaded by now

        self.exporting_now = False
        self.exporting.emit(False)
        if isinstance(answer, HistoryProblem):
            self.problem.emit(answer)
            return
        count = answer or 0
        self.toast.show_message(
            n_(
                "Saved {count} session to {path} (readable only by you).",
                "Saved {count} sessions to {path} (readable only by you).",
                count,
            ).format(count=number(count), path=target)
        )
