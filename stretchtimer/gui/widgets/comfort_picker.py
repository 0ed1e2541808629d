"""How do your hips and back feel, 0 to 10: eleven buttons, usable from the keyboard.

The digit keys answer while the picker (or one of its buttons) has the focus: 0 and 2
to 9 at once, 1 after a short wait unless a 0 follows (10). Arrow keys and Tab move
between the buttons, Enter or Space takes the focused one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import _
from stretchtimer.gui.widgets.numbers import number


class ComfortPicker(QWidget):
    """Eleven buttons, 0 to 10, for "how do your hips and back feel?"

    Signals:
        picked(int): the rating chosen.
        skipped(): the person would rather not say (only when ``skippable``).
    """

    picked = Signal(int)
    skipped = Signal()

    TEN_WAIT_MS = 700  # after a 1: how long a 0 may follow to make 10

    def __init__(
        self, question: str, parent: QWidget | None = None, *, skippable: bool = False
    ) -> None:
        super().__init__(parent)
        self.question = label = QLabel(question)
        label.setStyleSheet("font-size: 13pt;")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addStretch(1)
        for value in range(11):
            button = QPushButton(number(value))
            button.setCheckable(True)
            button.setProperty("rating", True)
            button.setAccessibleName(
                _("Comfort {value} of {top}").format(value=number(value), top=number(10))
            )
            button.setAutoDefault(True)  # Enter takes the focused rating
            button.installEventFilter(self)
            self.group.addButton(button, value)
            row.addWidget(button)
        row.addStretch(1)
        scale = QHBoxLayout()
        # TRANSLATORS: the two ends of the comfort scale, under its buttons 0 … 10.
        low = QLabel(_("{zero}  very sore").format(zero=number(0)))
        high = QLabel(_("{ten}  completely comfortable").format(ten=number(10)))
        for side in (low, high):
            side.setObjectName("Subtle")
        scale.addStretch(1)
        scale.addWidget(low)
        scale.addSpacing(300)
        scale.addWidget(high)
        scale.addStretch(1)
        self.group.idClicked.connect(self.picked)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._one = QTimer(self)  # a 1 typed, waiting to see whether a 0 follows
        self._one.setSingleShot(True)
        self._one.setInterval(self.TEN_WAIT_MS)
        self._one.timeout.connect(lambda: self.choose(1))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addLayout(scale)
        self.skip_button: QPushButton | None = None
        if skippable:
            self.skip_button = QPushButton(_("Skip"))
            self.skip_button.setAccessibleName(_("Skip the question"))
            self.skip_button.clicked.connect(self.skipped)
            skip_row = QHBoxLayout()
            skip_row.addStretch(1)
            skip_row.addWidget(self.skip_button)
            skip_row.addStretch(1)
            layout.addLayout(skip_row)

    def clear(self) -> None:
        """No rating chosen (before the question is asked again)."""
        self._one.stop()
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(False)
        self.group.setExclusive(True)

    def choose(self, value: int) -> None:
        """Answer ``value`` as if its button had been pressed."""
        self._one.stop()
        button = self.group.button(value)
        if button is not None:
            button.click()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if not self._digit(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            return self._digit(event)
        return super().eventFilter(watched, event)

    def _digit(self, event: QKeyEvent) -> bool:
        text = event.text()
        if len(text) != 1 or not text.isdigit() or not self.isVisible():
            return False
        digit = int(text)
        if digit == 0 and self._one.isActive():
            self.choose(10)
        elif digit == 1:
            self._one.start()  # 1, or the first key of 10
        else:
            self.choose(digit)  # another number replaces a 1 still waiting
        return True

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked
