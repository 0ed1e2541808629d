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

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.routine.draft import (
    DraftCheck,
    Kind,
    RoutineDraft,
    draft_from_routine,
    problem_field,
    problem_text,
)
from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.routine.model import ResolvedPace, Routine
from stretchtimer.core.routine.problems import Problem, RoutineFileError
from stretchtimer.core.session.estimate import estimated_seconds
from stretchtimer.gui import theme
from stretchtimer.gui.editor.banner import EditorBanner
from stretchtimer.gui.editor.document import DraftDocument, Focus
from stretchtimer.gui.editor.editor_file import DiskState, EditorFile
from stretchtimer.gui.editor.fields import redo_keys, undo_keys
from stretchtimer.gui.editor.look import editor_style
from stretchtimer.gui.editor.routine_form import RoutineForm
from stretchtimer.gui.editor.step_form import StepForm
from stretchtimer.gui.editor.step_list import StepListModel, StepListView
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.widgets.voice_preview import VoicePreview
from stretchtimer.storage.routines.drafts import DraftFolder, KeptDraft, digest
from stretchtimer.storage.routines.store import ChangedOnDiskError, RoutineStore, Saved

log = logging.getLogger(__name__)

SPEEDS = (("Normal speed", 1.0), ("2× speed", 2.0), ("5× speed", 5.0), ("10× speed", 10.0))
STEP_FIELD_OF = {"hold": "amount", "breaths": "amount", "reps": "amount", "kind": "amount"}


class RoutineEditor(QMainWindow):
    """Edits one routine: a file of the person's, or a new one.

    Signals:
        saved(object): the routine file's Path, after it was written.
        try_requested(object, float): a Routine to play without keeping it in the
            history, and the speed to play it at.
        closed(): the editor closed (its changes were saved or let go).
    """

    saved = Signal(object)
    try_requested = Signal(object, float)
    closed = Signal()

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
        self.document = DraftDocument(draft, path.name if path else "new routine", self)
        self.file = EditorFile(services, store, drafts, path=path, base=base, parent=self)
        self.speech = VoicePreview(services, self)
        self.revealed = False  # a save was tried: every problem shows
        self.fresh_routine = fresh
        self.fresh_steps: set[int] = set()
        self.touched: set[tuple[int | None, str]] = set()
        self.step_problems: dict[int, dict[str, str]] = {}
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

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = EditorBanner()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(24, 16, 24, 14)
        layout.setSpacing(12)
        layout.addLayout(self._build_top())
        layout.addWidget(self.banner)
        self.routine_form = RoutineForm(self.document, self.defaults)
        layout.addWidget(self.routine_form)
        middle = QHBoxLayout()
        middle.setSpacing(20)
        middle.addLayout(self._build_steps(), 4)
        middle.addWidget(self._build_detail(), 7)
        layout.addLayout(middle, 1)
        layout.addLayout(self._build_bottom())
        self.setCentralWidget(central)

    def _build_top(self) -> QHBoxLayout:
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Undo the last change (Ctrl+Z)")
        self.redo_button = QPushButton("Redo")
        self.redo_button.setToolTip("Redo the change you undid (Ctrl+Shift+Z)")
        self.speed = QComboBox()
        self.speed.setAccessibleName("Speed to try the routine at")
        self.speed.setToolTip("How fast “Try it” plays the routine")
        for label, value in SPEEDS:
            self.speed.addItem(label, value)
        self.try_button = QPushButton("Try it")
        self.try_button.setAccessibleName("Try the routine")
        self.try_button.setToolTip(
            "Play the routine from the start, without keeping it in your history (F5)"
        )
        self.export_button = QPushButton("Export…")
        self.export_button.setAccessibleName("Export the routine to a file")
        self.export_button.setToolTip("Save a copy as a file to share (Ctrl+Shift+S)")
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("primary", True)
        self.save_button.setAccessibleName("Save the routine")
        self.save_button.setToolTip("Save the routine (Ctrl+S)")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)
        top.addStretch(1)
        top.addWidget(self.speed)
        top.addWidget(self.try_button)
        top.addSpacing(8)
        top.addWidget(self.export_button)
        top.addWidget(self.save_button)
        return top

    def _build_steps(self) -> QVBoxLayout:
        self.model = StepListModel(self.document, self)
        self.list = StepListView(self.model)
        self.add_button = QPushButton("+ Add step")
        self.add_button.setAccessibleName("Add a step")
        self.add_button.setToolTip("Add a step after the selected one (Ctrl+N)")
        self.duplicate_button = QPushButton("Duplicate")
        self.duplicate_button.setAccessibleName("Duplicate the step")
        self.duplicate_button.setToolTip("Add a copy of the selected step (Ctrl+D)")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the step")
        self.remove_button.setToolTip("Remove the selected step (Delete); Undo brings it back")
        self.up_button = QPushButton("↑")
        self.up_button.setAccessibleName("Move the step up")
        self.up_button.setToolTip("Move the selected step up (Alt+↑); or drag it")
        self.down_button = QPushButton("↓")
        self.down_button.setAccessibleName("Move the step down")
        self.down_button.setToolTip("Move the selected step down (Alt+↓); or drag it")
        for button in (self.up_button, self.down_button):
            button.setProperty("square", True)
        steps_heading = QLabel("Steps")
        steps_heading.setObjectName("SectionHeading")
        self.steps_problem = QLabel()
        self.steps_problem.setObjectName("FieldProblem")
        self.steps_problem.setWordWrap(True)
        self.steps_problem.hide()
        step_buttons = QHBoxLayout()
        step_buttons.setSpacing(6)
        step_buttons.addWidget(self.add_button)
        step_buttons.addWidget(self.duplicate_button)
        step_buttons.addWidget(self.remove_button)
        step_buttons.addStretch(1)
        step_buttons.addWidget(self.up_button)
        step_buttons.addWidget(self.down_button)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(steps_heading)
        left.addWidget(self.list, 1)
        left.addWidget(self.steps_problem)
        left.addLayout(step_buttons)
        return left

    def _build_detail(self) -> QFrame:
        self.step_form = StepForm(self.document, self.defaults)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder.setObjectName("ScrollContent")
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 10, 0)
        holder_layout.addWidget(self.step_form)
        scroll.setWidget(holder)
        scroll.viewport().setAutoFillBackground(False)
        self.detail = QStackedWidget()
        self.detail.addWidget(self._build_empty())
        self.detail.addWidget(scroll)
        card = QFrame()
        card.setProperty("card", True)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(22, 16, 12, 16)
        card_layout.addWidget(self.detail)
        return card

    def _build_bottom(self) -> QHBoxLayout:
        self.total_label = QLabel()
        self.total_label.setObjectName("Total")
        self.total_label.setAccessibleName("Length of the routine")
        self.problem_button = QPushButton()
        self.problem_button.setObjectName("ProblemLink")
        self.problem_button.setAccessibleName("Go to the first problem")
        self.problem_button.setToolTip("Show every problem and go to the first one")
        self.problem_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.state_label = QLabel()
        self.state_label.setObjectName("Subtle")
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.problem_button)
        bottom.addStretch(1)
        bottom.addWidget(self.state_label)
        return bottom

    def _build_empty(self) -> QWidget:
        empty = QWidget()
        heading = QLabel("No steps yet")
        heading.setObjectName("StepHeading")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel("Add the first stretch or exercise. How is it timed?")
        text.setObjectName("Subtle")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        row = QHBoxLayout()
        row.addStretch(1)
        self.first_step_buttons: dict[Kind, QPushButton] = {}
        for kind, label, tip in (
            (Kind.HOLD, "Hold for a time", "Add a stretch held for a number of seconds"),
            (Kind.BREATHS, "Count breaths", "Add a stretch held for a number of slow breaths"),
            (Kind.REPS, "Repetitions", "Add an exercise repeated a number of times, in sets"),
        ):
            button = QPushButton(label)
            button.setAccessibleName(f"Add a step: {label.lower()}")
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, chosen=kind: self.add_step(chosen))
            self.first_step_buttons[kind] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(empty)
        layout.addStretch(2)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(3)
        return empty

    def _make_actions(self) -> None:
        def action(text: str, keys: list[QKeySequence], run: Callable[[], object]) -> QAction:
            made = QAction(text, self)
            made.setShortcuts(keys)
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            made.triggered.connect(lambda _checked=False: run())
            self.addAction(made)
            return made

        seq = QKeySequence
        self.save_action = action("Save", [seq(seq.StandardKey.Save)], self.save)
        self.undo_action = action("Undo", undo_keys(), self.document.undo_stack.undo)
        self.redo_action = action("Redo", redo_keys(), self.document.undo_stack.redo)
        self.add_action = action("Add a step", [seq("Ctrl+N")], self.add_step)
        self.duplicate_action = action("Duplicate the step", [seq("Ctrl+D")], self.duplicate_step)
        self.up_action = action("Move the step up", [seq("Alt+Up")], lambda: self.move_step(-1))
        self.down_action = action(
            "Move the step down", [seq("Alt+Down")], lambda: self.move_step(1)
        )
        self.try_action = action("Try it", [seq("F5")], self.try_routine)
        self.export_action = action("Export", [seq("Ctrl+Shift+S")], self.export)
        self.close_action = action("Close", [seq(seq.StandardKey.Close)], self.close)
        remove = QAction("Remove the step", self.list)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_step)
        self.list.addAction(remove)
        self.remove_action = remove

    def _connect(self) -> None:
        stack = self.document.undo_stack
        self.undo_button.clicked.connect(stack.undo)
        self.redo_button.clicked.connect(stack.redo)
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.canRedoChanged.connect(self.redo_button.setEnabled)
        stack.undoTextChanged.connect(self._undo_text)
        stack.redoTextChanged.connect(self._redo_text)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        stack.cleanChanged.connect(self._clean_changed)
        # Not on ``changed``: the stack runs a command before it moves its index, so
        # whether the draft is modified is known only once the index has moved.
        stack.indexChanged.connect(lambda _index: self._keep_or_forget_draft())
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.try_button.clicked.connect(lambda _checked=False: self.try_routine())
        self.export_button.clicked.connect(self.export)
        self.add_button.clicked.connect(lambda _checked=False: self.add_step())
        self.duplicate_button.clicked.connect(self.duplicate_step)
        self.remove_button.clicked.connect(self.remove_step)
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        self.problem_button.clicked.connect(self.go_to_first_problem)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.model.move_requested.connect(self.document.move_step)
        self.model.rowsMoved.connect(lambda *_: self._keep_selection_visible())
        self.document.changed.connect(self._changed)
        self.document.checked.connect(self._show_check)
        self.services.settings.changed.connect(self._settings_changed)  # the total's timing
        self.step_form.hear_requested.connect(self.speech.speak)
        self.step_form.try_requested.connect(self.try_routine)
        self.speech.problem.connect(lambda text: self.banner.say(text, problem=True))
        self.speech.busy.connect(self._speaking)
        self.file.saved.connect(self._saved)
        self.file.conflict.connect(self._conflict)
        self.file.failed.connect(self._save_failed)
        self.file.draft_problem.connect(lambda text: self.banner.say(text, problem=True))

    def _undo_text(self, text: str) -> None:
        what = f": {text}" if text else " the last change"
        self.undo_button.setToolTip(f"Undo{what} (Ctrl+Z)")

    def _redo_text(self, text: str) -> None:
        what = f": {text}" if text else " the change you undid"
        self.redo_button.setToolTip(f"Redo{what} (Ctrl+Shift+Z)")

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()
        self._show_check(self.document.check)  # "ready to save" only means something unsaved

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

    # -- changes and problems -----------------------------------------------------------------

    def _changed(self, focus: Focus) -> None:
        if focus.field is not None:
            field = STEP_FIELD_OF.get(focus.field, focus.field) if focus.step else focus.field
            self.touched.add((focus.step, field))
        if focus.step is not None:
            self.select_step(focus.step)
        elif self.model.rowCount() and not self.list.currentIndex().isValid():
            self._select_row(0)
        else:
            self._current_changed(self.list.currentIndex())
        self._update_title()

    def _keep_or_forget_draft(self) -> None:
        if self.document.modified:
            self.file.keep_draft(self.document.draft)
        else:
            self.file.forget_draft()

    def _visible(self, step: int | None, field: str) -> bool:
        if self.revealed or (step, field) in self.touched:
            return True
        if step is None:
            return not self.fresh_routine
        return step not in self.fresh_steps

    def _show_check(self, check: DraftCheck) -> None:
        steps = self.document.draft.steps
        routine_found: dict[str, str] = {}
        step_found: dict[int, dict[str, str]] = {}
        shown = 0
        for problem in check.problems:
            field = problem_field(problem)
            text = _inline(problem)
            if problem.step is None:
                if self._visible(None, field):
                    routine_found.setdefault(field, text)
                    shown += 1
            elif 0 < problem.step <= len(steps):
                key = steps[problem.step - 1].key
                if self._visible(key, field):
                    step_found.setdefault(key, {}).setdefault(field, text)
                    shown += 1
        self.step_problems = step_found
        self.routine_form.show_problems(routine_found)
        current = self.step_form.key
        self.step_form.show_problems(step_found.get(current, {}) if current else {})
        self.steps_problem.setText(routine_found.get("steps", ""))
        self.steps_problem.setVisible("steps" in routine_found)
        self._show_status(check, shown)

    def _settings_changed(self, _settings: object) -> None:
        self._show_check(self.document.check)

    def _show_status(self, check: DraftCheck, shown: int) -> None:
        count = len(self.document.draft.steps)
        steps = f"{count} step{'s' if count != 1 else ''}"
        if check.routine is not None:
            self.last_seconds = self._seconds(check.routine)
        if self.last_seconds is None:
            self.total_label.setText(steps)
        else:
            self.total_label.setText(f"{clock_text(self.last_seconds)} in all · {steps}")
        self.total_label.setEnabled(check.ok)
        problems = len(check.problems)
        self.problem_button.setVisible(bool(problems) or self.document.modified)
        if not problems:
            self.problem_button.setText("Ready to save")
            self.problem_button.setProperty("problem", False)
        else:
            things = f"{problems} thing{'s' if problems != 1 else ''}"
            self.problem_button.setText(
                f"{things} to fix before saving" if shown else f"{things} to fill in"
            )
            self.problem_button.setProperty("problem", bool(shown))
        self.problem_button.setEnabled(bool(problems))
        self.problem_button.style().unpolish(self.problem_button)
        self.problem_button.style().polish(self.problem_button)
        self.try_button.setEnabled(check.ok)
        self.step_form.try_here.setEnabled(check.ok)

    def _seconds(self, routine: Routine) -> float:
        return estimated_seconds(routine, self.services.settings.current)

    def go_to_first_problem(self) -> None:
        """Show every problem and put the cursor in the first one's field."""
        self.revealed = True
        check = self.document.checked_now()
        self._show_check(check)
        if not check.problems:
            return
        problem = check.problems[0]
        field = problem_field(problem)
        steps = self.document.draft.steps
        widget: QWidget | None
        if problem.step is not None and 0 < problem.step <= len(steps):
            self.select_step(steps[problem.step - 1].key)
            widget = self.step_form.field_widget(field)
        elif field == "steps":
            widget = self.add_button if steps else self.first_step_buttons[Kind.HOLD]
        else:
            widget = self.routine_form.field_widget(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

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
                f"Not saved: fix the {count} problem{'s' if count != 1 else ''} marked in red, "
                "then save again.",
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
            self.banner.say(f"Saved. The file's earlier version is kept as {result.backup.name}.")
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
            question = f"{name} was deleted or moved by another program. Save it again?"
        else:
            question = (
                f"{name} was changed by another program since you opened it. Save your "
                "version over it? The other version is kept as a backup beside it."
            )
        answer = QMessageBox.question(
            self,
            "The file changed",
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
            self.banner.say("Fix the problems marked in red before exporting.", problem=True)
            return
        from stretchtimer.storage.routines.store import slug

        start = Path.home() / f"{slug(check.routine.title)}.toml"
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export the routine", str(start), "Routine files (*.toml)"
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
            lambda saved: self.banner.say(f"Exported to {saved.path}."),
            lambda error: self.banner.say(
                f"The routine could not be exported to {target} ({error}); pick another folder.",
                problem=True,
            ),
        )

    # -- trying ---------------------------------------------------------------------------------

    def try_routine(self, from_key: int | None = None) -> None:
        check = self.document.checked_now()
        if check.routine is None:
            self.go_to_first_problem()
            self.banner.say("Fix the problems marked in red to try the routine.", problem=True)
            return
        routine = check.routine
        if from_key is not None:
            index = self.document.draft.step_index(from_key)
            routine = dataclasses.replace(routine, steps=routine.steps[index:])
        self.speech.stop()
        self.try_requested.emit(routine, float(self.speed.currentData()))

    def _speaking(self, busy: bool) -> None:
        for button in (self.step_form.hear_say, self.step_form.hear_easier):
            button.setText("Speaking…" if busy else "Hear it")

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
                f"{name} was deleted or moved outside the editor; saving writes it again.",
                problem=True,
            )
            return
        assert current is not None
        try:
            routine = parse_routine(current, str(self.path))
        except RoutineFileError as error:
            self.keep_mine = True
            self.banner.say(
                f"{name} was changed by another program and now has a problem "
                f"({problem_text(error.problems[0])}). Your version stays here; saving "
                "writes it over the file and keeps the other version as a backup.",
                problem=True,
            )
            return
        if not self.document.modified:
            self._load_version(routine, current)
            self.banner.say(
                f"{name} was changed by another program; this is its new version. "
                "Undo brings back the one before."
            )
            return
        self.banner.say(
            f"{name} was changed by another program while you were editing it.",
            [
                ("Keep my version", self._keep_my_version),
                ("Load the file's version", lambda: self._load_version(routine, current)),
            ],
        )

    def _keep_my_version(self) -> None:
        self.keep_mine = True

    def _load_version(self, routine: Routine, data: bytes) -> None:
        """Show the file's version; undo brings back what was shown before."""
        self.document.replace(draft_from_routine(routine), "load the file's version")
        self.document.undo_stack.setClean()
        self.file.accept_disk(data)
        self.file.forget_draft()
        self.keep_mine = False

    def restore(self, kept: KeptDraft) -> None:
        """Bring back unsaved changes kept on disk (undo goes back to the file's version)."""
        self.document.replace(kept.draft, "restore unsaved changes")
        when = kept.saved_at.strftime("%H:%M on %d %b")
        message = f"Your unsaved changes from {when} are back; save them to keep them."
        if (
            self.path is not None
            and kept.base_digest
            and kept.base_digest != digest(self.file.base)
        ):
            self.backup_next = True
            message += " The file changed since then; saving keeps that version as a backup."
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
        title = self.document.draft.title.strip() or "this new routine"
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Unsaved changes")
        check = self.document.checked_now()
        if check.ok:
            box.setText(f"Save your changes to “{title}” before closing?")
            save = box.addButton("Save", QMessageBox.ButtonRole.AcceptRole)
        else:
            count = len(check.problems)
            box.setText(
                f"“{title}” has {count} problem{'s' if count != 1 else ''} to fix before it can "
                "be saved. Close and lose your changes?"
            )
            save = None
        discard = box.addButton("Don't save", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
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

    # -- looks ----------------------------------------------------------------------------------

    def _update_title(self) -> None:
        title = self.document.draft.title.strip() or "New routine"
        self.setWindowTitle(f"{title}[*] — Routine editor")
        self.setWindowModified(self.document.modified)
        if self.file.saving:
            state = "Saving…"
        elif self.document.modified:
            state = "Unsaved changes"
        elif self.path is None:
            state = "Not saved yet"
        else:
            state = f"Saved as {self.path.name}"
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


def _inline(problem: Problem) -> str:
    """The problem under its field: the loader's message (with the tag's number for tags)."""
    if problem.key and problem.key.startswith("tags["):
        return f"{problem.key}: {problem.message}"
    return problem.message
