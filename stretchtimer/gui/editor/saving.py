"""Saving and closing the editor: save, export, changes made on disk by another
program, the draft kept after a crash, and "save before closing?"."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from stretchtimer.core.i18n import _, n_
from stretchtimer.core.routine.draft import (
    draft_from_routine,
    problem_text,
)
from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.gui.editor.base import EditorBase
from stretchtimer.gui.editor.editor_file import DiskState
from stretchtimer.gui.widgets.numbers import number, when_words
from stretchtimer.storage.routines.drafts import KeptDraft, digest
from stretchtimer.storage.routines.store import ChangedOnDiskError, Saved

log = logging.getLogger(__name__)

STEP_FIELD_OF = {"hold": "amount", "breaths": "amount", "reps": "amount", "kind": "amount"}


class SavingEditor(EditorBase):
    """Writes the routine file and sees the editor closed without losing a change."""

    # -- saving ---------------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        return self.file.path

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save if the routine has no problems; ``then`` runs once it is saved.

        Returns False (and shows the problems) when it cannot be saved.
        """
        check = self.document.checked_now()
        if check.routine is None:
            self.go_to_first_problem()
            count = len(check.problems)
            self.banner.say(
                n_(
                    "Not saved: fix the {count} problem marked in red, then save again.",
                    "Not saved: fix the {count} problems marked in red, then save again.",
                    count,
                ).format(count=number(count)),
                problem=True,
            )
            return False
        self._after_save = then
        self.file.save(check.routine, force=self.keep_mine, backup=self.backup_next)
        return True

    def _saved(self, result: Saved) -> None:
        self.document.undo_stack.setClean()
        self.document.source = result.path.name
        self.fresh_routine = False
        self.keep_mine = self.backup_next = False
        if result.backup is not None:
            self.banner.say(
                _("Saved. The file's earlier version is kept as {name}.").format(
                    name=result.backup.name
                )
            )
        elif self.banner.property("problem"):
            self.banner.clear()
        self._update_title()
        self.saved.emit(result.path)
        then, self._after_save = self._after_save, None
        if then is not None:
            then()

    def _conflict(self, error: ChangedOnDiskError) -> None:
        name = error.path.name
        if error.current is None:
            question = _("{name} was deleted or moved by another program. Save it again?")
        else:
            question = _(
                "{name} was changed by another program since you opened it. Save your "
                "version over it? The other version is kept as a backup beside it."
            )
        question = question.format(name=name)
        answer = QMessageBox.question(
            self,
            _("The file changed"),
            question,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.keep_mine = True
            self.save(self._after_save)
        else:
            self._after_save = None
            self.closing_after_save = False

    def _save_failed(self, message: str) -> None:
        self._after_save = None
        self.closing_after_save = False
        self.banner.say(message, problem=True)

    def export(self) -> None:
        check = self.document.checked_now()
        if check.routine is None:
            self.go_to_first_problem()
            self.banner.say(_("Fix the problems marked in red before exporting."), problem=True)
            return
        from stretchtimer.storage.routines.names import slug

        start = Path.home() / f"{slug(check.routine.title)}.toml"
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export the routine"), str(start), _("Routine files (*.toml)")
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, target: Path) -> None:
        from stretchtimer.storage.routines.store import export_routine

        check = self.document.checked_now()
        if check.routine is None:
            return
        if target.suffix.lower() != ".toml":
            target = target.with_name(target.name + ".toml")
        routine = check.routine
        self.services.tasks.run(
            lambda: export_routine(routine, target),
            lambda saved: self.banner.say(_("Exported to {path}.").format(path=saved.path)),
            lambda error: self.banner.say(
                _(
                    "The routine could not be exported to {file} ({error}); pick another folder."
                ).format(file=target, error=error),
                problem=True,
            ),
        )

    # -- the file on disk -----------------------------------------------------------------------

    def check_disk(self) -> None:
        """The routines folder changed: see whether this routine's file did."""
        if self.file.saving or self.path is None:
            return
        state, current = self.file.disk_state()
        name = self.path.name
        if state is DiskState.SAME:
            return
        if state is DiskState.GONE:
            self.file.accept_disk(None)
            self.banner.say(
                _("{name} was deleted or moved outside the editor; saving writes it again.").format(
                    name=name
                ),
                problem=True,
            )
            return
        assert current is not None
        try:
            routine = parse_routine(current, str(self.path))
        except RoutineFileError as error:
            self.keep_mine = True
            self.banner.say(
                _(
                    "{name} was changed by another program and now has a problem ({problem}). "
                    "Your version stays here; saving writes it over the file and keeps the "
                    "other version as a backup."
                ).format(name=name, problem=problem_text(error.problems[0])),
                problem=True,
            )
            return
        if not self.document.modified:
            self._load_version(routine, current)
            self.banner.say(
                _(
                    "{name} was changed by another program; this is its new version. "
                    "Undo brings back the one before."
                ).format(name=name)
            )
            return
        self.banner.say(
            _("{name} was changed by another program while you were editing it.").format(name=name),
            [
                (_("Keep my version"), self._keep_my_version),
                (_("Load the file's version"), lambda: self._load_version(routine, current)),
            ],
        )

    def _keep_my_version(self) -> None:
        self.keep_mine = True

    def _load_version(self, routine: Routine, data: bytes) -> None:
        """Show the file's version; undo brings back what was shown before."""
        self.document.replace(draft_from_routine(routine), _("load the file's version"))
        self.document.undo_stack.setClean()
        self.file.accept_disk(data)
        self.file.forget_draft()
        self.keep_mine = False

    def restore(self, kept: KeptDraft) -> None:
        """Bring back unsaved changes kept on disk (undo goes back to the file's version)."""
        self.document.replace(kept.draft, _("restore unsaved changes"))
        message = _("Your unsaved changes from {when} are back; save them to keep them.").format(
            when=when_words(kept.saved_at)
        )
        if (
            self.path is not None
            and kept.base_digest
            and kept.base_digest != digest(self.file.base)
        ):
            self.backup_next = True
            message += " " + _(
                "The file changed since then; saving keeps that version as a backup."
            )
        self.banner.say(message)
        if kept.path != self.file.keeper.path:  # now kept under this editor's own name
            self.services.tasks.run(lambda: kept.path.unlink(missing_ok=True))
        self.file.keep_draft(self.document.draft)

    # -- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closing or not self.document.modified:
            self._finish(event)
            return
        answer = self._ask_before_closing()
        if answer == "save":
            event.ignore()
            self.closing_after_save = self.save(then=self._close_after_save)
        elif answer == "discard":
            self.file.forget_draft()
            self._finish(event)
        else:
            event.ignore()

    def _ask_before_closing(self) -> str:
        title = self.document.draft.title.strip() or _("this new routine")
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Unsaved changes"))
        check = self.document.checked_now()
        if check.ok:
            box.setText(_("Save your changes to “{title}” before closing?").format(title=title))
            save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
        else:
            count = len(check.problems)
            box.setText(
                n_(
                    "“{title}” has {count} problem to fix before it can be saved. "
                    "Close and lose your changes?",
                    "“{title}” has {count} problems to fix before it can be saved. "
                    "Close and lose your changes?",
                    count,
                ).format(title=title, count=number(count))
            )
            save = None
        discard = box.addButton(_("Don't save"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(_("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save or cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if save is not None and clicked is save:
            return "save"
        if clicked is discard:
            return "discard"
        return "cancel"

    def _close_after_save(self) -> None:
        self._closing = True
        # Not from inside the close event that asked for the save: close on the next turn.
        QTimer.singleShot(0, self.close)

    def _finish(self, event: QCloseEvent) -> None:
        self._closing = True
        self.closing_after_save = False
        self.speech.cancel()
        # The window goes away with its children; their last signals must not reach it.
        self.document.undo_stack.blockSignals(True)
        self.document.blockSignals(True)
        event.accept()
        self.closed.emit()
