"""Idle time and the locked screen from the desktop over D-Bus (GNOME, KDE; X11 and Wayland).

* GNOME's Mutter idle monitor (``org.gnome.Mutter.IdleMonitor``): milliseconds since
  the last input, on Wayland as on X11.
* The freedesktop screen saver (``org.freedesktop.ScreenSaver``, run by KDE Plasma,
  GNOME's compatibility layer, Xfce and others): whether the screen is locked and
  since when, and on KDE the session's idle time.

A locked screen counts as idle since it was locked (or longer, when the idle time
says so).
"""

from __future__ import annotations

from PySide6.QtDBus import QDBusConnection

from stretchtimer.core.i18n import N_, _
from stretchtimer.runtime import dbus
from stretchtimer.system.presence.probe import Check, Kind

MUTTER = ("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core")
MUTTER_INTERFACE = "org.gnome.Mutter.IdleMonitor"
SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver")
SCREENSAVER_INTERFACE = "org.freedesktop.ScreenSaver"
NO_BUS_FIX = N_("start the app inside your desktop session (DBUS_SESSION_BUS_ADDRESS is not set)")


class MutterIdle:
    """GNOME's idle monitor."""

    name = "GNOME idle monitor (org.gnome.Mutter.IdleMonitor)"
    kind = Kind.IDLE

    def __init__(self, bus: QDBusConnection | None = None) -> None:
        self.bus = bus or dbus.session_bus()

    def idle_seconds(self) -> float | None:
        reply = dbus.call(self.bus, *MUTTER, MUTTER_INTERFACE, "GetIdletime")
        milliseconds = dbus.number(dbus.first(reply))
        return None if milliseconds is None else milliseconds / 1000.0

    def check(self) -> Check:
        if not self.bus.isConnected():
            return Check(False, _("no session D-Bus"), _(NO_BUS_FIX))
        if self.idle_seconds() is None:
            return Check(False, _("GNOME's idle monitor does not answer (not a GNOME session)"))
        return Check(True, _("GNOME's idle monitor answers"))


class ScreenSaverIdle:
    """The freedesktop screen saver: the locked screen, and KDE's session idle time."""

    name = "screen saver (org.freedesktop.ScreenSaver)"
    kind = Kind.IDLE

    def __init__(self, bus: QDBusConnection | None = None) -> None:
        self.bus = bus or dbus.session_bus()

    def locked_seconds(self) -> float | None:
        """Seconds since the screen was locked, 0 when it is not, None when unknown."""
        active = dbus.first(dbus.call(self.bus, *SCREENSAVER, SCREENSAVER_INTERFACE, "GetActive"))
        if active is not True:
            return 0.0 if active is False else None
        reply = dbus.call(self.bus, *SCREENSAVER, SCREENSAVER_INTERFACE, "GetActiveTime")
        seconds = dbus.number(dbus.first(reply))
        return seconds if seconds is not None else 0.0

    def session_idle_seconds(self) -> float | None:
        reply = dbus.call(self.bus, *SCREENSAVER, SCREENSAVER_INTERFACE, "GetSessionIdleTime")
        milliseconds = dbus.number(dbus.first(reply))
        return None if milliseconds is None else milliseconds / 1000.0

    def idle_seconds(self) -> float | None:
        locked = self.locked_seconds()
        idle = self.session_idle_seconds()
        known = [value for value in (locked, idle) if value is not None]
        return max(known) if known else None

    def check(self) -> Check:
        if not self.bus.isConnected():
            return Check(False, _("no session D-Bus"), _(NO_BUS_FIX))
        if self.session_idle_seconds() is not None:
            return Check(True, _("the screen saver tells idle time and the locked screen"))
        if self.locked_seconds() is not None:
            return Check(True, _("the screen saver tells when the screen is locked"))
        return Check(False, _("no screen saver service on the session bus"))
