"""Move a frameless window by dragging its background, keep it on a screen, and draw
its face (it has no frame from the window system to set it apart).

Where the window system can move windows itself (Wayland, X11 with a window
manager, Windows, macOS), a press hands the drag to it with
``QWindow.startSystemMove()``: that is the only way that works on Wayland, and
the window snaps to edges like any other. Elsewhere the window follows the
mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from stretchtimer.gui import theme

MARGIN = 24  # from the screen's edge, for a window placed in a corner


class WindowDrag(QObject):
    """Lets the person drag ``window`` by any part of it that does not take clicks itself.

    Signals:
        moved(): a drag ended (save the place).
    """

    moved = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._grab: QPoint | None = None  # where in the window the mouse went down
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is not self.window or not isinstance(event, QMouseEvent):
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            handle = self.window.windowHandle()
            if handle is not None and handle.startSystemMove():
                self._grab = None
                self.moved.emit()  # the system moves it; its place is saved when it hides
                return True
            self._grab = event.globalPosition().toPoint() - self.window.frameGeometry().topLeft()
            return True
        if kind == QEvent.Type.MouseMove and self._grab is not None:
            self.window.move(event.globalPosition().toPoint() - self._grab)
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._grab is not None:
            self._grab = None
            self.moved.emit()
            return True
        return False


def on_a_screen(place: QPoint, size: QRect | None = None) -> bool:
    """Whether a window at ``place`` would be seen on one of the screens now attached."""
    for screen in QGuiApplication.screens():
        area = screen.availableGeometry()
        if size is None and area.contains(place):
            return True
        if size is not None and area.intersects(QRect(place, size.size())):
            return True
    return False


def corner_place(window: QWidget, *, top: bool = False) -> QPoint:
    """The bottom-right (or top-right) corner of the primary screen, inside its margins."""
    screen = QGuiApplication.primaryScreen()
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)
    size = window.frameGeometry().size() if window.isVisible() else window.size()
    x = area.right() - size.width() - MARGIN
    y = area.top() + MARGIN if top else area.bottom() - size.height() - MARGIN
    return QPoint(max(area.left(), x), max(area.top(), y))


def paint_face(window: QWidget) -> QPainter:
    """Fill a frameless window with the theme's surface inside a one-pixel edge; returns
    the painter for anything else the window draws (end it when done)."""
    colours = theme.current()
    painter = QPainter(window)
    painter.fillRect(window.rect(), QColor(colours.surface))
    painter.setPen(QPen(QColor(colours.border), 1))
    painter.drawRect(window.rect().adjusted(0, 0, -1, -1))
    return painter
