"""A stand-in media player that speaks MPRIS, really on a D-Bus bus.

Run as ``python -m tests.integration.desk.fake_player NAME [Playing|Paused|Stopped]``
with ``DBUS_SESSION_BUS_ADDRESS`` naming a private bus. It owns
``org.mpris.MediaPlayer2.NAME`` with ``/org/mpris/MediaPlayer2`` offering
``org.mpris.MediaPlayer2.Player``: ``PlaybackStatus``, ``Play``, ``Pause``,
``PlayPause``, ``Stop``. Each call is printed as a JSON line (``{"called": "Pause",
"status": "Paused"}``). Commands on stdin: ``status`` (print it), ``play``, ``pause``
(the person pressed the player's own button).
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QObject, QSocketNotifier, Slot
from PySide6.QtDBus import QDBusConnection

EXPORT = (
    QDBusConnection.RegisterOption.ExportAllSlots
    | QDBusConnection.RegisterOption.ExportAllProperties
)


def say(**message: object) -> None:
    print(json.dumps(message), flush=True)


@ClassInfo({"D-Bus Interface": "org.mpris.MediaPlayer2.Player"})
class Player(QObject):
    def __init__(self, status: str) -> None:
        super().__init__()
        self.status = status

    def _set(self, method: str, status: str) -> None:
        self.status = status
        say(called=method, status=status)

    @Slot()
    def Play(self) -> None:
        self._set("Play", "Playing")

    @Slot()
    def Pause(self) -> None:
        self._set("Pause", "Paused")

    @Slot()
    def PlayPause(self) -> None:
        self._set("PlayPause", "Paused" if self.status == "Playing" else "Playing")

    @Slot()
    def Stop(self) -> None:
        self._set("Stop", "Stopped")

    def _status(self) -> str:
        return self.status

    PlaybackStatus = Property(str, _status)


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.sessionBus()
    name = sys.argv[1]
    player = Player(sys.argv[2] if len(sys.argv) > 2 else "Playing")
    if not bus.registerObject("/org/mpris/MediaPlayer2", player, EXPORT):
        say(error="could not register the player")
        return 1
    if not bus.registerService(f"org.mpris.MediaPlayer2.{name}"):
        say(error="could not take the name")
        return 1

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        word = line.strip()
        if word == "play":
            player.status = "Playing"
        elif word == "pause":
            player.status = "Paused"
        say(done=word, status=player.status)

    reader = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    reader.activated.connect(command)
    say(ready=bus.baseService())
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
