"""Media steps aside for a session: players that are playing pause, and exactly those resume.

Linux desktops' media players (Spotify, browsers, VLC, mpv with its plugin,
Rhythmbox...) offer MPRIS on the session D-Bus: a bus name
``org.mpris.MediaPlayer2.*`` with ``PlaybackStatus`` and ``Pause``/``Play`` on
``/org/mpris/MediaPlayer2``. Read and called with QtDBus (no other D-Bus library).

* :meth:`MediaControl.pause_playing` pauses every player that is *Playing* and
  returns a :class:`PausedPlayers` token naming exactly those (by the unique bus
  connection, so a player that quit and started again is a new player).
* :meth:`MediaControl.resume` plays again those of them that are still there and
  still paused. A player started during the session is not in the token and is
  left alone, and so is one the person stopped or started again themselves.

Every call waits at most half a second (``runtime/dbus.py``); a player that does not
answer is skipped. Without a session bus nothing happens and the reason is logged once.

On Windows the system's media key does it (``runtime/media_key.py``), pressed only
when sound plays. macOS has no public way to pause another app's player without
pyobjc (the MediaRemote framework is private), so there nothing is paused.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from PySide6.QtDBus import QDBusConnection

from stretchtimer.runtime import dbus
from stretchtimer.runtime.desk.media_token import Control, PausedPlayer, PausedPlayers

log = logging.getLogger(__name__)

MPRIS_PREFIX = "org.mpris.MediaPlayer2."
MPRIS_PATH = "/org/mpris/MediaPlayer2"
PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player"


class MediaControl:
    """Pauses and resumes MPRIS players on one bus (the session bus unless told)."""

    def __init__(self, bus: QDBusConnection | None = None) -> None:
        self.bus = bus if bus is not None else QDBusConnection.sessionBus()

    # -- what is there ----------------------------------------------------------------------

    def available(self) -> bool:
        return self.bus.isConnected()

    def players(self) -> list[PausedPlayer]:
        """Every MPRIS player on the bus, with its owner."""
        names = dbus.bus_call(self.bus, "ListNames")
        found = []
        for name in names[0] if names and isinstance(names[0], list) else []:
            if isinstance(name, str) and name.startswith(MPRIS_PREFIX):
                owner = self._owner(name)
                if owner:
                    found.append(PausedPlayer(name, owner))
        return sorted(found, key=lambda player: player.name)

    def status(self, player: PausedPlayer) -> str | None:
        """``Playing``, ``Paused`` or ``Stopped``; None when the player did not answer."""
        value = dbus.get_property(
            self.bus, player.owner, MPRIS_PATH, PLAYER_INTERFACE, "PlaybackStatus"
        )
        return value if isinstance(value, str) else None

    # -- stepping aside ---------------------------------------------------------------------

    def pause_playing(self) -> PausedPlayers:
        """Pause the players that are playing now; the token names exactly those."""
        if not self.available():
            log.info("no session bus: media players are left as they are")
            return PausedPlayers()
        paused = []
        for player in self.players():
            if self.status(player) != "Playing":
                continue
            if self._call(player.owner, MPRIS_PATH, PLAYER_INTERFACE, "Pause") is None:
                log.info("%s did not pause", player.name)
                continue
            paused.append(player)
        if paused:
            log.info("paused for the session: %s", ", ".join(p.name for p in paused))
        return PausedPlayers(tuple(paused))

    def resume(self, token: PausedPlayers) -> list[str]:
        """Play again the players of ``token`` that are still there and still paused."""
        resumed = []
        for player in token.players:
            if self._owner(player.name) != player.owner:
                continue  # it quit (or quit and came back): not ours to start
            if self.status(player) != "Paused":
                continue  # the person stopped it, or played it again, themselves
            if self._call(player.owner, MPRIS_PATH, PLAYER_INTERFACE, "Play") is not None:
                resumed.append(player.name)
        if resumed:
            log.info("resumed after the session: %s", ", ".join(resumed))
        return resumed

    # -- the bus ----------------------------------------------------------------------------

    def _owner(self, name: str) -> str | None:
        owner = dbus.first(dbus.bus_call(self.bus, "GetNameOwner", name))
        return owner if isinstance(owner, str) else None

    def _call(self, service: str, path: str, interface: str, method: str) -> list[object] | None:
        return dbus.call(self.bus, service, path, interface, method)


class MediaBreak:
    """The players paused for one session, resumed once when it ends (finished or stopped)."""

    def __init__(self, control: Control | None) -> None:
        self.control = control
        self.token = control.pause_playing() if control is not None else PausedPlayers()

    @classmethod
    def begin(
        cls, enabled: bool, bus: QDBusConnection | None = None, platform: str = sys.platform
    ) -> MediaBreak:
        """Pause what plays now, unless the person switched that off."""
        return cls(control_for(platform, bus) if enabled else None)

    def end(self) -> list[str]:
        """Resume exactly the players paused at the start; a second call does nothing."""
        token, self.token = self.token, PausedPlayers()
        if self.control is None or not token:
            return []
        return self.control.resume(token)


def control_for(platform: str, bus: QDBusConnection | None = None) -> Control | None:
    """How media steps aside on ``platform``: MPRIS, the media key, or not at all (macOS)."""
    if platform == "win32":
        from stretchtimer.runtime.desk.media_key import media_key_control

        return media_key_control()
    if platform == "darwin":
        log.info("macOS offers no public way to pause other players: media is left playing")
        return None
    return MediaControl(bus)


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl+C until the block is done (then deliver it), on the main thread.

    Pausing players and remembering which ones must happen together: a Ctrl+C in
    between would leave music paused that nothing knows to resume.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(number: int, _frame: FrameType | None) -> None:
        caught.append(number)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            signal.raise_signal(signal.SIGINT)
