"""How do your hips and back feel, 0 to 10: eleven buttons, usable from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ComfortPicker(QWidget):
    """Eleven buttons, 0 to 10, for "how do your hips and back feel?"

    Signals:
        picked(int): the rating chosen.
        skipped(): the person would rather not say (only when ``skippable``).
    """

    picked = Signal(int)
    skipped = Signal()

    def __init__(
        self, question: str, parent: QWidget | None = None, *, skippable: bool = False
    ) -> None:
        super().__init__(parent)
        label = QLabel(question)
        label.setStyleSheet("font-size: 13pt;")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addStretch(1)
        for value in range(11):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setProperty("rating", True)
            button.setAccessibleName(f"Comfort {value} of 10")
            self.group.addButton(button, value)
            row.addWidget(button)
        row.addStretch(1)
        scale = QHBoxLayout()
        low = QLabel("0  very sore")
        high = QLabel("10  feels great")
        for side in (low, high):
            side.setObjectName("Subtle")
        scale.addStretch(1)
        scale.addWidget(low)
        scale.addSpacing(300)
        scale.addWidget(high)
        scale.addStretch(1)
        self.group.idClicked.connect(self.picked)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addLayout(scale)
        self.skip_button: QPushButton | None = None
        if skippable:
            self.skip_button = QPushButton("Skip")
            self.skip_button.setAccessibleName("Skip the question")
            self.skip_button.clicked.connect(self.skipped)
            skip_row = QHBoxLayout()
            skip_row.addStretch(1)
            skip_row.addWidget(self.skip_button)
            skip_row.addStretch(1)
            layout.addLayout(skip_row)

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked
