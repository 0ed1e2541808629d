"""A video or a presentation is running: another program keeps the screen awake (Wayland).

On Wayland no program may see another's windows, so "another window is full
screen" cannot be asked. What the desktop does tell is that a program holds an
*idle inhibitor*: video players, browsers playing a film, presentation tools and
video-call apps ask the session not to blank the screen while they run. The
reminders wait for that as they wait for a full-screen window.

* GNOME: the ``InhibitedActions`` property of ``org.gnome.SessionManager`` (a bitmask;
  8 is "idle").
* KDE Plasma (and desktops that follow it): ``HasInhibit`` of
  ``org.freedesktop.PowerManagement.Inhibit``.

Read only on Wayland (``DeskProbes``): on X11 the window manager tells full screen
itself, and a film in a small window there should not hold a reminder.
"""

from __future__ import annotations

from PySide6.QtDBus import QDBusConnection

from stretchtimer.core.i18n import _
from stretchtimer.runtime import dbus
from stretchtimer.system.presence.probe import Check, Kind

GNOME_SESSION = ("org.gnome.SessionManager", "/org/gnome/SessionManager")
IDLE_FLAG = 8  # GsmInhibitorFlag: logout 1, switch user 2, suspend 4, idle 8
POWER_MANAGEMENT = (
    "org.freedesktop.PowerManagement.Inhibit",
    "/org/freedesktop/PowerManagement/Inhibit",
)


class GnomeIdleInhibited:
    name = "GNOME session manager (org.gnome.SessionManager InhibitedActions)"
    kind = Kind.FULL_SCREEN

    def __init__(self, bus: QDBusConnection | None = None) -> None:
        self.bus = bus or dbus.session_bus()

    def active(self) -> bool | None:
        flags = dbus.number(
            dbus.get_property(self.bus, *GNOME_SESSION, GNOME_SESSION[0], "InhibitedActions")
        )
        return None if flags is None else bool(int(flags) & IDLE_FLAG)

    def check(self) -> Check:
        if self.active() is None:
            return Check(False, _("GNOME's session manager does not answer"))
        return Check(
            True,
            _("GNOME's session manager tells when a video or a presentation runs"),
        )


class PowerManagementInhibited:
    name = "power management inhibitors (org.freedesktop.PowerManagement.Inhibit, KDE)"
    kind = Kind.FULL_SCREEN

    def __init__(self, bus: QDBusConnection | None = None) -> None:
        self.bus = bus or dbus.session_bus()

    def active(self) -> bool | None:
        value = dbus.first(
            dbus.call(self.bus, *POWER_MANAGEMENT, POWER_MANAGEMENT[0], "HasInhibit")
        )
        return value if isinstance(value, bool) else None

    def check(self) -> Check:
        if self.active() is None:
            return Check(False, _("no power management service on the session bus"))
        return Check(
            True,
            _("the power management service tells when a video or a presentation runs"),
        )
