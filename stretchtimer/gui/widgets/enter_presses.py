"""Enter presses the focused button, in the app's windows.

Qt's push buttons take Enter only inside dialogs, and tool buttons never do; a
person who moves to a button with Tab expects Enter to press it, as Space does.
A key a button does not use travels up to its window, whose ``keyPressEvent``
hands it to :func:`press_focused_button`: no filter runs on every event.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def press_focused_button(window: QWidget, event: QKeyEvent) -> bool:
    """Press the focused button of ``window`` if ``event`` is a plain Enter; True if done."""
    if event.key() not in ENTER_KEYS or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return False
    button = QApplication.focusWidget()
    if not isinstance(button, QAbstractButton) or button.window() is not window:
        return False
    if not button.isEnabled() or not button.isVisible():
        return False
    button.click()
    event.accept()
    return True
