"""The icon in the system tray (notification area, menu bar extra, status notifier).

Only made where the system has a tray (``QSystemTrayIcon.isSystemTrayAvailable()``):
elsewhere, for example under the ``offscreen`` platform or on a desktop without a
tray, the app keeps its window and shows reminders in their own small window.

The icon is the app icon from ``assets/icons/`` when it ships there
(``stretchtimer-<size>.png``); until then a drawn one. A dot on it says a reminder
is waiting; it turns grey while reminders are paused or in do-not-disturb.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QPointF, QSize, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from stretchtimer import APP_DISPLAY_NAME
from stretchtimer.gui import theme
from stretchtimer.gui.app_icon import app_icon

log = logging.getLogger(__name__)

ICON_SIZES = (16, 22, 24, 32, 48, 64)


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def tray_icon(*, attention: bool = False, resting: bool = False) -> QIcon:
    """The tray's icon: the app icon, with a dot while a reminder waits; greyed while resting."""
    colours = theme.LIGHT  # the tray's background is the desktop's, not ours: fixed colours
    base = app_icon()
    mode = QIcon.Mode.Disabled if resting else QIcon.Mode.Normal
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = base.pixmap(QSize(size, size), mode)
        if attention:
            pixmap = _with_dot(pixmap, colours.warm)
        icon.addPixmap(pixmap)
    return icon


def _with_dot(pixmap: QPixmap, colour: str) -> QPixmap:
    marked = QPixmap(pixmap)
    painter = QPainter(marked)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = marked.width() / marked.devicePixelRatio()
    painter.setPen(QPen(QColor("#ffffff"), side * 0.06))
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QPointF(side * 0.77, side * 0.23), side * 0.2, side * 0.2)
    painter.end()
    return marked


class Tray(QObject):
    """The tray icon with its menu and tooltip.

    Signals:
        clicked(): the person clicked the icon itself (not its menu).
    """

    clicked = Signal()

    def __init__(self, menu: QMenu, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = menu
        self.icon = QSystemTrayIcon(tray_icon(), self)
        self.icon.setContextMenu(menu)
        self.icon.setToolTip(APP_DISPLAY_NAME)
        self.icon.activated.connect(self._activated)
        self._look = (False, False)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_state(self, sentence: str, *, attention: bool, resting: bool) -> None:
        self.icon.setToolTip(f"{APP_DISPLAY_NAME}\n{sentence}")
        if (attention, resting) != self._look:
            self._look = (attention, resting)
            self.icon.setIcon(tray_icon(attention=attention, resting=resting))

    def show_message(self, title: str, body: str) -> None:
        if QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, body, self.icon.icon(), 10_000)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.clicked.emit()
