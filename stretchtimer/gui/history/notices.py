"""What the History page says when there is nothing to show, or something is wrong."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui import icons, theme


class ProblemBanner(QFrame):
    """Known problems with the history, one sentence each with the fix, and "Try again".

    Signals:
        retry(): read the history again.
    """

    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName(_("History problem"))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(_("Try again"))
        self.retry_button.setAccessibleName(_("Read the history again"))
        self.retry_button.clicked.connect(self.retry)
        self.dismiss_button = QPushButton(_("Dismiss"))
        self.dismiss_button.setAccessibleName(_("Dismiss the history problem"))
        self.dismiss_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.dismiss_button)
        self.messages: list[str] = []
        self.hide()

    def show_problems(self, messages: list[str], *, retry: bool = False) -> None:
        """Replace what is shown (nothing to show hides the banner)."""
        self.messages = list(dict.fromkeys(message for message in messages if message))
        self.text.setText("\n".join(self.messages))
        self.retry_button.setVisible(retry)
        self.setVisible(bool(self.messages))

    def add(self, message: str) -> None:
        self.show_problems([*self.messages, message], retry=self.retry_button.isVisibleTo(self))

    def clear(self) -> None:
        self.show_problems([])


class EmptyState(QWidget):
    """A friendly page-sized message with one way forward.

    Signals:
        browse(): the person wants to pick a routine.
    """

    browse = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel()
        self.heading.setObjectName("PageTitle")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setObjectName("Subtle")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(_("Choose a routine"))
        self.button.setProperty("primary", True)
        self.button.setAccessibleName(_("Choose a routine"))
        self.button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 40, 120, 40)
        layout.addStretch(2)
        layout.addWidget(self.picture)
        layout.addSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addSpacing(16)
        layout.addLayout(row)
        layout.addStretch(3)
        self.show_empty()

    def show_empty(self) -> None:
        self.heading.setText(_("No sessions yet"))
        self.text.setText(
            _(
                "Finish a routine and it shows up here: the days you stretched, your minutes "
                "each week, your streak, and how your hips and back felt."
            )
        )
        self.restyle()

    def show_unavailable(self) -> None:
        self.heading.setText(_("Your history cannot be shown"))
        self.text.setText(
            _("The message above says why and what to do. Your routines and sessions still work.")
        )
        self.restyle()

    def restyle(self) -> None:
        self.picture.setPixmap(
            picture(icons.history, theme.current().muted, 72, self.devicePixelRatioF())
        )


def picture(draw: icons.Draw, colour: str, size: int, ratio: float) -> QPixmap:
    """One of the line icons drawn large and sharp for the screen's pixel ratio."""
    pixels = round(size * ratio)
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour))
    draw(painter, pixels)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap
