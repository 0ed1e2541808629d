"""Stand-ins for the session managers that know when a program keeps the screen awake,
really on a D-Bus bus.

Run as ``python -m tests.integration.desk.fake_inhibitors`` with
``DBUS_SESSION_BUS_ADDRESS`` naming a private bus. It offers what GNOME and KDE offer:

* ``org.gnome.SessionManager`` at ``/org/gnome/SessionManager``: the ``InhibitedActions``
  property (uint32, the flags all inhibitors hold: 8 is "idle") and ``IsInhibited(u flags)``;
* ``org.freedesktop.PowerManagement.Inhibit`` at ``/org/freedesktop/PowerManagement/Inhibit``
  (with ``--kde``): ``HasInhibit()``.

Commands on stdin, one a line: ``inhibit FLAGS`` (what the held inhibitors cover, as
GNOME's flags: 4 suspend, 8 idle), ``release``. Each is answered with ``{"done": ...}``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, Property, QObject, Slot
from PySide6.QtDBus import QDBusConnection

from tests.integration.desk.fake_service import Command, publish, serve

GNOME = ("org.gnome.SessionManager", "/org/gnome/SessionManager")
KDE = ("org.freedesktop.PowerManagement.Inhibit", "/org/freedesktop/PowerManagement/Inhibit")


class Held:
    def __init__(self) -> None:
        self.flags = 0


@ClassInfo({"D-Bus Interface": "org.gnome.SessionManager"})
class SessionManager(QObject):
    def __init__(self, held: Held) -> None:
        super().__init__()
        self.held = held

    @Slot("uint", result=bool)
    def IsInhibited(self, flags: int) -> bool:
        return bool(self.held.flags & flags)

    def _inhibited_actions(self) -> int:
        return self.held.flags

    InhibitedActions = Property("uint", _inhibited_actions)


@ClassInfo({"D-Bus Interface": "org.freedesktop.PowerManagement.Inhibit"})
class PowerManagement(QObject):
    def __init__(self, held: Held) -> None:
        super().__init__()
        self.held = held

    @Slot(result=bool)
    def HasInhibit(self) -> bool:
        return self.held.flags != 0


def start(bus: QDBusConnection) -> Command:
    held = Held()
    service: QObject = PowerManagement(held) if "--kde" in sys.argv else SessionManager(held)
    name, path = KDE if "--kde" in sys.argv else GNOME
    publish(bus, name, path, service)

    def answer(line: str) -> dict[str, object]:
        words = line.split()
        if words[:1] == ["inhibit"] and len(words) == 2:
            held.flags = int(words[1])
        elif words == ["release"]:
            held.flags = 0
        return {"done": line}

    return answer


if __name__ == "__main__":
    sys.exit(serve(start))
