"""What the editor window's parts share: its state, declared once for all of them.

The window (``window.py``) is made of three parts, each a module of its own:
its layout (``layout.py``), its checks (``checks.py``) and its saving and closing
(``saving.py``). Each part reads this state and calls the others' methods through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton

from stretchtimer.core.routine.draft import Kind

if TYPE_CHECKING:
    from stretchtimer.core.routine.draft import DraftCheck
    from stretchtimer.core.routine.model import ResolvedPace
    from stretchtimer.gui.editor.banner import EditorBanner
    from stretchtimer.gui.editor.document import DraftDocument, Focus
    from stretchtimer.gui.editor.editor_file import EditorFile
    from stretchtimer.gui.editor.routine_form import RoutineForm
    from stretchtimer.gui.editor.step_form import StepForm
    from stretchtimer.gui.editor.step_list import StepListModel, StepListView
    from stretchtimer.gui.services import AppServices
    from stretchtimer.gui.widgets.voice_preview import VoicePreview
    from stretchtimer.storage.routines.store import ChangedOnDiskError, Saved


class EditorBase(QMainWindow):
    """The editor window's state and its parts' methods, as each part sees the others.

    Signals:
        saved(object): the routine file's Path, after it was written.
        try_requested(object, float): a Routine to play without keeping it in the
            history, and the speed to play it at.
        closed(): the editor closed (its changes were saved or let go).
    """

    saved = Signal(object)
    try_requested = Signal(object, float)
    closed = Signal()

    services: AppServices
    document: DraftDocument
    file: EditorFile
    speech: VoicePreview
    revealed: bool
    fresh_routine: bool
    fresh_steps: set[int]
    touched: set[tuple[int | None, str]]
    step_problems: dict[int, dict[str, str]]
    step_advice: dict[int, list[str]]
    keep_mine: bool
    backup_next: bool
    closing_after_save: bool
    last_seconds: float | None
    _after_save: Callable[[], None] | None
    _closing: bool
    _styled_for: str
    defaults: ResolvedPace

    # the widgets (layout.py)
    banner: EditorBanner
    routine_form: RoutineForm
    step_form: StepForm
    model: StepListModel
    list: StepListView
    add_button: QPushButton
    try_button: QPushButton
    problem_button: QPushButton
    steps_problem: QLabel
    total_label: QLabel
    first_step_buttons: dict[Kind, QPushButton]

    # what each part offers the others; the parts define them
    def add_step(self, kind: Kind = Kind.HOLD) -> int:
        raise NotImplementedError

    def duplicate_step(self) -> None:
        raise NotImplementedError

    def remove_step(self) -> None:
        raise NotImplementedError

    def move_step(self, by: int) -> None:
        raise NotImplementedError

    def select_step(self, key: int | None) -> None:
        raise NotImplementedError

    def _select_row(self, row: int) -> None:
        raise NotImplementedError

    def _current_changed(self, index: QModelIndex) -> None:
        raise NotImplementedError

    def _keep_selection_visible(self) -> None:
        raise NotImplementedError

    def try_routine(self, from_key: int | None = None) -> None:
        raise NotImplementedError

    def _speaking(self, busy: bool) -> None:
        raise NotImplementedError

    def _changed(self, focus: Focus) -> None:
        raise NotImplementedError

    def _keep_or_forget_draft(self) -> None:
        raise NotImplementedError

    def _show_check(self, check: DraftCheck) -> None:
        raise NotImplementedError

    def _settings_changed(self, _settings: object) -> None:
        raise NotImplementedError

    def go_to_first_problem(self) -> None:
        raise NotImplementedError

    def save(self, then: Callable[[], None] | None = None) -> bool:
        raise NotImplementedError

    def _saved(self, result: Saved) -> None:
        raise NotImplementedError

    def _conflict(self, error: ChangedOnDiskError) -> None:
        raise NotImplementedError

    def _save_failed(self, message: str) -> None:
        raise NotImplementedError

    def export(self) -> None:
        raise NotImplementedError

    def _update_title(self) -> None:
        raise NotImplementedError
