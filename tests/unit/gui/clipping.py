"""Find words a person cannot read whole: a label or button narrower than its text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def clipped(window: QWidget) -> list[str]:
    """Visible labels and buttons in ``window`` whose text is wider (or taller) than they are."""
    found: list[str] = []
    for label in window.findChildren(QLabel):
        text = label.text()
        if (
            not label.isVisible()
            or not text.strip()
            or label.textFormat() is Qt.TextFormat.RichText
        ):
            continue
        if label.width() <= 1 or "<" in text:  # not laid out, or rich text
            continue
        room = label.contentsRect()
        margin = label.margin() * 2 + label.indent() * 0
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                found.append(
                    f"{_name(label)} {text!r}: needs {needed} px tall, has {label.height()}"
                )
            continue
        widest = max(label.fontMetrics().horizontalAdvance(line) for line in text.splitlines())
        if widest > room.width() - margin + 1:
            found.append(f"{_name(label)} {text!r}: needs {widest} px, has {room.width()}")
    for button in window.findChildren(QAbstractButton):
        text = button.text().replace("&", "")
        if not button.isVisible() or not text.strip() or button.width() <= 1:
            continue
        needed = button.sizeHint().width()
        if needed > button.width() + 1 and button.minimumSizeHint().width() > button.width() + 1:
            found.append(f"{_name(button)} {text!r}: needs {needed} px, has {button.width()}")
    return found


def _name(widget: QWidget) -> str:
    parent = widget.parentWidget()
    owner = type(parent).__name__ if parent is not None else ""
    return f"{type(widget).__name__} in {owner}"
