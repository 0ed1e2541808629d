"""The editor window's parts and how they are wired: fields, steps, buttons, keys."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import N_, _
from stretchtimer.core.routine.draft import (
    Kind,
)
from stretchtimer.gui.editor.banner import EditorBanner
from stretchtimer.gui.editor.base import EditorBase
from stretchtimer.gui.editor.fields import redo_keys, undo_keys
from stretchtimer.gui.editor.routine_form import RoutineForm
from stretchtimer.gui.editor.step_form import StepForm
from stretchtimer.gui.editor.step_list import StepListModel, StepListView

log = logging.getLogger(__name__)

SPEEDS = (
    (N_("Normal speed"), 1.0),
    (N_("2× speed"), 2.0),
    (N_("5× speed"), 5.0),
    (N_("10× speed"), 10.0),
)
STEP_FIELD_OF = {"hold": "amount", "breaths": "amount", "reps": "amount", "kind": "amount"}


class EditorLayout(EditorBase):
    """Builds the editor's widgets, actions and connections."""

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
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setToolTip(_("Undo the last change (Ctrl+Z)"))
        self.redo_button = QPushButton(_("Redo"))
        self.redo_button.setToolTip(_("Redo the change you undid (Ctrl+Shift+Z)"))
        self.speed = QComboBox()
        self.speed.setAccessibleName(_("Speed to try the routine at"))
        self.speed.setToolTip(_("How fast “Try it” plays the routine"))
        for label, value in SPEEDS:
            self.speed.addItem(_(label), value)
        self.try_button = QPushButton(_("Try it"))
        self.try_button.setAccessibleName(_("Try the routine"))
        self.try_button.setToolTip(
            _("Play the routine from the start, without keeping it in your history (F5)")
        )
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setAccessibleName(_("Export the routine to a file"))
        self.export_button.setToolTip(_("Save a copy as a file to share (Ctrl+Shift+S)"))
        self.save_button = QPushButton(_("Save"))
        self.save_button.setProperty("primary", True)
        self.save_button.setAccessibleName(_("Save the routine"))
        self.save_button.setToolTip(_("Save the routine (Ctrl+S)"))
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
        self.add_button = QPushButton(_("+ Add step"))
        self.add_button.setAccessibleName(_("Add a step"))
        self.add_button.setToolTip(_("Add a step after the selected one (Ctrl+N)"))
        self.duplicate_button = QPushButton(_("Duplicate"))
        self.duplicate_button.setAccessibleName(_("Duplicate the step"))
        self.duplicate_button.setToolTip(_("Add a copy of the selected step (Ctrl+D)"))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove the step"))
        self.remove_button.setToolTip(_("Remove the selected step (Delete); Undo brings it back"))
        self.up_button = QPushButton("↑")
        self.up_button.setAccessibleName(_("Move the step up"))
        self.up_button.setToolTip(_("Move the selected step up (Alt+↑); or drag it"))
        self.down_button = QPushButton("↓")
        self.down_button.setAccessibleName(_("Move the step down"))
        self.down_button.setToolTip(_("Move the selected step down (Alt+↓); or drag it"))
        for button in (self.up_button, self.down_button):
            button.setProperty("square", True)
        steps_heading = QLabel(_("Steps"))
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
        self.total_label.setAccessibleName(_("Length of the routine"))
        self.problem_button = QPushButton()
        self.problem_button.setObjectName("ProblemLink")
        self.problem_button.setAccessibleName(_("Go to the first problem"))
        self.problem_button.setToolTip(_("Show every problem and go to the first one"))
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
        heading = QLabel(_("No steps yet"))
        heading.setObjectName("StepHeading")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(_("Add the first stretch or exercise. How is it timed?"))
        text.setObjectName("Subtle")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        row = QHBoxLayout()
        row.addStretch(1)
        self.first_step_buttons = {}
        for kind, label, tip in (
            (Kind.HOLD, _("Hold for a time"), _("Add a stretch held for a number of seconds")),
            (
                Kind.BREATHS,
                _("Count breaths"),
                _("Add a stretch held for a number of slow breaths"),
            ),
            (Kind.REPS, _("Repetitions"), _("Add an exercise repeated a number of times, in sets")),
        ):
            button = QPushButton(label)
            button.setAccessibleName(_("Add a step: {kind}").format(kind=label))
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
        self.save_action = action(_("Save"), [seq(seq.StandardKey.Save)], self.save)
        self.undo_action = action(_("Undo"), undo_keys(), self.document.undo_stack.undo)
        self.redo_action = action(_("Redo"), redo_keys(), self.document.undo_stack.redo)
        self.add_action = action(_("Add a step"), [seq("Ctrl+N")], self.add_step)
        self.duplicate_action = action(
            _("Duplicate the step"), [seq("Ctrl+D")], self.duplicate_step
        )
        self.up_action = action(_("Move the step up"), [seq("Alt+Up")], lambda: self.move_step(-1))
        self.down_action = action(
            _("Move the step down"), [seq("Alt+Down")], lambda: self.move_step(1)
        )
        self.try_action = action(_("Try it"), [seq("F5")], self.try_routine)
        self.export_action = action(_("Export"), [seq("Ctrl+Shift+S")], self.export)
        self.close_action = action(_("Close"), [seq(seq.StandardKey.Close)], self.close)
        remove = QAction(_("Remove the step"), self.list)
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
        if text:
            # TRANSLATORS: {change} is what undo takes back, "change the title".
            self.undo_button.setToolTip(_("Undo: {change} (Ctrl+Z)").format(change=text))
        else:
            self.undo_button.setToolTip(_("Undo the last change (Ctrl+Z)"))

    def _redo_text(self, text: str) -> None:
        if text:
            self.redo_button.setToolTip(_("Redo: {change} (Ctrl+Shift+Z)").format(change=text))
        else:
            self.redo_button.setToolTip(_("Redo the change you undid (Ctrl+Shift+Z)"))

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()
        self._show_check(self.document.check)  # "ready to save" only means something unsaved
