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

import sys

from PySide6.QtCore import ClassInfo, QObject, Slot
from PySide6.QtDBus import QDBusConnection

from tests.integration.desk.fake_service import Command, publish, serve

SLOTS = QDBusConnection.RegisterOption.ExportAllSlots


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


def start(bus: QDBusConnection) -> Command:
    desk = Desk()
    if "--no-mutter" not in sys.argv:
        monitor = IdleMonitor(desk)
        publish(
            bus,
            "org.gnome.Mutter.IdleMonitor",
            "/org/gnome/Mutter/IdleMonitor/Core",
            monitor,
            SLOTS,
        )
    screensaver = ScreenSaver(desk)
    publish(bus, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", screensaver, SLOTS)

    def answer(line: str) -> dict[str, object]:
        words = line.split()
        if words[:1] == ["idle"] and len(words) == 2:
            desk.idle_ms = int(words[1])
        elif words[:1] == ["lock"] and len(words) == 2:
            desk.locked_for = int(words[1])
        elif words == ["unlock"]:
            desk.locked_for = None
        return {"done": line}

    return answer


if __name__ == "__main__":
    sys.exit(serve(start))
