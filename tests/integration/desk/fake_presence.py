"""Stand-ins for the desktop's idle monitor and screen saver, really on a D-Bus bus.

Run as ``python -m tests.integration.desk.fake_presence`` with
``DBUS_SESSION_BUS_ADDRESS`` naming a private bus. It offers what GNOME and KDE offer:

* ``org.gnome.Mutter.IdleMonitor`` at ``/org/gnome/Mutter/IdleMonitor/Core``:
  ``GetIdletime`` (milliseconds, uint64);
* ``org.freedesktop.ScreenSaver`` at ``/org/freedesktop/ScreenSaver``: ``GetActive``,
  ``GetActiveTime`` (seconds) and KDE's ``GetSessionIdleTime`` (milliseconds).

Commands on stdin, one a line: ``idle MS`` (the idle time both report), ``lock
SECONDS`` (locked that long ago), ``unlock``. Each is answered with ``{"done": ...}``.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QSocketNotifier, Slot
from PySide6.QtDBus import QDBusConnection

EXPORT = QDBusConnection.RegisterOption.ExportAllSlots


def say(**message: object) -> None:
    print(json.dumps(message), flush=True)


class Desk:
    def __init__(self) -> None:
        self.idle_ms = 0
        self.locked_for: int | None = None


@ClassInfo({"D-Bus Interface": "org.gnome.Mutter.IdleMonitor"})
class IdleMonitor(QObject):
    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk

    @Slot(result="qulonglong")
    def GetIdletime(self) -> int:
        return self.desk.idle_ms


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk

    @Slot(result=bool)
    def GetActive(self) -> bool:
        return self.desk.locked_for is not None

    @Slot(result="uint")
    def GetActiveTime(self) -> int:
        return self.desk.locked_for or 0

    @Slot(result="uint")
    def GetSessionIdleTime(self) -> int:
        return self.desk.idle_ms


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        say(error="no session bus")
        return 1
    desk = Desk()
    monitor, screensaver = IdleMonitor(desk), ScreenSaver(desk)
    services = ["org.gnome.Mutter.IdleMonitor", "org.freedesktop.ScreenSaver"]
    if "--no-mutter" not in sys.argv:
        bus.registerObject("/org/gnome/Mutter/IdleMonitor/Core", monitor, EXPORT)
        bus.registerService(services[0])
    bus.registerObject("/org/freedesktop/ScreenSaver", screensaver, EXPORT)
    bus.registerService(services[1])

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        words = line.split()
        if words[:1] == ["idle"] and len(words) == 2:
            desk.idle_ms = int(words[1])
        elif words[:1] == ["lock"] and len(words) == 2:
            desk.locked_for = int(words[1])
        elif words == ["unlock"]:
            desk.locked_for = None
        say(done=line.strip())

    reader = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    reader.activated.connect(command)
    say(ready=bus.baseService())
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
