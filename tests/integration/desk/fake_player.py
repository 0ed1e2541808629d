"""A stand-in media player that speaks MPRIS, really on a D-Bus bus.

Run as ``python -m tests.integration.desk.fake_player NAME [Playing|Paused|Stopped]
[--later]`` with ``DBUS_SESSION_BUS_ADDRESS`` naming a private bus. It owns
``org.mpris.MediaPlayer2.NAME`` with ``/org/mpris/MediaPlayer2`` offering
``org.mpris.MediaPlayer2.Player``: ``PlaybackStatus``, ``Play``, ``Pause``,
``PlayPause``, ``Stop``. Each call is printed as a JSON line (``{"called": "Pause",
"status": "Paused"}``). Commands on stdin: ``status`` (print it), ``play``, ``pause``
(the person pressed the player's own button), and with ``--later`` ``appear``: only then
does it take its name, which is when a player shows up for those who look for players
(a test starts the process early and has it appear in an instant where it needs it to).
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
    arguments = [argument for argument in sys.argv[1:] if argument != "--later"]
    name = f"org.mpris.MediaPlayer2.{arguments[0]}"
    player = Player(arguments[1] if len(arguments) > 1 else "Playing")
    later = "--later" in sys.argv
    publish(bus, None if later else name, "/org/mpris/MediaPlayer2", player)

    def answer(word: str) -> dict[str, object]:
        if word == "play":
            player.status = "Playing"
        elif word == "pause":
            player.status = "Paused"
        elif word == "appear" and later:
            return {"done": word, "appeared": bus.registerService(name)}
        return {"done": word, "status": player.status}

    return answer


if __name__ == "__main__":
    sys.exit(serve(start))
