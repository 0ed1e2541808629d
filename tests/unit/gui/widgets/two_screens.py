"""Run as ``python -m tests.unit.gui.widgets.two_screens CONFIG``: the reminder window on a
desktop of two screens side by side (Qt's offscreen platform, set up by CONFIG), with the
mouse on the second one. Prints one JSON line of what happened.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from stretchtimer.gui.desk.reminder_window import ReminderWindow


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
    print(json.dumps(report), flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
