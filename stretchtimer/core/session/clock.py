"""Where time comes from: a monotonic clock for timing and the wall clock for sleep.

The engine never reads a clock itself; its caller passes a :class:`Moment`.
In the app that moment comes from :class:`SystemClock`; in tests from
:class:`FakeClock`, so a thirty-minute routine runs in milliseconds.
"""

from __future__ import annotations

import time
from typing import NamedTuple, Protocol

# The wall clock ahead of the monotonic clock by this much: the machine slept (sessions
# and the reminder schedule both read it so).
SLEEP_GAP = 30.0


class Moment(NamedTuple):
    """A reading of both clocks at one instant, in seconds (a tuple: made on every tick)."""

    mono: float  # monotonic: stops while the machine sleeps (on Linux)
    wall: float  # wall clock: keeps going while the machine sleeps


class Clock(Protocol):
    def now(self) -> Moment: ...


class SystemClock:
    """The real clocks."""

    def now(self) -> Moment:
        return Moment(time.monotonic(), time.time())


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, mono: float = 1000.0, wall: float = 1_700_000_000.0) -> None:
        self._mono = mono
        self._wall = wall

    def now(self) -> Moment:
        return Moment(self._mono, self._wall)

    def advance(self, seconds: float) -> Moment:
        """Let ``seconds`` pass on both clocks."""
        if seconds < 0:
            raise ValueError("a clock cannot go back")
        self._mono += seconds
        self._wall += seconds
        return self.now()

    def sleep_machine(self, seconds: float) -> Moment:
        """Suspend the machine for ``seconds``: only the wall clock moves."""
        self._wall += seconds
        return self.now()


class ScaledClock:
    """Another clock sped up ``speed`` times, for previews (``play --speed``)."""

    def __init__(self, base: Clock, speed: float) -> None:
        if not speed > 0:
            raise ValueError("speed must be positive")
        self.base = base
        self.speed = speed
        self._origin = base.now()

    def now(self) -> Moment:
        real = self.base.now()
        return Moment(
            self._origin.mono + (real.mono - self._origin.mono) * self.speed,
            self._origin.wall + (real.wall - self._origin.wall) * self.speed,
        )

    def real_delay(self, scaled_seconds: float) -> float:
        """How long ``scaled_seconds`` of this clock take on the base clock."""
        return scaled_seconds / self.speed
