"""How a session is asked to play: the options of ``stretchtimer play``.

One value for the whole way from the command line to the session, also across the
single-instance hand-off, so a routine handed to a running app plays exactly as asked:
``--speed`` (a preview), ``--voice``, ``--rate`` and ``--mute``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlayOptions:
    """``speed`` above or below 1 makes a preview (chimes only, not counted in statistics);
    ``voice`` and ``rate`` override the settings for this session; ``mute`` silences it."""

    speed: float = 1.0
    voice: str | None = None
    rate: int | None = None
    mute: bool = False

    @property
    def preview(self) -> bool:
        return self.speed != 1.0

    def to_json(self) -> dict[str, object]:
        """The options that differ from the defaults, as JSON values."""
        message: dict[str, object] = {}
        if self.speed != 1.0:
            message["speed"] = self.speed
        if self.voice is not None:
            message["voice"] = self.voice
        if self.rate is not None:
            message["rate"] = self.rate
        if self.mute:
            message["mute"] = True
        return message

    @classmethod
    def from_json(cls, message: dict[str, object]) -> PlayOptions:
        """Read :meth:`to_json`'s keys back; ValueError says which one is wrong."""
        speed = message.get("speed", 1.0)
        voice = message.get("voice")
        rate = message.get("rate")
        mute = message.get("mute", False)
        if isinstance(speed, bool) or not isinstance(speed, int | float) or not speed > 0:
            raise ValueError("speed must be a number above 0")
        if voice is not None and not isinstance(voice, str):
            raise ValueError("voice must be text")
        if rate is not None and (isinstance(rate, bool) or not isinstance(rate, int)):
            raise ValueError("rate must be a whole number")
        if not isinstance(mute, bool):
            raise ValueError("mute must be true or false")
        return cls(float(speed), voice, rate, mute)
