"""A stand-in for the desktop's D-Bus services, for tray and notification tests.

Run as ``python -m tests.integration.desk.fake_desktop [--no-tray] [--no-actions]`` with
``DBUS_SESSION_BUS_ADDRESS`` naming a private bus. It offers what a Plasma or
GNOME (with the AppIndicator extension) session offers an app, on the real bus:

* ``org.kde.StatusNotifierWatcher``: the tray host that Qt's tray icon registers
  with (Qt then says a system tray is available);
* ``org.freedesktop.Notifications``: a notification server, with buttons unless
  ``--no-actions``, and KDE's ``Inhibited`` property (do-not-disturb).

It prints one JSON line for each thing an app does to it, and takes commands on
stdin, one a line: ``action ID KEY`` (the person pressed a notification button),
``inhibit on|off`` (the desktop's do-not-disturb).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, Property, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

from tests.integration.desk.fake_service import (
    SLOTS_AND_PROPERTIES,
    Command,
    publish,
    say,
    serve,
)

EXPORT = SLOTS_AND_PROPERTIES | QDBusConnection.RegisterOption.ExportAllSignals


@ClassInfo({"D-Bus Interface": "org.kde.StatusNotifierWatcher"})
class Watcher(QObject):
    StatusNotifierItemRegistered = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []

    @Slot(str)
    def RegisterStatusNotifierItem(self, service: str) -> None:
        self.items.append(service)
        say(tray_item=service)
        self.StatusNotifierItemRegistered.emit(service)

    @Slot(str)
    def RegisterStatusNotifierHost(self, service: str) -> None:
        pass

    def _host_registered(self) -> bool:
        return True

    def _registered_items(self) -> list[str]:
        return self.items

    def _protocol_version(self) -> int:
        return 0

    IsStatusNotifierHostRegistered = Property(bool, _host_registered)
    RegisteredStatusNotifierItems = Property("QStringList", _registered_items)
    ProtocolVersion = Property(int, _protocol_version)


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class Notifications(QObject):
    ActionInvoked = Signal("uint", str)
    NotificationClosed = Signal("uint", "uint")

    def __init__(self, actions: bool) -> None:
        super().__init__()
        self.actions = actions
        self.last = 0
        self.inhibited = False

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return ["body", "actions"] if self.actions else ["body"]

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(  # noqa: PLR0917 - the D-Bus method's own arguments
        self,
        app: str,
        replaces: int,
        icon: str,
        summary: str,
        body: str,
        actions: list[str],
        hints: dict[str, object],
        timeout: int,
    ) -> int:
        self.last += 1
        shown = replaces or self.last
        say(
            notify=shown,
            app=app,
            replaces=replaces,
            icon=icon,
            summary=summary,
            body=body,
            actions=list(actions),
            hints={key: str(value) for key, value in hints.items()},
        )
        return shown

    @Slot("uint")
    def CloseNotification(self, notification: int) -> None:
        say(closed=notification)
        self.NotificationClosed.emit(notification, 3)

    def _inhibited(self) -> bool:
        return self.inhibited

    Inhibited = Property(bool, _inhibited)


def start(bus: QDBusConnection) -> Command:
    if "--no-tray" not in sys.argv:
        publish(bus, "org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher", Watcher(), EXPORT)
    notifications = Notifications(actions="--no-actions" not in sys.argv)
    publish(
        bus,
        "org.freedesktop.Notifications",
        "/org/freedesktop/Notifications",
        notifications,
        EXPORT,
    )

    def answer(line: str) -> dict[str, object]:
        words = line.split()
        if words[:1] == ["action"] and len(words) == 3:
            notifications.ActionInvoked.emit(int(words[1]), words[2])
        elif words[:1] == ["inhibit"] and len(words) == 2:
            notifications.inhibited = words[1] == "on"
        return {"done": line}

    return answer


if __name__ == "__main__":
    sys.exit(serve(start))
