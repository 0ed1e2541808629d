"""A quiet bar at the top of the window for known problems: one sentence, with the fix."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from stretchtimer.core.i18n import _


class NoticeBar(QFrame):
    """Shows one or more notices until the person closes them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName(_("Notice"))
        self.close_button = QPushButton(_("Dismiss"))
        self.close_button.setAccessibleName(_("Dismiss the notice"))
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button)
        self.messages: list[str] = []
        self.hide()

    def add(self, message: str) -> None:
        if message and message not in self.messages:
            self.messages.append(message)
            self.text.setText("\n".join(self.messages))
            self.show()

    def clear(self) -> None:
        self.messages.clear()
        self.text.setText("")
        self.hide()
