"""The desktop's Do Not Disturb: GNOME's setting, or the notification server's own flag.

* GNOME: Do Not Disturb turns ``org.gnome.desktop.notifications show-banners`` off
  (read with ``gsettings``).
* KDE Plasma (and servers that follow it): the ``Inhibited`` property of
  ``org.freedesktop.Notifications`` on the session bus.
"""

from __future__ import annotations

import shutil

from PySide6.QtDBus import QDBusConnection

from stretchtimer.core.i18n import _
from stretchtimer.runtime import dbus
from stretchtimer.system.presence.probe import Check, Kind, run_command

NOTIFICATIONS = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
GNOME_SCHEMA = ("org.gnome.desktop.notifications", "show-banners")


class GnomeDoNotDisturb:
    name = "GNOME Do Not Disturb (gsettings)"
    kind = Kind.DO_NOT_DISTURB

    def active(self) -> bool | None:
        output = run_command(["gsettings", "get", *GNOME_SCHEMA])
        if output is None:
            return None
        value = output.strip()
        return {"false": True, "true": False}.get(value)

    def check(self) -> Check:
        if shutil.which("gsettings") is None:
            return Check(False, _("gsettings is missing (not a GNOME desktop)"))
        if self.active() is None:
            return Check(False, _("GNOME's notification settings are not installed"))
        return Check(True, _("GNOME's Do Not Disturb can be read"))


class NotificationsInhibited:
    name = "notification server's Inhibited flag (KDE)"
    kind = Kind.DO_NOT_DISTURB

    def __init__(self, bus: QDBusConnection | None = None) -> None:
        self.bus = bus or dbus.session_bus()

    def active(self) -> bool | None:
        value = dbus.get_property(self.bus, *NOTIFICATIONS, NOTIFICATIONS[0], "Inhibited")
        return value if isinstance(value, bool) else None

    def check(self) -> Check:
        if not self.bus.isConnected():
            return Check(False, _("no session D-Bus"))
        if self.active() is None:
            return Check(False, _("the notification server does not say when it is inhibited"))
        return Check(True, _("the notification server tells when Do Not Disturb is on"))
