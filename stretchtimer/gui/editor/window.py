"""The routine editor window: the routine's fields on top, its steps below, one step at a time.

A window of its own (not a page of the main window) because a routine being
edited is a document: it has a name in the title bar with an unsaved mark,
closing it is the moment to ask "save?", and "try it" plays in the main window
while the editor stays open beside it, so a person can listen and adjust.

Problems are shown under the field they are about, in the loader's words, as
they are typed; on a brand-new step or routine they wait until the field has
been typed in (or a save was tried), so an empty form is not a wall of red.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QWidget,
)

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.draft import (
    Kind,
    RoutineDraft,
)
from stretchtimer.core.routine.model import ResolvedPace
from stretchtimer.gui import theme
from stretchtimer.gui.editor.checks import CheckedEditor
from stretchtimer.gui.editor.document import DraftDocument
from stretchtimer.gui.editor.editor_file import EditorFile
from stretchtimer.gui.editor.layout import EditorLayout
from stretchtimer.gui.editor.look import editor_style
from stretchtimer.gui.editor.saving import SavingEditor
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.widgets.voice_preview import VoicePreview
from stretchtimer.storage.routines.drafts import DraftFolder
from stretchtimer.storage.routines.store import RoutineStore

log = logging.getLogger(__name__)

STEP_FIELD_OF = {"hold": "amount", "breaths": "amount", "reps": "amount", "kind": "amount"}


class RoutineEditor(EditorLayout, CheckedEditor, SavingEditor):
    """Edits one routine: a file of the person's, or a new one.

    Its parts: layout (``layout.py``), checks (``checks.py``), saving and closing
    (``saving.py``); their shared state and signals: ``base.py``.
    """

    def __init__(
        self,
        services: AppServices,
        store: RoutineStore,
        drafts: DraftFolder,
        *,
        path: Path | None,
        base: bytes | None,
        draft: RoutineDraft,
        fresh: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.services = services
        settings = services.settings.current
        self.defaults = ResolvedPace(prepare=settings.prepare, rest=settings.rest)
        self.document = DraftDocument(draft, path.name if path else _("new routine"), self)
        self.file = EditorFile(services, store, drafts, path=path, base=base, parent=self)
        self.speech = VoicePreview(services, self)
        self.revealed = False  # a save was tried: every problem shows
        self.fresh_routine = fresh
        self.fresh_steps: set[int] = set()
        self.touched: set[tuple[int | None, str]] = set()
        self.step_problems: dict[int, dict[str, str]] = {}
        self.step_advice: dict[int, list[str]] = {}
        self.keep_mine = False  # save over the file's other version (kept as a backup)
        self.backup_next = False
        self._after_save: Callable[[], None] | None = None
        self._closing = False
        self.closing_after_save = False
        self.last_seconds: float | None = None
        self._styled_for = ""
        self._build()
        self._make_actions()
        self._connect()
        self.setMinimumSize(920, 620)
        self._fit_to_screen(parent)
        self.restyle()
        self._show_check(self.document.check)
        self._select_row(0)
        self._update_title()
        (self.routine_form.title if fresh else self.list).setFocus()

    def _fit_to_screen(self, parent: QWidget | None) -> None:
        screen = (
            parent.screen() if parent is not None else None
        ) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 1160, 880
        if room is not None:
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(max(width, 920), max(height, 620))

    # -- steps ----------------------------------------------------------------------------

    def current_key(self) -> int | None:
        return self.model.key_at(self.list.currentIndex().row())

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._current_changed(self.list.currentIndex())

    def select_step(self, key: int | None) -> None:
        row = self.model.row_of(key) if key is not None else -1
        if row >= 0 and row != self.list.currentIndex().row():
            self._select_row(row)
        elif row < 0 and self.model.rowCount() and not self.list.currentIndex().isValid():
            self._select_row(0)
        else:
            self._current_changed(self.list.currentIndex())

    def _current_changed(self, index: QModelIndex) -> None:
        key = self.model.key_at(index.row()) if index.isValid() else None
        self.step_form.show_step(key)
        self.step_form.show_problems(self.step_problems.get(key, {}) if key else {})
        self.step_form.show_advice(self.step_advice.get(key, []) if key else [])
        has_steps = self.model.rowCount() > 0
        self.detail.setCurrentIndex(1 if has_steps and key is not None else 0)
        row = index.row() if index.isValid() else -1
        for control in (self.duplicate_button, self.remove_button, self.duplicate_action):
            control.setEnabled(key is not None)
        self.remove_action.setEnabled(key is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

    def _keep_selection_visible(self) -> None:
        self.list.scrollTo(self.list.currentIndex())
        self._current_changed(self.list.currentIndex())

    def add_step(self, kind: Kind = Kind.HOLD) -> int:
        key = self.document.add_step(self.current_key(), kind)
        self.fresh_steps.add(key)  # its empty fields are not problems until typed in
        self._show_check(self.document.checked_now())
        self.select_step(key)
        self.step_form.name.setFocus()
        return key

    def duplicate_step(self) -> None:
        key = self.current_key()
        if key is not None:
            copy = self.document.duplicate_step(key)
            self.select_step(copy)

    def remove_step(self) -> None:
        key = self.current_key()
        if key is not None:
            following = self.document.remove_step(key)
            self.select_step(following)

    def move_step(self, by: int) -> None:
        key = self.current_key()
        if key is not None:
            self.document.move_step(key, self.model.row_of(key) + by)
            self.list.scrollTo(self.list.currentIndex())

    # -- trying ---------------------------------------------------------------------------------

    def try_routine(self, from_key: int | None = None) -> None:
        check = self.document.checked_now()
        if check.routine is None:
            self.go_to_first_problem()
            self.banner.say(_("Fix the problems marked in red to try the routine."), problem=True)
            return
        routine = check.routine
        if from_key is not None:
            index = self.document.draft.step_index(from_key)
            routine = dataclasses.replace(routine, steps=routine.steps[index:])
        self.speech.stop()
        self.try_requested.emit(routine, float(self.speed.currentData()))

    def _speaking(self, busy: bool) -> None:
        for button in (self.step_form.hear_say, self.step_form.hear_easier):
            button.setText(_("Speaking…") if busy else _("Hear it"))

    # -- looks ----------------------------------------------------------------------------------

    def _update_title(self) -> None:
        title = self.document.draft.title.strip() or _("New routine")
        # TRANSLATORS: the editor's window title; [*] marks unsaved changes (Qt shows "*").
        self.setWindowTitle(_("{title}[*] — Routine editor").format(title=title))
        self.setWindowModified(self.document.modified)
        if self.file.saving:
            state = _("Saving…")
        elif self.document.modified:
            state = _("Unsaved changes")
        elif self.path is None:
            state = _("Not saved yet")
        else:
            state = _("Saved as {name}").format(name=self.path.name)
        self.state_label.setText(state)

    def restyle(self) -> None:
        self._styled_for = theme.current().name
        self.setStyleSheet(editor_style())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        restyled = (
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
        )
        if event.type() in restyled and theme.current().name != self._styled_for:
            self.restyle()  # the app's theme changed
        super().changeEvent(event)
