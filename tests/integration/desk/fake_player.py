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

import sys

from PySide6.QtCore import ClassInfo, Property, QObject, Slot
from PySide6.QtDBus import QDBusConnection

from tests.integration.desk.fake_service import Command, publish, say, serve


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


def start(bus: QDBusConnection) -> Command:
    player = Player(sys.argv[2] if len(sys.argv) > 2 else "Playing")
    publish(bus, f"org.mpris.MediaPlayer2.{sys.argv[1]}", "/org/mpris/MediaPlayer2", player)

    def answer(word: str) -> dict[str, object]:
        if word == "play":
            player.status = "Playing"
        elif word == "pause":
            player.status = "Paused"
        return {"done": word, "status": player.status}

    return answer


if __name__ == "__main__":
    sys.exit(serve(start))
