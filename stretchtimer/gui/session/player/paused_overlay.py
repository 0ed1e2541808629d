"""The paused state, over the whole player: nobody on a mat misses it.

A veil in the window's colour over the ring and the words, with one large line,
"Paused — Space to resume". A click on it resumes too. The controls below stay
usable, so Stop and Back can still be reached with the mouse while paused.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui import theme
from stretchtimer.gui.session.player.text import paused_words

VEIL_ALPHA = 215  # of 255: the paused step is still faintly there, the words are not in doubt


class PausedOverlay(QWidget):
    """Covers its parent's area given to :meth:`cover` while the session is paused.

    Signals:
        resume_requested(): the person clicked the veil.
    """

    resume_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = QLabel(paused_words())
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(_("Paused"))
        self.label.setObjectName("PausedWords")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def set_text_height(self, pixels: int) -> None:
        """The line's font size in pixels, so it scales with the window like the player."""
        colours = theme.current()
        self.label.setStyleSheet(
            f"font-size: {pixels}px; font-weight: 700; color: {colours.text};"
            " background: transparent;"
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        veil = QColor(theme.current().window)
        veil.setAlpha(VEIL_ALPHA)
        painter = QPainter(self)
        painter.fillRect(self.rect(), veil)
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() is Qt.MouseButton.LeftButton:
            self.resume_requested.emit()
        super().mouseReleaseEvent(event)
