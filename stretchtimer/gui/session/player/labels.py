"""The players' words on screen: labels a person reads (never selects), changed only when
their words do (a new text repaints the label, and the pacer draws 15 pictures a second)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel


def quiet_label(name: str, *, wrap: bool = False, object_name: str = "") -> QLabel:
    """A label that shows words (never selectable), with a name for screen readers."""
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if object_name:
        label.setObjectName(object_name)
    return label


def set_text(widget: QLabel | QAbstractButton, text: str) -> None:
    """Show ``text`` on ``widget``, leaving it alone when it shows that already."""
    if widget.text() != text:
        widget.setText(text)
