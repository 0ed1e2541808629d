"""Short, bounded calls on the session D-Bus (QtDBus, no other library): the desk probes,
media players and desktop notifications all call through here."""

from __future__ import annotations

import logging

from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage, QDBusVariant

log = logging.getLogger(__name__)

CALL_TIMEOUT_MS = 500  # desktop services answer at once; a stuck one must not stall us


def session_bus() -> QDBusConnection:
    return QDBusConnection.sessionBus()


def call(
    bus: QDBusConnection,
    service: str,
    path: str,
    interface: str,
    method: str,
    *args: object,
    timeout_ms: int = CALL_TIMEOUT_MS,
) -> list[object] | None:
    """A method call's reply values (variants unwrapped), or None when the bus or the service
    did not answer within ``timeout_ms``."""
    if not bus.isConnected():
        return None
    message = QDBusMessage.createMethodCall(service, path, interface, method)
    if args:
        message.setArguments(list(args))
    reply = bus.call(message, QDBus.CallMode.Block, timeout_ms)
    if reply.type() is not QDBusMessage.MessageType.ReplyMessage:
        log.debug("%s.%s: %s", interface, method, reply.errorMessage())
        return None
    return [_plain(value) for value in reply.arguments()]


def first(reply: list[object] | None) -> object:
    return reply[0] if reply else None


def get_property(
    bus: QDBusConnection,
    service: str,
    path: str,
    interface: str,
    name: str,
    *,
    timeout_ms: int = CALL_TIMEOUT_MS,
) -> object:
    """A property's value, or None."""
    reply = call(
        bus,
        service,
        path,
        "org.freedesktop.DBus.Properties",
        "Get",
        interface,
        name,
        timeout_ms=timeout_ms,
    )
    return first(reply)


BUS = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")


def bus_call(bus: QDBusConnection, method: str, *args: object) -> list[object] | None:
    """A call to the bus itself (NameHasOwner, GetNameOwner, ListNames, ...)."""
    return call(bus, *BUS, method, *args)


def has_owner(bus: QDBusConnection, service: str) -> bool:
    return first(bus_call(bus, "NameHasOwner", service)) is True


def number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _plain(value: object) -> object:
    return value.variant() if isinstance(value, QDBusVariant) else value
