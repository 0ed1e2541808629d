"""The comfort question before a session, on a screen of its own.

Asked before anything plays, in the middle of the Session page, with nothing moving
behind it: the digit keys answer (0 to 9, and 1 then 0 for 10), Enter takes the
focused rating, Esc stops the session as everywhere in the player.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui.widgets.comfort_picker import ComfortPicker


class ComfortScreen(QWidget):
    """The question, centred; :attr:`picker` says what was answered."""

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(_("Before you start"))
        heading.setObjectName("PageTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picker = ComfortPicker(question, skippable=True)
        hint = QLabel(
            _("Type a number from 0 to 10, or choose one. Your answer is kept in History.")
        )
        hint.setObjectName("Subtle")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(heading)
        layout.addSpacing(12)
        layout.addWidget(self.picker)
        layout.addSpacing(8)
        layout.addWidget(hint)
        layout.addStretch(3)
