"""Notifications with buttons, through the desktop's notification server (Linux, BSD).

The freedesktop notification server (``org.freedesktop.Notifications`` on the
session bus, run by GNOME Shell, KDE Plasma, Xfce, dunst, mako ...) shows a
notification with our Start, Snooze and Skip buttons, holds it back while the
desktop's do-not-disturb is on, and tells us which button was pressed. A tray
icon's own messages cannot carry buttons, so where there is no such server the
app shows its small reminder window instead.

PySide6 has no ``QVariant``: a plain call would send Python ints as ``int32``
where the specification wants ``uint32``, and strict servers refuse the call.
Calling the method through ``QMetaObject.invokeMethod`` on a ``QDBusInterface``
lets Qt marshal each argument with the type the server declares. That call
waits for the answer, so it has a short timeout; the server answers at once.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface

from stretchtimer import APP_DISPLAY_NAME, APP_ID
from stretchtimer.core.i18n import _
from stretchtimer.runtime import dbus

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = SERVICE
TIMEOUT_MS = 1500  # the server answers at once; never keep the window waiting long
DEFAULT_ACTION = "default"  # the action key for a click on the notification itself


def server_present(bus: QDBusConnection) -> bool:
    """A notification server runs, or the bus can start one."""
    if not bus.isConnected():
        return False
    if dbus.has_owner(bus, SERVICE):
        return True
    startable = dbus.first(dbus.bus_call(bus, "ListActivatableNames"))
    return isinstance(startable, list) and SERVICE in startable


class DesktopNotifications(QObject):
    """One notification at a time (a new one replaces the last), with buttons.

    Signals:
        action(str): the key of the button pressed.
        clicked(): the person clicked the notification itself.
    """

    action = Signal(str)
    clicked = Signal()

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._interface: QDBusInterface | None = None
        self._capabilities: list[str] | None = None
        self._shown = 0  # the id of our notification on screen, 0 for none
        self._last = 0  # the id of the last one we showed (its buttons may outlive it)
        # The stubs say bytes; PySide6 wants the SLOT() text as str.
        slots = {
            "ActionInvoked": "1_on_action(uint,QString)",
            "NotificationClosed": "1_on_closed(uint,uint)",
        }
        for signal, slot in slots.items():
            if not bus.connect(SERVICE, PATH, INTERFACE, signal, self, slot):  # type: ignore[call-overload]
                log.warning("cannot listen to the notification server's %s", signal)

    @classmethod
    def for_this_desktop(cls, parent: QObject | None = None) -> DesktopNotifications | None:
        """The desktop's notification server, when this system has one."""
        if not (sys.platform.startswith("linux") or "bsd" in sys.platform):
            return None
        try:
            bus = QDBusConnection.sessionBus()
            if not server_present(bus):
                log.info("no desktop notification server; reminders use their own window")
                return None
            return cls(bus, parent)
        except Exception:  # an optional part: without it, reminders use their own window
            log.exception("desktop notifications are off")
            return None

    # -- what the server can do -------------------------------------------------------------

    def capabilities(self) -> list[str]:
        if self._capabilities is None:
            found = dbus.first(
                dbus.call(
                    self.bus, SERVICE, PATH, INTERFACE, "GetCapabilities", timeout_ms=TIMEOUT_MS
                )
            )
            self._capabilities = [str(item) for item in found] if isinstance(found, list) else []
            log.info("notification server can: %s", ", ".join(self._capabilities) or "nothing")
        return self._capabilities

    def supports_actions(self) -> bool:
        return "actions" in self.capabilities()

    def inhibited(self) -> bool:
        """The desktop's do-not-disturb is on (KDE Plasma says so; other servers do not)."""
        value = dbus.get_property(
            self.bus, SERVICE, PATH, INTERFACE, "Inhibited", timeout_ms=TIMEOUT_MS
        )
        return value is True

    # -- showing ----------------------------------------------------------------------------

    def show(self, summary: str, body: str, actions: list[tuple[str, str]]) -> bool:
        """Show (or replace) our notification; False when the server refused it."""
        interface = self._notifications()
        if interface is None:
            return False
        flat: list[str] = []
        for key, label in [(DEFAULT_ACTION, _("Open")), *actions] if actions else []:
            flat += [key, label]
        hints = {"desktop-entry": APP_ID}
        shown = QMetaObject.invokeMethod(
            interface,
            "Notify",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("uint"),
            Q_ARG("QString", APP_DISPLAY_NAME),
            Q_ARG("uint", self._shown),
            Q_ARG("QString", APP_ID),
            Q_ARG("QString", summary),
            Q_ARG("QString", body),
            Q_ARG("QStringList", flat),
            Q_ARG("QVariantMap", hints),
            Q_ARG("int", -1),
        )
        if not shown:
            log.warning("the notification server refused: %s", interface.lastError().message())
            return False
        self._shown = self._last = int(shown)  # type: ignore[call-overload]
        return True

    def close(self) -> None:
        """Take our notification away, if it is still there."""
        if not self._shown:
            return
        interface = self._notifications()
        shown, self._shown = self._shown, 0
        if interface is not None:
            QMetaObject.invokeMethod(
                interface,
                "CloseNotification",
                Qt.ConnectionType.DirectConnection,
                Q_ARG("uint", shown),
            )

    @property
    def showing(self) -> bool:
        return bool(self._shown)

    def _notifications(self) -> QDBusInterface | None:
        if self._interface is None:
            interface = QDBusInterface(SERVICE, PATH, INTERFACE, self.bus, self)
            if not interface.isValid():
                log.warning("cannot reach the notification server: %s", interface.lastError())
                return None
            interface.setTimeout(TIMEOUT_MS)
            self._interface = interface
        return self._interface

    # -- the server's news ------------------------------------------------------------------

    @Slot("uint", str)
    def _on_action(self, notification: int, key: str) -> None:
        if notification and notification == self._last:
            log.info("notification button: %s", key)
            if key == DEFAULT_ACTION:
                self.clicked.emit()
            else:
                self.action.emit(key)

    @Slot("uint", "uint")
    def _on_closed(self, notification: int, reason: int) -> None:
        if notification and notification == self._shown:
            self._shown = 0
