"""What a media break paused, whichever way it paused it (MPRIS players or the media key).

Kept apart from both ways so that each can hand the same token back to
:class:`~stretchtimer.runtime.desk.media.MediaBreak` without importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PausedPlayer:
    name: str  # the well-known name, e.g. org.mpris.MediaPlayer2.spotify
    owner: str  # its unique connection, e.g. :1.42


@dataclass(frozen=True)
class PausedPlayers:
    """What a control's ``pause_playing`` paused; hand it back to its ``resume``."""

    players: tuple[PausedPlayer, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.players)


class Control(Protocol):
    """What a media break needs of a way to pause players."""

    def pause_playing(self) -> PausedPlayers: ...

    def resume(self, token: PausedPlayers) -> list[str]: ...
