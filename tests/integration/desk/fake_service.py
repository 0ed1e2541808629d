"""What every stand-in desktop service of this folder does the same way, once.

A stand-in (``fake_desktop``, ``fake_player``, ``fake_presence``, ``fake_inhibitors``) is
a small Qt program on the session bus named by ``DBUS_SESSION_BUS_ADDRESS``. It puts its
objects on the bus and takes their names (:func:`publish`), then :func:`serve` prints
``{"ready": ...}`` and answers each line on stdin with one JSON line, until stdin closes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier
from PySide6.QtDBus import QDBusConnection

SLOTS_AND_PROPERTIES = (
    QDBusConnection.RegisterOption.ExportAllSlots
    | QDBusConnection.RegisterOption.ExportAllProperties
)

Command = Callable[[str], dict[str, object]]
"""Answers one line of stdin (without its newline) with the JSON line to print."""


_PUBLISHED: list[QObject] = []  # the bus holds no Python reference: they live here


class PublishError(Exception):
    """The bus refused an object or a name."""


def say(**message: object) -> None:
    print(json.dumps(message), flush=True)


def publish(
    bus: QDBusConnection,
    name: str | None,
    path: str,
    service: QObject,
    options: QDBusConnection.RegisterOption = SLOTS_AND_PROPERTIES,
) -> None:
    """Offer ``service`` at ``path`` and take the well-known ``name`` for it (``None``:
    the caller takes it later, with ``bus.registerService``)."""
    if not bus.registerObject(path, service, options):
        raise PublishError(f"could not register {path}")
    if name is not None and not bus.registerService(name):
        raise PublishError(f"could not take the name {name}")
    _PUBLISHED.append(service)


def serve(start: Callable[[QDBusConnection], Command]) -> int:
    """Run a stand-in: ``start`` publishes its objects on the session bus and returns
    what answers the commands. The exit code: 0 when stdin closes, 1 when it could
    not be put on the bus (with an ``{"error": ...}`` line saying why)."""
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        say(error="no session bus")
        return 1
    try:
        answer = start(bus)
    except PublishError as refused:
        say(error=str(refused))
        return 1

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        say(**answer(line.strip()))

    reader = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    reader.activated.connect(command)
    say(ready=bus.baseService())
    return app.exec()
