"""Run as ``python -m tests.unit.gui.widgets.two_screens SETTINGS_FILE`` on a desktop of two
screens side by side (Qt's offscreen platform with a configuration of two screens): the
reminder window and the compact player with the mouse on one screen or the other. Prints
one JSON line of what happened.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from stretchtimer.gui.desk.reminder_window import ReminderWindow
from stretchtimer.gui.session.compact.placement import PLACE_KEY
from stretchtimer.gui.session.compact.view import MiniPlayer


def rect(area: QRect) -> list[int]:
    return [area.x(), area.y(), area.width(), area.height()]


def main() -> int:
    app = QApplication(sys.argv[:1])
    screens = app.screens()
    window = ReminderWindow()
    report: dict[str, object] = {"screens": [rect(s.availableGeometry()) for s in screens]}

    QCursor.setPos(QPoint(2400, 500))  # on the second screen
    window.present()
    app.processEvents()
    report["on_second"] = rect(window.frameGeometry())

    window.hide()
    QCursor.setPos(QPoint(300, 300))  # the person moved to the first screen
    window.present()
    app.processEvents()
    report["on_first"] = rect(window.frameGeometry())

    window.move(QPoint(1900, 700))  # dragged across the edge between the screens
    app.processEvents()
    report["rescued_straddling"] = window.follower.rescue()
    report["after_straddling"] = rect(window.frameGeometry())

    QCursor.setPos(QPoint(2400, 500))
    window.move(QPoint(6000, 3000))  # its screen was unplugged: nowhere now
    app.processEvents()
    report["rescued_lost"] = window.follower.rescue()
    report["after_lost"] = rect(window.frameGeometry())
    report["stays"] = window.follower.rescue()
    window.close()

    places = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    places.setValue(PLACE_KEY, QPoint(300, 240))  # left there on the first screen, last time
    player = MiniPlayer(places)
    QCursor.setPos(QPoint(600, 600))  # the person is on the first screen: where it was left
    player.present()
    app.processEvents()
    report["player_on_first"] = rect(player.frameGeometry())
    player.hide()
    QCursor.setPos(QPoint(2400, 500))  # now on the second screen: its corner there
    player.present()
    app.processEvents()
    report["player_on_second"] = rect(player.frameGeometry())
    player.hide()
    player.deleteLater()
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
