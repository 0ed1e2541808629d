"""The reminder window and the compact player in a real X session, driven line by line.

Run as ``python -m tests.integration.desk.screens_app PLACES_FILE`` with ``DISPLAY`` set and
``QT_QPA_PLATFORM=xcb``. Commands on stdin: ``reminder`` and ``player`` (present one, where
the mouse is), ``hide``, ``where`` (report again). Each answer is one JSON line with the
screens Qt sees and both windows' frames.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QRect, QSettings, QSocketNotifier
from PySide6.QtWidgets import QApplication

from stretchtimer.gui.desk.reminder_window import ReminderWindow
from stretchtimer.gui.session.compact.view import MiniPlayer


def rect(area: QRect) -> list[int]:
    return [area.x(), area.y(), area.width(), area.height()]


def main() -> int:
    app = QApplication(sys.argv[:1])
    reminder = ReminderWindow()
    player = MiniPlayer(QSettings(sys.argv[1], QSettings.Format.IniFormat))

    def report(**extra: object) -> None:
        frames = {
            name: rect(window.frameGeometry()) if window.isVisible() else None
            for name, window in (("reminder", reminder), ("player", player))
        }
        screens = {screen.name(): rect(screen.availableGeometry()) for screen in app.screens()}
        print(json.dumps({"screens": screens, **frames, **extra}), flush=True)

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        word = line.strip()
        if word == "reminder":
            reminder.present()
        elif word == "player":
            player.present()
        elif word == "hide":
            reminder.hide()
            player.hide()
        app.processEvents()
        report(done=word)

    reader = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    reader.activated.connect(command)
    app.screenRemoved.connect(lambda screen: report(removed=screen.name()))
    report(ready=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
