"""A short message floating at the bottom of a page, with an optional action (Undo).

It shows for a while and then goes by itself; the page decides what its action
does. It never takes the keyboard focus from what the person is doing, and it
is announced to screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QColor, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from stretchtimer.core.i18n import _

MESSAGE_SECONDS = 8.0


class Toast(QFrame):
    """One line of text, an action button and a close button, over the bottom of its parent.

    Signals:
        action(): the action button was pressed.
        expired(): the toast went away by itself (its time was up).
    """

    action = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setAccessibleName(_("Message"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.action_button = QPushButton(_("Undo"))
        self.action_button.setAccessibleName(_("Undo"))
        self.action_button.setProperty("primary", True)
        self.action_button.clicked.connect(self.action)
        self.close_button = QPushButton(_("Dismiss"))
        self.close_button.setAccessibleName(_("Dismiss the message"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.setSpacing(10)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._time_up)
        shadow = QGraphicsDropShadowEffect(self)  # it floats over the page
        shadow.setBlurRadius(24)
        shadow.setOffset(0, 4)
        shadow.setColor(QColor(0, 0, 0, 70))
        self.setGraphicsEffect(shadow)
        parent.installEventFilter(self)
        self.hide()

    def show_message(
        self,
        text: str,
        *,
        action: str = "",
        action_name: str = "",
        seconds: float = MESSAGE_SECONDS,
    ) -> None:
        """Show ``text`` for ``seconds`` (0: until dismissed), with an action button if named."""
        self.text.setText(text)
        self.action_button.setText(action)
        self.action_button.setAccessibleName(action_name or action or _("Action"))
        self.action_button.setVisible(bool(action))
        self._place()
        self.show()
        self.raise_()
        if seconds > 0:
            self._timer.start(round(seconds * 1000))
        else:
            self._timer.stop()
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))

    @property
    def remaining_ms(self) -> int:
        return self._timer.remainingTime() if self._timer.isActive() else 0

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()

    def _time_up(self) -> None:
        self.hide()
        self.expired.emit()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(parent.width() - 48, 760)
        self.setFixedWidth(max(320, width))
        self.adjustSize()
        self.move((parent.width() - self.width()) // 2, parent.height() - self.height() - 20)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self._place()
        super().showEvent(event)
