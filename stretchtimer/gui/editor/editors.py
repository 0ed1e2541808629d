"""The open editor windows: at most one per routine file, each asked before the app quits.

Opening a routine that already has an editor brings that editor forward.
Opening one whose unsaved changes were kept from a crash offers them back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.draft import RoutineDraft, draft_from_routine
from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.widgets.numbers import when_words
from stretchtimer.storage.routines.drafts import DraftFolder, KeptDraft
from stretchtimer.storage.routines.store import RoutineStore

if TYPE_CHECKING:
    from stretchtimer.gui.editor.window import RoutineEditor

log = logging.getLogger(__name__)


class EditorWindows(QObject):
    """Opens, finds and closes editors.

    Signals:
        saved(object): an editor wrote this routine file (a Path).
        try_requested(object, float): an editor asks to try this Routine at this speed.
    """

    saved = Signal(object)
    try_requested = Signal(object, float)

    def __init__(
        self,
        services: AppServices,
        store: RoutineStore,
        drafts: DraftFolder,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.services = services
        self.store = store
        self.drafts = drafts
        self.window = window
        self.editors: list[RoutineEditor] = []

    def editor_for(self, path: Path) -> RoutineEditor | None:
        for editor in self.editors:
            if editor.path is not None and editor.path.resolve() == path.resolve():
                return editor
        return None

    def open_file(self, path: Path, *, offer_kept: bool = True) -> RoutineEditor | None:
        """An editor for the routine file at ``path`` (raises RoutineFileError or OSError).

        Unsaved changes to it kept from an earlier run are offered back (``offer_kept``).
        """
        existing = self.editor_for(path)
        if existing is not None:
            _bring_forward(existing)
            return existing
        data = path.read_bytes()
        routine = parse_routine(data, str(path))
        editor = self._open(path, data, draft_from_routine(routine), fresh=False)
        kept = self.drafts.for_routine(path) if offer_kept else None
        if kept is not None and kept.draft != editor.document.draft:
            self._offer(editor, kept)
        return editor

    def open_new(self, draft: RoutineDraft | None = None) -> RoutineEditor:
        """An editor for a routine that has no file yet."""
        return self._open(None, None, draft or RoutineDraft(), fresh=draft is None)

    def open_copy(self, routine: Routine) -> RoutineEditor:
        return self.open_new(draft_from_routine(routine))

    def open_kept(self, kept: KeptDraft) -> RoutineEditor | None:
        """Reopen unsaved changes kept from an earlier run."""
        path = kept.routine_file
        if path is not None and path.is_file():
            existing = self.editor_for(path)
            try:
                editor = existing or self.open_file(path, offer_kept=False)
            except (RoutineFileError, OSError) as error:
                log.warning("cannot open %s for its kept draft: %s", path, error)
                editor = self.open_new()
        else:
            editor = self.open_new()
        if editor is not None:
            editor.restore(kept)
        return editor

    def _offer(self, editor: RoutineEditor, kept: KeptDraft) -> None:
        when = when_words(kept.saved_at)
        answer = QMessageBox.question(
            editor,
            _("Unsaved changes found"),
            _(
                "Changes to “{title}” from {when} were never saved (the app closed first). "
                "Bring them back?"
            ).format(title=kept.draft.title.strip() or _("this routine"), when=when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            editor.restore(kept)
        else:
            self.services.tasks.run(lambda: kept.path.unlink(missing_ok=True))

    def _open(
        self, path: Path | None, data: bytes | None, draft: RoutineDraft, *, fresh: bool
    ) -> RoutineEditor:
        # The editor (and the voice it speaks with) loads with the first one opened, not
        # with the Routines page.
        from stretchtimer.gui.editor.window import RoutineEditor

        editor = RoutineEditor(
            self.services,
            self.store,
            self.drafts,
            path=path,
            base=data,
            draft=draft,
            fresh=fresh,
            parent=self.window,
        )
        editor.saved.connect(self.saved)
        editor.try_requested.connect(self.try_requested)
        editor.closed.connect(lambda: self._forget(editor))
        self.editors.append(editor)
        editor.show()
        _bring_forward(editor)
        return editor

    def _forget(self, editor: RoutineEditor) -> None:
        if editor in self.editors:
            self.editors.remove(editor)

    def files_changed(self) -> None:
        for editor in list(self.editors):
            editor.check_disk()

    def close_all(self, then: Callable[[], object]) -> bool:
        """Close every editor, asking about unsaved changes; False if one stays open.

        An editor that closes only after its save finishes calls ``then`` when it has.
        """
        for editor in list(self.editors):
            if editor.close():
                continue
            if editor.closing_after_save:

                def go_on() -> None:
                    if self.close_all(then):
                        then()

                editor.closed.connect(go_on)
            return False
        return True


def _bring_forward(editor: RoutineEditor) -> None:
    if editor.isMinimized():
        editor.showNormal()
    editor.raise_()
    editor.activateWindow()
