"""Answer the app's real modal dialogs in tests, the way a person would: click a button."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QWidget

Answer = str | Callable[[QDialog], None]


def dialog_text(dialog: QWidget) -> str:
    if isinstance(dialog, QMessageBox):
        return dialog.text()
    return dialog.windowTitle()


def click(dialog: QWidget, label: str) -> None:
    """Click the button whose text (without its & shortcut mark) is ``label``."""
    buttons = dialog.findChildren(QAbstractButton)
    for button in buttons:
        if button.text().replace("&", "") == label and button.isVisible():
            button.click()
            return
    names = [button.text() for button in buttons]
    raise AssertionError(f"no button {label!r} in {dialog_text(dialog)!r}: {names}")


@contextmanager
def answering(*answers: Answer) -> Iterator[list[str]]:
    """Answer the next modal dialogs in order; yields the texts of the dialogs answered.

    An answer is a button's label, or a function that fills in and closes the dialog.
    Fails if fewer dialogs came than answers were given.
    """
    pending = list(answers)
    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(5)

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not pending or not dialog.isVisible():
            return
        answer = pending.pop(0)
        seen.append(dialog_text(dialog))
        if isinstance(answer, str):
            click(dialog, answer)
        else:
            assert isinstance(dialog, QDialog)
            answer(dialog)

    timer.timeout.connect(poll)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()
    assert not pending, f"expected {len(answers)} dialog(s), saw {seen}"
