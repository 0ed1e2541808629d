"""Helpers for the routine editor's tests: open editors, type into them, close them cleanly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from stretchtimer.gui.editor.window import RoutineEditor
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.routines.actions import RoutineActions


def actions(window: MainWindow) -> RoutineActions:
    assert window.routine_actions is not None
    return window.routine_actions


def type_into(qtbot, widget: QWidget, text: str, *, clear: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Type like a person: focus the field, select what is there, type over it."""
    widget.setFocus()
    if clear:
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        if text == "":
            qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)


def open_editors(window: MainWindow) -> list[RoutineEditor]:
    return list(actions(window).editors.editors)


def close_without_saving(editor: RoutineEditor) -> None:
    editor.document.undo_stack.setClean()
    editor.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def no_stray_dialogs() -> Iterator[list[str]]:
    """Closes any dialog a test did not expect (after a few seconds) and fails the test."""
    stray: list[str] = []
    timer = QTimer()
    timer.setInterval(4000)

    def sweep() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            stray.append(dialog.windowTitle())
            dialog.done(0)  # even a question without a Cancel button

    timer.timeout.connect(sweep)
    timer.start()
    yield stray
    timer.stop()
    assert not stray, f"unexpected dialogs: {stray}"


@pytest.fixture
def quiet_editors(window: MainWindow) -> Iterator[None]:
    """After the test, editors close without asking, so a failed test cannot hang on a question."""
    yield
    if window.routine_actions is not None:
        for editor in open_editors(window):
            close_without_saving(editor)
