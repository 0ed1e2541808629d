"""Move a frameless window by dragging its background, keep it on a screen, and draw
its face (it has no frame from the window system to set it apart).

Small windows that appear by themselves (the reminder, the compact player) open on
the screen where the person is: the one with the mouse pointer, else the one with
the active window, else the primary screen; always inside that screen's work area
(the part not taken by panels and docks), and they move to a remaining screen when
theirs is unplugged (:class:`ScreenFollower`).

Where the window system can move windows itself (Wayland, X11 with a window
manager, Windows, macOS), a press hands the drag to it with
``QWindow.startSystemMove()``: that is the only way that works on Wayland, and
the window snaps to edges like any other. Elsewhere the window follows the
mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QGuiApplication, QMouseEvent, QPainter, QPen, QScreen
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


def screen_of_the_person() -> QScreen | None:
    """The screen with the mouse pointer, else the one with the active window, else the primary.

    On Wayland an app cannot read the pointer's place while it has no window under
    it; Qt then reports a stale place, which still names an attached screen.
    """
    screen = QGuiApplication.screenAt(QCursor.pos())
    if screen is None:
        focused = QGuiApplication.focusWindow()
        screen = focused.screen() if focused is not None else None
    return screen or QGuiApplication.primaryScreen()


def _work_area(screen: QScreen | None) -> QRect:
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


def _size_of(window: QWidget) -> QSize:
    return window.frameGeometry().size() if window.isVisible() else window.size()


def corner_place(window: QWidget, *, top: bool = False, screen: QScreen | None = None) -> QPoint:
    """The bottom-right (or top-right) corner of ``screen`` (the person's screen) inside its
    work area and margins."""
    area = _work_area(screen or screen_of_the_person())
    size = _size_of(window)
    x = area.right() + 1 - size.width() - MARGIN
    y = area.top() + MARGIN if top else area.bottom() + 1 - size.height() - MARGIN
    return QPoint(max(area.left(), x), max(area.top(), y))


def inside_work_area(place: QPoint, size: QSize, screen: QScreen | None) -> QPoint:
    """``place`` moved as little as needed for a window of ``size`` to fit ``screen``'s work
    area (its top-left corner stays visible when the window is larger than the area)."""
    area = _work_area(screen)
    x = min(place.x(), area.right() + 1 - size.width())
    y = min(place.y(), area.bottom() + 1 - size.height())
    return QPoint(max(area.left(), x), max(area.top(), y))


class ScreenFollower(QObject):
    """Keeps ``window`` on an attached screen: when its screen goes away it moves to the
    corner of the person's screen; when it sticks out of a work area it moves inside."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self._screen_removed)
            app.screenAdded.connect(self._watch)
            for screen in app.screens():
                self._watch(screen)

    def _watch(self, screen: QScreen) -> None:
        screen.availableGeometryChanged.connect(lambda _area: self.rescue())

    def _screen_removed(self, screen: QScreen) -> None:
        # Qt still lists the screen while it says it goes: leave it out now, and look
        # again once it is gone (the screens left may change their work areas too).
        self.rescue(gone=screen)
        QTimer.singleShot(0, self, self.rescue)

    def rescue(self, gone: QScreen | None = None) -> bool:
        """Bring the window back inside a work area if it is not; True when it moved."""
        window = self.window
        screens = [screen for screen in QGuiApplication.screens() if screen is not gone]
        if not window.isVisible() or not screens:
            return False
        frame = window.frameGeometry()
        if any(screen.availableGeometry().contains(frame) for screen in screens):
            return False
        nearest = next((s for s in screens if s.geometry().contains(frame.center())), None)
        if nearest is not None:  # mostly on a screen: just inside its edge
            window.move(inside_work_area(frame.topLeft(), frame.size(), nearest))
            return True
        person = screen_of_the_person()  # its screen is gone: to where the person is
        home = person if person is not None and person in screens else screens[0]
        window.move(corner_place(window, screen=home))
        return True


def paint_face(window: QWidget) -> QPainter:
    """Fill a frameless window with the theme's surface inside a one-pixel edge; returns
    the painter for anything else the window draws (end it when done)."""
    colours = theme.current()
    painter = QPainter(window)
    painter.fillRect(window.rect(), QColor(colours.surface))
    painter.setPen(QPen(QColor(colours.border), 1))
    painter.drawRect(window.rect().adjusted(0, 0, -1, -1))
    return painter
